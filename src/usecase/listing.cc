#include "usecase/listing.h"

#include <algorithm>

#include "policy/planner.h"
#include "prune/discovery.h"
#include "prune/lifecycle_schedule.h"
#include "s3/bucket_operations.h"
#include "usecase/lifecycle_mode.h"
#include "usecase/pointers.h"

namespace s3prune::usecase {
namespace {

void WarnOfScheduledLiveOnes(const PlanRequest& request, s3::S3Client& client,
                             const s3::LifecycleConfiguration& rules, ListingReport& listing) {
  if (request.keep_from.empty()) return;
  auto named = ReadPointers(request, client);
  if (!named) {
    listing.warnings.push_back("could not read a --keep-from pointer (" + named.error().message +
                               "): a deployment it names may be scheduled for expiry");
    return;
  }
  std::vector<std::string> live;
  for (const auto& list : *named) live.insert(live.end(), list.ids.begin(), list.ids.end());
  for (const auto& rule : rules.rules) {
    const auto id = prune::DeploymentOfRule(rule, listing.prefix);
    if (id && std::ranges::find(live, *id) != live.end()) {
      listing.warnings.push_back(
          KeptRuleWarning(rule.id, *id, "which a --keep-from pointer names: plan or apply with it removes the rule"));
    }
  }
}

}  // namespace

s3::Result<ListingReport> ListDeployments(const PlanRequest& request, s3::S3Client& client, policy::Timestamp now,
                                          prune::ProgressCounters* progress) {
  const S3Url& root = request.root;
  if (auto bucket = s3::HeadBucket(client, root.bucket); !bucket) return std::unexpected(bucket.error());
  auto inventory = prune::DiscoverDeployments(
      client, {root.bucket, root.key, ListingModeFor(request.versions), request.concurrency, progress});
  if (!inventory) return std::unexpected(inventory.error());
  ListingReport listing{root.bucket, root.key, now, std::move(inventory->deployments), inventory->root_objects,
                        request.versions == Versions::kAll};
  for (auto& residue : inventory->residue) listing.deployments.push_back(std::move(residue));
  // Deployments handed to the lifecycle engine by apply --via lifecycle are marked, and one
  // that a --keep-from pointer names (a rollback made it live) is warned about.
  if (auto rules = s3::GetBucketLifecycle(client, root.bucket)) {
    for (const auto& rule : rules->rules) {
      if (auto id = prune::DeploymentOfRule(rule, root.key)) listing.scheduled.insert(*id);
    }
    if (!listing.scheduled.empty()) WarnOfScheduledLiveOnes(request, client, *rules, listing);
  } else if (rules.error().code != s3::ErrorCode::kUnsupported) {  // a store without rules: nothing to mark
    listing.warnings.push_back("could not read the bucket's lifecycle rules (" + rules.error().message +
                               "): deployments scheduled for expiry by apply --via lifecycle are not marked");
  }
  policy::SortMostRecentFirst(listing.deployments, policy::AgeBy::kNewest);
  return listing;
}

}  // namespace s3prune::usecase
