#include "usecase/listing.h"

#include "policy/planner.h"
#include "prune/discovery.h"
#include "prune/key_layout.h"
#include "prune/lifecycle_schedule.h"
#include "s3/bucket_operations.h"

namespace s3prune::usecase {

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
  // Deployments handed to the lifecycle engine by apply --via lifecycle are marked.
  if (auto rules = s3::GetBucketLifecycle(client, root.bucket)) {
    for (const auto& rule : rules->rules) {
      const std::string id = prune::DeploymentOfRule(rule.id);
      if (!id.empty() && rule.prefix == prune::DeploymentPrefix(root.key, id)) listing.scheduled.insert(id);
    }
  } else {
    listing.warnings.push_back("could not read the bucket's lifecycle rules (" + rules.error().message +
                               "): deployments scheduled for expiry by apply --via lifecycle are not marked");
  }
  policy::SortMostRecentFirst(listing.deployments, policy::AgeBy::kNewest);
  return listing;
}

}  // namespace s3prune::usecase
