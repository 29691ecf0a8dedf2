#include "prune/snapshot_check.h"

#include <algorithm>

#include "prune/listing_digest.h"
#include "s3/core/timestamp.h"

namespace s3prune::prune {

std::string ChangeSincePlan(const policy::Deployment& planned, const std::vector<ListedEntry>& listed,
                            ListingMode mode, std::optional<s3::Timestamp> snapshot) {
  if (snapshot) {
    // Dated within the granularity after the plan: it may have been written before it.
    const s3::Timestamp written_after = *snapshot + kTimestampGranularity;
    std::size_t newer = 0;
    s3::Timestamp newest{};
    for (const auto& entry : listed) {
      if (entry.last_modified < written_after) continue;
      ++newer;
      newest = std::max(newest, entry.last_modified);
    }
    if (newer > 0) {
      return std::to_string(newer) + (newer == 1 ? " object" : " objects") + " written after the plan (" +
             s3::FormatTimestamp(*snapshot) + "), the newest at " + s3::FormatTimestamp(newest);
    }
  }
  const std::uint64_t seen = planned.objects + (mode == ListingMode::kAllVersions ? planned.noncurrent_versions : 0);
  if (listed.size() > seen) {
    return std::to_string(listed.size()) + " objects now, the plan saw " + std::to_string(seen);
  }
  const bool versions = mode == ListingMode::kAllVersions;
  const auto& digest = versions ? planned.versions_digest : planned.current_digest;
  if (listed.size() == seen && digest &&
      DigestOf(listed, versions ? VersionIds::kHashed : VersionIds::kIgnored) != *digest) {
    return std::to_string(seen) + " objects as the plan saw, but not the same keys, sizes, ETags or version ids: "
           "rewritten since the plan";
  }
  return {};
}

}  // namespace s3prune::prune
