#include "prune/deployment_tally.h"

namespace s3prune::prune {

void Count(Tally& tally, const ListedEntry& entry) {
  const policy::Timestamp when = entry.last_modified;
  if (!tally.seen_any || when > tally.newest_any) tally.newest_any = when;
  if (!tally.seen_any || when < tally.oldest_any) tally.oldest_any = when;
  tally.seen_any = true;
  tally.versions_digest.Add(entry, VersionIds::kHashed);
  if (entry.is_current) tally.current_digest.Add(entry, VersionIds::kIgnored);
  if (!entry.is_delete_marker && entry.etag.empty()) tally.etag_missing = true;
  if (entry.version_id.empty()) tally.version_id_missing = true;
  auto& deployment = tally.deployment;
  if (entry.is_delete_marker && (!tally.newest_marker || when > *tally.newest_marker)) tally.newest_marker = when;
  if (!entry.is_delete_marker && entry.version_id == "null") deployment.null_version_bytes += entry.size;
  if (!entry.is_current) {
    ++deployment.noncurrent_versions;
    deployment.noncurrent_bytes += entry.size;
    return;
  }
  if (!tally.seen_current || when > deployment.newest) deployment.newest = when;
  if (!tally.seen_current || when < deployment.oldest) deployment.oldest = when;
  tally.seen_current = true;
  ++deployment.objects;
  deployment.bytes += entry.size;
}

void AddToInventory(Inventory& inventory, Tally tally) {
  if (!tally.etag_missing) {
    tally.deployment.current_digest = tally.current_digest.value();
    if (!tally.version_id_missing) tally.deployment.versions_digest = tally.versions_digest.value();
  }
  if (tally.seen_current) {
    inventory.deployments.push_back(std::move(tally.deployment));
  } else if (tally.seen_any) {
    tally.deployment.newest = tally.newest_marker.value_or(tally.newest_any);
    if (!tally.newest_marker) tally.deployment.deletion_time = policy::DeletionTime::kUnknown;
    tally.deployment.oldest = tally.oldest_any;
    inventory.residue.push_back(std::move(tally.deployment));
  }
}

}  // namespace s3prune::prune
