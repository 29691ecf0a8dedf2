#include "prune/range_listing.h"

#include <map>

#include "s3/paginator.h"

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
  const s3::ListObjectsRequest first{listing.bucket, listing.prefix, "", "", range.start_after, listing.page_size};
  return s3::PageObjects(client, first, [&](s3::ListObjectsPage& page) {
    std::vector<ListedEntry> entries;
    auto control = s3::PageControl::kContinue;
    for (auto& object : page.objects) {
      if (PastRange(range, object.key)) {
        control = s3::PageControl::kStop;
        break;
      }
      if (auto deployment = OwnDeployment(index, listing.prefix, object.key)) {
        entries.push_back(ListedEntry{std::move(object.key), "", object.size, object.last_modified,
                                      true, false, *deployment});
      }
    }
    visit(std::move(entries));
    return control;
  });
}

s3::Result<void> ListAllVersions(s3::S3Client& client, const RangeListing& listing, const KeyRange& range,
                                 const PageVisitor& visit) {
  const IdIndex index = IndexIds(range);
  const s3::ListVersionsRequest first{listing.bucket, listing.prefix, "", range.start_after, "", listing.page_size};
  return s3::PageVersions(client, first, [&](s3::ListVersionsPage& page) {
    std::vector<ListedEntry> entries;
    auto control = s3::PageControl::kContinue;
    for (auto& version : page.versions) {
      if (PastRange(range, version.key)) {
        control = s3::PageControl::kStop;
        break;
      }
      if (auto deployment = OwnDeployment(index, listing.prefix, version.key)) {
        const bool current = version.is_latest && !version.is_delete_marker;
        entries.push_back(ListedEntry{std::move(version.key), std::move(version.version_id), version.size,
                                      version.last_modified, current, version.is_delete_marker, *deployment});
      }
    }
    visit(std::move(entries));
    return control;
  });
}

}  // namespace

s3::Result<void> ListRange(s3::S3Client& client, const RangeListing& listing, const KeyRange& range,
                           const PageVisitor& visit) {
  if (listing.mode == ListingMode::kAllVersions) return ListAllVersions(client, listing, range, visit);
  return ListCurrentObjects(client, listing, range, visit);
}

}  // namespace s3prune::prune
