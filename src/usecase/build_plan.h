// The plan step that plan and apply share, for every front door: check the bucket, read the
// --keep-from pointers, check versioning, discover deployments (LIST requests or an S3
// Inventory report) and make the plan at the server's time. Nothing here deletes.
#pragma once

#include "policy/deployment.h"
#include "prune/progress_counters.h"
#include "s3/client.h"
#include "usecase/plan_report.h"
#include "usecase/plan_request.h"

namespace s3prune::usecase {

// `now` is the local clock's; the plan takes the server's time when a reply carried one.
// `progress` may be null. A pointer that protects nothing is kRefused unless the request
// says kWarn; then it is a warning of the plan.
s3::Result<PlanReport> BuildPlan(const PlanRequest& request, s3::S3Client& client, policy::Timestamp now,
                                 prune::ProgressCounters* progress);

}  // namespace s3prune::usecase
