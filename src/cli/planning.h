// The part plan and apply share: check the bucket, read the --keep-from pointers, check
// versioning, discover deployments and make the plan. Nothing here deletes.
#pragma once

#include <vector>

#include "cli/options.h"
#include "policy/planner.h"
#include "prune/progress_counters.h"
#include "prune/range_listing.h"
#include "report/run_report.h"
#include "s3/client.h"

namespace s3prune::cli {

s3::Result<report::PlanReport> BuildPlan(const Options& options, s3::S3Client& client, policy::Timestamp now,
                                         prune::ProgressCounters* progress);

// Reads every --keep-from object; a missing one is an error (kNotFound, naming it).
s3::Result<std::vector<policy::NamedDeployments>> ReadKeepFrom(const Options& options, s3::S3Client& client);

// --versions lists every version and delete marker; without it, the current objects.
prune::ListingMode ListingModeFor(const Options& options);

// Why apply refuses this plan under --max-delete (objects plus, with --versions, old versions
// and markers), or nullopt. plan shows it as a warning, apply stops on it.
std::optional<std::string> MaxDeleteRefusal(const Options& options, const report::PlanReport& plan);

// The doomed deployments of a plan, in plan order.
std::vector<policy::Deployment> DoomedDeployments(const policy::Plan& plan);

}  // namespace s3prune::cli
