// Discovery turns a bucket prefix into deployments: one delimiter listing names them, then
// parallel workers list their keys (or versions) range by range and add up per-deployment
// counts, bytes and times. Memory grows with the number of deployments, not of objects:
// only one page per worker is held at a time.
// Any listing error fails the whole discovery: a partial inventory must never be planned on.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "policy/deployment.h"
#include "prune/progress_counters.h"
#include "prune/range_listing.h"
#include "s3/client.h"

namespace s3prune::prune {

struct DiscoveryRequest {
  std::string bucket;
  std::string prefix;  // "" or ending in '/'
  ListingMode mode = ListingMode::kCurrentObjects;
  std::size_t concurrency = 8;  // listing workers
  ProgressCounters* progress = nullptr;  // bumped as entries are listed, if set
  // Deployments per listing range: sizes are unknown before listing, so ranges are cut by
  // count; a range of many deployments keeps the partly filled pages few.
  std::size_t deployments_per_range = 16;
};

struct Inventory {
  // Deployments with at least one current object, in key order.
  std::vector<policy::Deployment> deployments;
  // kAllVersions only: deployments with nothing current left, only noncurrent versions and
  // delete markers (a deployment deleted earlier without --versions). `newest` is the time of
  // the newest delete marker (when it was deleted), `oldest` that of the oldest entry.
  std::vector<policy::Deployment> residue;
  // Objects that belong to no deployment, never touched: those directly under the prefix, and
  // those whose first segment is empty ("PREFIX/x", "PREFIX//y"), which no id can name.
  std::uint64_t root_objects = 0;
};

s3::Result<Inventory> DiscoverDeployments(s3::S3Client& client, const DiscoveryRequest& request);

// Whether deployment `id` under `prefix` holds a current object now: one LIST of one key.
s3::Result<bool> HasCurrentObject(s3::S3Client& client, const std::string& bucket, const std::string& prefix,
                                  const std::string& id);

// The deployment ids under the prefix (from a delimiter listing), in key order, and the
// number of root objects beside them. In kAllVersions mode the listing is of versions, so
// deployments with only noncurrent versions left are named too.
struct DeploymentNames {
  std::vector<std::string> ids;
  std::uint64_t root_objects = 0;  // as in Inventory: the empty-segment keys counted too
};
s3::Result<DeploymentNames> ListDeploymentNames(s3::S3Client& client, const std::string& bucket,
                                                const std::string& prefix, ListingMode mode);

}  // namespace s3prune::prune
