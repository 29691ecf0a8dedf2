// --via lifecycle for plan and apply: read the bucket's lifecycle configuration, schedule the
// doomed deployments' expiry (prune/lifecycle_schedule.h), and for apply write it. S3 (or the
// server's lifecycle worker) then deletes them: within a day or two on AWS, where expiry is
// rounded to the next midnight UTC.
#pragma once

#include "cli/command_context.h"
#include "report/run_report.h"

namespace s3prune::cli {

// Fills report.lifecycle from the bucket's current configuration.
s3::Result<void> ScheduleLifecycle(const Options& options, s3::S3Client& client, report::PlanReport& report);

// apply --via lifecycle after the confirmation: with --inventory, list each doomed deployment
// and leave out those changed since the report (exit 4); schedule again from a fresh read of
// the configuration, write, report.
int ApplyViaLifecycle(CommandContext& context, report::PlanReport plan);

}  // namespace s3prune::cli
