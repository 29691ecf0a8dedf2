// What `ls` shows, for every front door: the deployments under a root, most recent first, with
// residue (only old versions and markers) when versions are counted, and which of them an
// earlier `apply --via lifecycle` handed to the lifecycle engine.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "policy/deployment.h"
#include "policy/retention_policy.h"
#include "prune/progress_counters.h"
#include "s3/client.h"
#include "usecase/plan_request.h"

namespace s3prune::usecase {

struct ListingReport {
  std::string bucket;
  std::string prefix;
  policy::Timestamp now{};
  std::vector<policy::Deployment> deployments;  // most recent first
  std::uint64_t root_objects = 0;
  bool versions = false;  // noncurrent counts were listed
  // Ids with an s3prune lifecycle rule (apply --via lifecycle): S3 is expiring them.
  std::set<std::string> scheduled{};
  std::vector<std::string> warnings{};
  // --time-from (ls accepts it to show what plan would date deployments by): the source, and
  // each deployment's time under it, by id. Empty with objects (LastModified, as listed).
  policy::TimeSource time_from{};
  std::map<std::string, policy::DeploymentTime> times{};
};

// Lists the request's root (its versions too with Versions::kAll); a lifecycle configuration
// that cannot be read is a warning, as it only marks deployments. A scheduled deployment that
// a --keep-from pointer of the request names (live again) is a warning too; the command line
// gives ls no pointers today. With a --time-from source other than objects, each deployment
// is dated as plan dates it (markers read the same way) and the list is ordered by it,
// deployments without a readable time last. `progress` may be null.
s3::Result<ListingReport> ListDeployments(const PlanRequest& request, s3::S3Client& client, policy::Timestamp now,
                                          prune::ProgressCounters* progress);

}  // namespace s3prune::usecase
