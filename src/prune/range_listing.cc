#include "prune/range_listing.h"

#include <map>

#include "s3/list_operations.h"

namespace s3prune::prune {
namespace {

using IdIndex = std::map<std::string, std::size_t, std::less<>>;

IdIndex IndexIds(const KeyRange& range) {
  IdIndex index;
  for (std::size_t i = 0; i < range.ids.size(); ++i) index.emplace(range.ids[i], i);
  return index;
}

// The deployment index of `key` within the range, or nullopt when it is not one of ours.
std::optional<std::size_t> OwnDeployment(const IdIndex& index, std::string_view prefix, std::string_view key) {
  const auto id = DeploymentIdOfKey(prefix, key);
  if (!id) return std::nullopt;
  const auto it = index.find(*id);
  if (it == index.end()) return std::nullopt;
  return it->second;
}

s3::Result<void> ListCurrentObjects(s3::S3Client& client, const RangeListing& listing,
                                    const KeyRange& range, const PageVisitor& visit) {
  const IdIndex index = IndexIds(range);
  s3::ListObjectsRequest request{listing.bucket, listing.prefix, "", "", range.start_after, listing.page_size};
  while (true) {
    auto page = s3::ListObjectsV2(client, request);
    if (!page) return std::unexpected(page.error());
    std::vector<ListedEntry> entries;
    bool past_end = false;
    for (auto& object : page->objects) {
      if (PastRange(range, object.key)) {
        past_end = true;
        break;
      }
      if (auto deployment = OwnDeployment(index, listing.prefix, object.key)) {
        entries.push_back(ListedEntry{std::move(object.key), "", object.size, object.last_modified,
                                      true, false, *deployment});
      }
    }
    visit(std::move(entries));
    if (past_end || !page->is_truncated) return {};
    request.continuation_token = std::move(page->next_continuation_token);
  }
}

s3::Result<void> ListAllVersions(s3::S3Client& client, const RangeListing& listing, const KeyRange& range,
                                 const PageVisitor& visit) {
  const IdIndex index = IndexIds(range);
  s3::ListVersionsRequest request{listing.bucket, listing.prefix, "", range.start_after, "", listing.page_size};
  while (true) {
    auto page = s3::ListObjectVersions(client, request);
    if (!page) return std::unexpected(page.error());
    std::vector<ListedEntry> entries;
    bool past_end = false;
    for (auto& version : page->versions) {
      if (PastRange(range, version.key)) {
        past_end = true;
        break;
      }
      if (auto deployment = OwnDeployment(index, listing.prefix, version.key)) {
        const bool current = version.is_latest && !version.is_delete_marker;
        entries.push_back(ListedEntry{std::move(version.key), std::move(version.version_id), version.size,
                                      version.last_modified, current, version.is_delete_marker, *deployment});
      }
    }
    visit(std::move(entries));
    if (past_end || !page->is_truncated) return {};
    request.key_marker = std::move(page->next_key_marker);
    request.version_id_marker = std::move(page->next_version_id_marker);
  }
}

}  // namespace

s3::Result<void> ListRange(s3::S3Client& client, const RangeListing& listing, const KeyRange& range,
                           const PageVisitor& visit) {
  if (listing.mode == ListingMode::kAllVersions) return ListAllVersions(client, listing, range, visit);
  return ListCurrentObjects(client, listing, range, visit);
}

}  // namespace s3prune::prune
