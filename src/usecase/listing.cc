#include "usecase/listing.h"

#include <algorithm>
#include <iterator>

#include "policy/planner.h"
#include "prune/discovery.h"
#include "prune/lifecycle_schedule.h"
#include "s3/bucket_operations.h"
#include "usecase/lifecycle_mode.h"
#include "usecase/marker_times.h"
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

// Dates the current deployments as plan does and orders the listing by that time (by the ids
// under order:natural), unknown times last; residue stays dated by its delete markers, after.
void DateByTimeFrom(const PlanRequest& request, s3::S3Client& client, ListingReport& listing) {
  const policy::RetentionPolicy& policy = request.policy;
  listing.time_from = policy.time_from;
  const auto current_end =
      std::ranges::stable_partition(listing.deployments, [](const auto& d) { return d.objects > 0; }).begin();
  std::vector<policy::Deployment> current(std::make_move_iterator(listing.deployments.begin()),
                                          std::make_move_iterator(current_end));
  ReadMarkerTimes(current, request, policy, client);
  for (const auto& deployment : current) listing.times[deployment.id] = policy::TimeOf(deployment, policy);
  const bool natural = policy.time_from.from == policy::TimeFrom::kNaturalOrder;
  std::ranges::stable_sort(current, [&](const policy::Deployment& a, const policy::Deployment& b) {
    const auto& time_a = listing.times.at(a.id);
    const auto& time_b = listing.times.at(b.id);
    if (time_a.known() != time_b.known()) return time_a.known();
    if (!time_a.known()) return false;
    if (natural) return policy::NaturalCompare(a.id, b.id) > 0;
    if (*time_a.time != *time_b.time) return *time_a.time > *time_b.time;
    return a.id > b.id;
  });
  std::ranges::move(current, listing.deployments.begin());
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
  if (request.policy.time_from.from != policy::TimeFrom::kObjects) DateByTimeFrom(request, client, listing);
  return listing;
}

}  // namespace s3prune::usecase
