#include "usecase/saved_plan_guards.h"

#include "policy/duration.h"
#include "s3/bucket_operations.h"
#include "s3/core/timestamp.h"
#include "usecase/pointers.h"

namespace s3prune::usecase {
namespace {

std::string VersioningName(s3::VersioningStatus status) {
  switch (status) {
    case s3::VersioningStatus::kNeverEnabled: return "never enabled";
    case s3::VersioningStatus::kEnabled: return "Enabled";
    case s3::VersioningStatus::kSuspended: return "Suspended";
  }
  return "unknown";
}

s3::Error Refusal(const std::string& why) {
  return s3::MakeError(s3::ErrorCode::kRefused, why + "; nothing was deleted");
}

}  // namespace

std::optional<std::string> MaxDeleteRefusal(std::optional<std::uint64_t> max_delete, const PlanReport& plan) {
  if (!max_delete) return std::nullopt;
  const auto summary = Summarize(plan);
  const std::uint64_t total = summary.objects_to_delete + summary.versions_to_delete;
  if (total <= *max_delete) return std::nullopt;
  return "the plan deletes " + std::to_string(total) + " objects, more than --max-delete " + std::to_string(*max_delete);
}

std::optional<std::string> PlanTooOld(const PlanReport& plan, policy::Timestamp now, std::chrono::seconds max_age) {
  const auto age = std::chrono::duration_cast<std::chrono::seconds>(now - plan.now);
  if (age <= max_age) return std::nullopt;
  return "the plan was made " + policy::FormatAge(age) + " ago (" + s3::FormatTimestamp(plan.now) +
         "), more than --max-plan-age " + policy::FormatAge(max_age) + ": plan again, or raise --max-plan-age";
}

std::optional<std::string> VersioningChanged(const PlanReport& plan, s3::VersioningStatus now) {
  if (DeleteEffectOf(now, plan.versions) == plan.delete_effect) return std::nullopt;
  return "the bucket's versioning is now " + VersioningName(now) + ", so a delete would be " +
         std::string(DeleteEffectName(DeleteEffectOf(now, plan.versions))) + ", not " +
         std::string(DeleteEffectName(plan.delete_effect)) + " as planned: plan again";
}

std::expected<PlanRequest, std::string> RequestOfSavedPlan(const PlanReport& plan, const PlanRequest& how) {
  PlanRequest request = how;
  request.root = {plan.bucket, plan.prefix};
  request.versions = plan.versions ? Versions::kAll : Versions::kCurrentOnly;
  request.via = plan.via_lifecycle ? Via::kLifecycle : Via::kDelete;
  request.policy = plan.policy;
  request.keep_from.clear();
  for (const auto& named : plan.policy.keep_named) {
    auto url = ParseObjectUrl(named.source);
    if (!url) return std::unexpected("the plan's --keep-from '" + named.source + "' is not an object URL");
    request.keep_from.push_back(*url);
  }
  return request;
}

s3::Result<PlanReport> SavedPlanStillHolds(const PlanReport& saved, const PlanRequest& request, s3::S3Client& client,
                                           policy::Timestamp local_now, std::chrono::seconds max_age) {
  if (auto bucket = s3::HeadBucket(client, saved.bucket); !bucket) return std::unexpected(bucket.error());
  // Its age is measured by the server's clock, as its time was.
  const auto now = saved.server_time ? client.LatestServerTime().value_or(local_now) : local_now;
  if (auto why = PlanTooOld(saved, now, max_age)) return std::unexpected(Refusal(*why));
  PlanReport plan = saved;
  if (auto status = s3::GetBucketVersioning(client, saved.bucket); !status) {
    plan.warnings.push_back("could not read the bucket's versioning status to compare it with the plan's (" +
                            status.error().message + ")");
  } else if (auto why = VersioningChanged(saved, *status)) {
    return std::unexpected(Refusal(*why));
  }
  auto lists = ReadPointers(request, client);
  if (!lists) return std::unexpected(lists.error());
  if (auto why = PointersChanged(saved.policy.keep_named, *lists)) return std::unexpected(Refusal(*why));
  return plan;
}

}  // namespace s3prune::usecase
