#include "prune/discovery.h"

#include <algorithm>
#include <optional>

#include "prune/deployment_tally.h"
#include "prune/key_layout.h"
#include "prune/parallel.h"
#include "s3/list_operations.h"
#include "s3/paginator.h"

namespace s3prune::prune {
namespace {

// Returns whether the page holds the common prefix "PREFIX/" of keys with an empty first
// segment, which names no deployment.
bool AddPageOfNames(DeploymentNames& names, const std::string& prefix,
                    const std::vector<std::string>& common_prefixes, std::uint64_t root_objects) {
  bool empty_segment = false;
  for (const auto& common_prefix : common_prefixes) {
    if (auto id = DeploymentIdOfCommonPrefix(prefix, common_prefix)) {
      names.ids.push_back(std::move(*id));
    } else if (common_prefix.size() == prefix.size() + 1 && common_prefix.back() == '/') {
      empty_segment = true;
    }
  }
  names.root_objects += root_objects;
  return empty_segment;
}

// The current objects under "PREFIX/": keys such as "/lead/index.html" belong to no
// deployment, but are counted so that nothing in the bucket is out of view.
s3::Result<std::uint64_t> CountEmptySegmentObjects(s3::S3Client& client, const std::string& bucket,
                                                   const std::string& prefix) {
  std::uint64_t count = 0;
  auto listed = s3::PageObjects(client, {bucket, prefix + "/", "", "", "", s3::kMaxKeysPerList},
                                [&](s3::ListObjectsPage& page) {
                                  count += page.objects.size();
                                  return s3::PageControl::kContinue;
                                });
  if (!listed) return std::unexpected(std::move(listed.error()));
  return count;
}

// Listings prove themselves: every deployment the delimiter listing named must be found by
// the range listings. One that was not means a range listing ended early (a server that
// answers a continuation with an empty, untruncated page, as OpenStack Swift does for a
// wrong version marker) or the deployment was deleted meanwhile. Either way the view is not
// the bucket's: stop, naming them, rather than plan on fewer deployments than there are.
// In kAllVersions mode every named prefix holds a version or a delete marker, so not finding
// one is decisive. In kCurrentObjects mode a prefix holding only delete markers and old
// versions (residue) may be named yet hold no current object, so each one not found is
// asked once, alone (one key is enough), whether it has a current object after all.
s3::Result<void> CheckEveryNameWasListed(s3::S3Client& client, const DiscoveryRequest& request,
                                         const std::vector<std::vector<Tally>>& tallies) {
  std::vector<std::string> unfound;
  for (const auto& range_tallies : tallies) {
    for (const auto& tally : range_tallies) {
      if (!tally.seen_any) unfound.push_back(tally.deployment.id);
    }
  }
  if (unfound.empty()) return {};
  std::vector<std::string> missing;
  if (request.mode == ListingMode::kAllVersions) {
    missing = std::move(unfound);
  } else {
    std::vector<s3::Result<bool>> has_current(unfound.size(), false);
    RunParallel(unfound.size(), request.concurrency, [&](std::size_t i) {
      if (auto thrown = CatchAsError([&] {
            has_current[i] = HasCurrentObject(client, request.bucket, request.prefix, unfound[i]);
          })) {
        has_current[i] = std::unexpected(*thrown);
      }
    });
    for (std::size_t i = 0; i < unfound.size(); ++i) {
      if (!has_current[i]) return std::unexpected(has_current[i].error());
      if (*has_current[i]) missing.push_back(std::move(unfound[i]));
    }
  }
  if (missing.empty()) return {};
  constexpr std::size_t kNamesShown = 5;
  std::string names;
  for (std::size_t i = 0; i < missing.size() && i < kNamesShown; ++i) {
    names += (i == 0 ? "'" : ", '") + missing[i] + "'";
  }
  if (missing.size() > kNamesShown) names += " and " + std::to_string(missing.size() - kNamesShown) + " more";
  return std::unexpected(
      s3::MakeError(s3::ErrorCode::kMalformedReply,
                    std::to_string(missing.size()) + (missing.size() == 1 ? " deployment" : " deployments") +
                        " named by the delimiter listing but not found by the listing of its keys (" + names +
                        "): the server ended that listing early, or they were deleted meanwhile; "
                        "not planning on a partial view of the bucket"));
}

}  // namespace

s3::Result<bool> HasCurrentObject(s3::S3Client& client, const std::string& bucket, const std::string& prefix,
                                  const std::string& id) {
  s3::ListObjectsRequest one{.bucket = bucket, .prefix = DeploymentPrefix(prefix, id)};
  one.max_keys = 1;
  auto page = s3::ListObjectsV2(client, one);
  if (!page) return std::unexpected(page.error());
  return !page->objects.empty();
}

s3::Result<DeploymentNames> ListDeploymentNames(s3::S3Client& client, const std::string& bucket,
                                                const std::string& prefix, ListingMode mode) {
  DeploymentNames names;
  bool empty_segment = false;
  auto listed = [&]() -> s3::Result<void> {
    if (mode == ListingMode::kCurrentObjects) {
      return s3::PageObjects(client, {bucket, prefix, "/", "", "", s3::kMaxKeysPerList},
                             [&](s3::ListObjectsPage& page) {
                               empty_segment |= AddPageOfNames(names, prefix, page.common_prefixes, page.objects.size());
                               return s3::PageControl::kContinue;
                             });
    }
    return s3::PageVersions(client, {bucket, prefix, "/", "", "", s3::kMaxKeysPerList},
                            [&](s3::ListVersionsPage& page) {
                              const auto current = std::ranges::count_if(page.versions, [](const s3::ObjectVersion& v) {
                                return v.is_latest && !v.is_delete_marker;
                              });
                              empty_segment |= AddPageOfNames(names, prefix, page.common_prefixes,
                                                              static_cast<std::uint64_t>(current));
                              return s3::PageControl::kContinue;
                            });
  }();
  if (!listed) return std::unexpected(std::move(listed.error()));
  if (empty_segment) {
    auto unnamed = CountEmptySegmentObjects(client, bucket, prefix);
    if (!unnamed) return std::unexpected(std::move(unnamed.error()));
    names.root_objects += *unnamed;
  }
  SortByKeyOrder(names.ids);
  names.ids.erase(std::unique(names.ids.begin(), names.ids.end()), names.ids.end());
  return names;
}

s3::Result<Inventory> DiscoverDeployments(s3::S3Client& client, const DiscoveryRequest& request) {
  auto names = ListDeploymentNames(client, request.bucket, request.prefix, request.mode);
  if (!names) return std::unexpected(names.error());

  const std::vector<std::uint64_t> equal_weights(names->ids.size(), 1);
  const auto ranges = SplitIntoRanges(
      request.prefix, names->ids, equal_weights,
      RangeCount(names->ids.size(), request.deployments_per_range, request.concurrency));
  std::vector<std::vector<Tally>> tallies(ranges.size());
  std::vector<std::optional<s3::Error>> errors(ranges.size());
  const RangeListing listing{request.bucket, request.prefix, request.mode, s3::kMaxKeysPerList};
  RunParallel(ranges.size(), request.concurrency, [&](std::size_t r) {
    auto& own = tallies[r];
    own.resize(ranges[r].ids.size());
    for (std::size_t i = 0; i < own.size(); ++i) own[i].deployment.id = ranges[r].ids[i];
    s3::Result<void> listed;
    if (auto thrown = CatchAsError([&] {
          listed = ListRange(client, listing, ranges[r], [&](std::vector<ListedEntry>&& entries) {
            for (const auto& entry : entries) Count(own[entry.deployment], entry);
            if (request.progress != nullptr) request.progress->listed.fetch_add(entries.size(), std::memory_order_relaxed);
            return s3::PageControl::kContinue;
          });
        })) {
      listed = std::unexpected(*thrown);
    }
    if (!listed) errors[r] = listed.error();
  });
  for (auto& error : errors) {
    if (error) return std::unexpected(std::move(*error));
  }

  if (auto proven = CheckEveryNameWasListed(client, request, tallies); !proven) {
    return std::unexpected(std::move(proven.error()));
  }

  Inventory inventory;
  inventory.root_objects = names->root_objects;
  for (auto& range_tallies : tallies) {
    for (auto& tally : range_tallies) AddToInventory(inventory, std::move(tally));
  }
  return inventory;
}

}  // namespace s3prune::prune
