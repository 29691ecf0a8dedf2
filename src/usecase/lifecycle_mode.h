// --via lifecycle for plan and apply: read the bucket's lifecycle configuration, schedule the
// doomed deployments' expiry (prune/lifecycle_schedule.h), and for apply write it. S3 (or the
// server's lifecycle worker) then deletes them: within a day or two on AWS, where expiry is
// rounded to the next midnight UTC.
#pragma once

#include <string>
#include <vector>

#include "s3/client.h"
#include "usecase/plan_report.h"

namespace s3prune::usecase {

// A doomed deployment left out of the rules because it changed since the plan, and why.
struct LeftOut {
  std::string id;
  std::string reason;
};

// Fills report.lifecycle from the bucket's current configuration (kRefused when the schedule
// cannot be made, e.g. the configuration holds a rule s3prune cannot keep).
s3::Result<void> ScheduleLifecycle(s3::S3Client& client, PlanReport& report);

// A plan from an inventory report is up to a day old: each doomed deployment is listed and
// compared with the report; one that changed is kept for this run (its decision says why).
s3::Result<std::vector<LeftOut>> LeaveOutChanged(s3::S3Client& client, PlanReport& report);

// apply --via lifecycle after the confirmation: with an inventory report, leave out the
// deployments changed since it; schedule again from a fresh read of the configuration (it may
// have changed while the prompt waited) and write it. Returns those left out.
s3::Result<std::vector<LeftOut>> WriteLifecycle(s3::S3Client& client, PlanReport& plan);

}  // namespace s3prune::usecase
