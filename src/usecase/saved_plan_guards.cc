#include "usecase/saved_plan_guards.h"

#include <algorithm>

#include "policy/duration.h"
#include "policy/planner.h"
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

std::optional<std::string> PlanFromTheFuture(const PlanReport& plan, policy::Timestamp now) {
  if (plan.now <= now + std::chrono::seconds(1)) return std::nullopt;
  return "the plan is dated " + s3::FormatTimestamp(plan.now) + ", ahead of the server's clock (" +
         s3::FormatTimestamp(now) + "): a plan from the future would hide every write made after it; plan again";
}

std::optional<std::string> MadeElsewhere(const PlanReport& plan, const MadeAgainst& here) {
  if (!plan.made_against) {
    return std::string("the plan file does not record the endpoint, region and bucket owner it was made against "
                       "(saved by an older s3prune): plan again");
  }
  const MadeAgainst& there = *plan.made_against;
  const auto named = [](const std::string& endpoint) { return endpoint.empty() ? std::string("AWS") : endpoint; };
  if (there.endpoint != here.endpoint) {
    return "the plan was made against " + named(there.endpoint) + ", not " + named(here.endpoint) +
           ": apply it with the --endpoint-url it was made with, or plan again";
  }
  if (there.region != here.region) {
    return "the plan was made against region " + there.region + ", not " + here.region +
           ": apply it with the --region it was made with, or plan again";
  }
  if (there.expected_bucket_owner != here.expected_bucket_owner) {
    return "the plan was made with --expected-bucket-owner '" + there.expected_bucket_owner + "', not '" +
           here.expected_bucket_owner + "': plan again";
  }
  return std::nullopt;
}

std::optional<std::string> PlanDisagreesWithItself(const PlanReport& plan) {
  policy::RetentionPolicy policy = plan.policy;
  for (auto& list : policy.keep_named) {
    if (auto url = ParseObjectUrl(list.source)) list.holder_id = PointerHolder(*url, {plan.bucket, plan.prefix});
  }
  // Residue (no current object, only old versions and markers) is decided by its own rules.
  std::vector<policy::Deployment> current;
  std::vector<policy::Deployment> residue;
  for (const auto& decision : plan.plan.decisions) {
    (decision.deployment.objects > 0 ? current : residue).push_back(decision.deployment);
  }
  policy::Plan again = policy::MakePlan(std::move(current), policy, plan.now);
  policy::AddResidue(again, std::move(residue), policy, plan.now);
  for (const auto& decision : plan.plan.decisions) {
    const std::string& id = decision.deployment.id;
    const auto made = std::ranges::find_if(again.decisions, [&](const auto& d) { return d.deployment.id == id; });
    const std::string saved_action = decision.action == policy::Action::kDelete ? "delete" : "keep";
    if (made == again.decisions.end()) {
      return "the plan lists '" + id + "' as a deployment to " + saved_action +
             ", but its own policy sets it aside: the file was changed after it was saved; plan again";
    }
    if (made->action != decision.action) {
      std::string why;
      for (const auto& reason : made->reasons) why += (why.empty() ? "" : "; ") + reason;
      return "the plan says " + saved_action + " '" + id + "', but its own policy and deployments say " +
             (made->action == policy::Action::kDelete ? "delete" : "keep") + " (" + why +
             "): the file was changed after it was saved; plan again";
    }
  }
  return std::nullopt;
}

std::expected<PlanRequest, std::string> RequestOfSavedPlan(const PlanReport& plan, const PlanRequest& how) {
  PlanRequest request = how;
  request.root = {plan.bucket, plan.prefix};
  request.versions = plan.versions ? Versions::kAll : Versions::kCurrentOnly;
  request.via = plan.via_lifecycle ? Via::kLifecycle : Via::kDelete;
  request.policy = plan.policy;
  if (plan.made_against) {
    const std::string& owner = plan.made_against->expected_bucket_owner;
    if (!how.connection.expected_bucket_owner.empty() && how.connection.expected_bucket_owner != owner) {
      return std::unexpected("the plan was made with --expected-bucket-owner '" + owner + "', not '" +
                             how.connection.expected_bucket_owner + "': plan again");
    }
    request.connection.expected_bucket_owner = owner;
  }
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
  if (auto why = PlanDisagreesWithItself(saved)) return std::unexpected(Refusal(*why));
  // Where the plan was made is compared before any request (it needs none) and again after
  // HeadBucket, which teaches the client the bucket's region on a store that redirects (AWS).
  // A store may refuse a request signed for another region with a bare 400 (Swift, to a HEAD:
  // no body): then the plan's own world says what differs.
  const auto elsewhere = MadeElsewhere(saved, MadeAgainstOf(client, saved.bucket));
  if (auto bucket = s3::HeadBucket(client, saved.bucket); !bucket) {
    if (elsewhere) return std::unexpected(Refusal(*elsewhere));
    return std::unexpected(bucket.error());
  }
  if (auto why = MadeElsewhere(saved, MadeAgainstOf(client, saved.bucket))) return std::unexpected(Refusal(*why));
  // Its age is measured by the server's clock, as its time was.
  const auto now = saved.server_time ? client.LatestServerTime().value_or(local_now) : local_now;
  if (auto why = PlanFromTheFuture(saved, now)) return std::unexpected(Refusal(*why));
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
