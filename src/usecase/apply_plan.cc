#include "usecase/apply_plan.h"

#include <algorithm>

namespace s3prune::usecase {

prune::ExecutionResult DeletePlanned(s3::S3Client& client, const PlanReport& plan, const PlanRequest& request,
                                     DeleteHooks hooks) {
  prune::ExecutionRequest execution{.bucket = plan.bucket,
                                    .prefix = plan.prefix,
                                    .mode = plan.listing_mode(),
                                    .concurrency = request.concurrency,
                                    .progress = hooks.progress,
                                    .snapshot_time = plan.snapshot_time(),
                                    .should_stop = std::move(hooks.should_stop),
                                    .on_deleted = std::move(hooks.on_deleted),
                                    .note = std::move(hooks.note)};
  return prune::ExecuteDeletion(client, DoomedDeployments(plan.plan), execution);
}

ApplyVerdict VerdictOf(const prune::ExecutionResult& result, bool audit_failed) {
  if (result.interrupted) return ApplyVerdict::kInterrupted;
  if (audit_failed) return ApplyVerdict::kPartial;
  if (result.Complete()) return ApplyVerdict::kDone;
  const bool failed = result.upload_listing_error ||
                      std::ranges::any_of(result.uploads, [](const prune::UploadOutcome& u) { return u.error.has_value(); }) ||
                      std::ranges::any_of(result.deployments, [](const prune::DeploymentOutcome& d) {
                        // An outcome unknown is no success either: the same exit code as a
                        // failure, and the report tells the two apart.
                        return d.state == prune::DeploymentState::kFailed ||
                               d.state == prune::DeploymentState::kOutcomeUnknown;
                      });
  return failed ? ApplyVerdict::kPartial : ApplyVerdict::kChanged;
}

}  // namespace s3prune::usecase
