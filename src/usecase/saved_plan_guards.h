// The guards between a plan and its deletes, for every front door: --max-delete, and for a
// plan saved by `plan --out` (applied later by `apply --plan`, as with `terraform plan -out`)
// the world it was made in: its age by the server's clock, the bucket's versioning, what each
// --keep-from pointer names. The checks are pure and return why apply must refuse, or
// nothing; SavedPlanStillHolds reads what they compare.
#pragma once

#include <chrono>
#include <expected>
#include <optional>
#include <string>

#include "s3/client.h"
#include "usecase/plan_report.h"
#include "usecase/plan_request.h"

namespace s3prune::usecase {

// Why apply refuses this plan under `max_delete` (objects plus, with --versions, old versions
// and markers), or nothing. plan shows it as a warning, apply stops on it.
std::optional<std::string> MaxDeleteRefusal(std::optional<std::uint64_t> max_delete, const PlanReport& plan);

std::optional<std::string> PlanTooOld(const PlanReport& plan, policy::Timestamp now, std::chrono::seconds max_age);
std::optional<std::string> VersioningChanged(const PlanReport& plan, s3::VersioningStatus now);

// The request a saved plan stands for: its target, policy, --versions, --via and pointers;
// `how` gives what the plan leaves to the run (concurrency, max_delete).
std::expected<PlanRequest, std::string> RequestOfSavedPlan(const PlanReport& plan, const PlanRequest& how);

// apply --plan: the saved plan, as long as the world it was made in still holds (kRefused
// naming what changed otherwise); a versioning status that cannot be read is a warning.
// `local_now` stands in for the server's clock when the plan had none.
s3::Result<PlanReport> SavedPlanStillHolds(const PlanReport& saved, const PlanRequest& request, s3::S3Client& client,
                                           policy::Timestamp local_now, std::chrono::seconds max_age);

}  // namespace s3prune::usecase
