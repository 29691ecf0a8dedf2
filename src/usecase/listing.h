// What `ls` shows, for every front door: the deployments under a root, most recent first, with
// residue (only old versions and markers) when versions are counted, and which of them an
// earlier `apply --via lifecycle` handed to the lifecycle engine.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "policy/deployment.h"
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
};

// Lists the request's root (its versions too with Versions::kAll); a lifecycle configuration
// that cannot be read is a warning, as it only marks deployments. A scheduled deployment that
// a --keep-from pointer of the request names (live again) is a warning too; the command line
// gives ls no pointers today. `progress` may be null.
s3::Result<ListingReport> ListDeployments(const PlanRequest& request, s3::S3Client& client, policy::Timestamp now,
                                          prune::ProgressCounters* progress);

}  // namespace s3prune::usecase
