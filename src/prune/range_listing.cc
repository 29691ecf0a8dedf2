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

// Hands the page's entries of the range's own deployments to `visit`, and stops the walk
// at the first key past the range.
template <class Listed, class ToEntry>
s3::PageControl VisitPage(const RangeListing& listing, const KeyRange& range, const IdIndex& index,
                          std::vector<Listed>& listed, ToEntry to_entry, const PageVisitor& visit) {
  std::vector<ListedEntry> entries;
  auto control = s3::PageControl::kContinue;
  for (auto& item : listed) {
    if (PastRange(range, item.key)) {
      control = s3::PageControl::kStop;
      break;
    }
    if (auto deployment = OwnDeployment(index, listing.prefix, item.key)) {
      entries.push_back(to_entry(item, *deployment));
    }
  }
  if (visit(std::move(entries)) == s3::PageControl::kStop) return s3::PageControl::kStop;
  return control;
}

ListedEntry FromObject(s3::ObjectSummary& object, std::size_t deployment) {
  return ListedEntry{std::move(object.key), "", object.size, object.last_modified, true, false, deployment,
                     std::move(object.etag)};
}

ListedEntry FromVersion(s3::ObjectVersion& version, std::size_t deployment) {
  const bool current = version.is_latest && !version.is_delete_marker;
  return ListedEntry{std::move(version.key), std::move(version.version_id), version.size,
                     version.last_modified, current, version.is_delete_marker, deployment, std::move(version.etag)};
}

}  // namespace

s3::Result<void> ListRange(s3::S3Client& client, const RangeListing& listing, const KeyRange& range,
                           const PageVisitor& visit) {
  const IdIndex index = IndexIds(range);
  if (listing.mode == ListingMode::kAllVersions) {
    return s3::PageVersions(client, {listing.bucket, listing.prefix, "", range.start_after, "", listing.page_size},
                            [&](s3::ListVersionsPage& page) {
                              return VisitPage(listing, range, index, page.versions, FromVersion, visit);
                            });
  }
  return s3::PageObjects(client, {listing.bucket, listing.prefix, "", "", range.start_after, listing.page_size},
                         [&](s3::ListObjectsPage& page) {
                           return VisitPage(listing, range, index, page.objects, FromObject, visit);
                         });
}

}  // namespace s3prune::prune
