// The last step of apply, for every front door: delete what a checked plan dooms, and say how
// the run ended. Before calling DeletePlanned a door has shown the plan, checked
// MaxDeleteRefusal (saved_plan_guards.h), had it confirmed its own way (a prompt, --yes, a
// Lambda's max_delete) and called RecheckPointers (pointers.h).
#pragma once

#include <functional>
#include <vector>

#include "prune/executor.h"
#include "prune/progress_counters.h"
#include "s3/client.h"
#include "usecase/plan_report.h"
#include "usecase/plan_request.h"

namespace s3prune::usecase {

// How an apply ended, in the order that decides it: an interruption is told first, then
// failures (the audit trail's included), then deployments left whole because they changed.
enum class ApplyVerdict { kDone, kInterrupted, kPartial, kChanged };

struct DeleteHooks {
  prune::ProgressCounters* progress = nullptr;  // optional
  std::function<bool()> should_stop;            // empty: never stops (prune::ExecutionRequest)
  std::function<void(const std::vector<prune::DeletedEntry>&)> on_deleted;  // optional audit trail
  std::function<void(const std::string&)> note;  // optional, for -v (prune::ExecutionRequest)
};

// Deletes the plan's doomed deployments: each is listed again and compared with the plan
// (nothing newer than its time, with --inventory the report's, no more than planned) before
// any of it is deleted.
prune::ExecutionResult DeletePlanned(s3::S3Client& client, const PlanReport& plan, const PlanRequest& request,
                                     DeleteHooks hooks);

// `audit_failed`: the --log-deleted trail could not be written in full.
ApplyVerdict VerdictOf(const prune::ExecutionResult& result, bool audit_failed);

}  // namespace s3prune::usecase
