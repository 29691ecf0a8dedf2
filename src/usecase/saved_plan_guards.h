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

// A plan dated ahead of `now` (the server's clock, allowing the second its Date header rounds
// off) would pass --max-plan-age and hide every write made after the real plan.
std::optional<std::string> PlanFromTheFuture(const PlanReport& plan, policy::Timestamp now);

// A plan made against another endpoint, region or --expected-bucket-owner (or before plans
// recorded it) is not applied here.
std::optional<std::string> MadeElsewhere(const PlanReport& plan, const MadeAgainst& here);

// A plan file is data: each decision is made again from the plan's own policy, deployments
// and time, and a row that says otherwise (an edited `action`, a deployment its policy
// excludes) refuses the plan.
std::optional<std::string> PlanDisagreesWithItself(const PlanReport& plan);

// The request a saved plan stands for: its target, policy, --versions, --via, pointers and
// --expected-bucket-owner (a different one given now is an error); `how` gives what the plan
// leaves to the run (concurrency, max_delete, endpoint and credentials).
std::expected<PlanRequest, std::string> RequestOfSavedPlan(const PlanReport& plan, const PlanRequest& how);

// apply --plan: the saved plan, as long as it agrees with itself and the world it was made in
// still holds: the same store, not dated ahead of the server, not too old, the same delete
// effect, the same pointers (kRefused naming what differs otherwise); a versioning status that
// cannot be read is a warning.
// `local_now` stands in for the server's clock when the plan had none.
s3::Result<PlanReport> SavedPlanStillHolds(const PlanReport& saved, const PlanRequest& request, s3::S3Client& client,
                                           policy::Timestamp local_now, std::chrono::seconds max_age);

}  // namespace s3prune::usecase
