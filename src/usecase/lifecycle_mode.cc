#include "usecase/lifecycle_mode.h"

#include <algorithm>

#include "prune/range_listing.h"
#include "prune/snapshot_check.h"
#include "s3/bucket_operations.h"

namespace s3prune::usecase {
namespace {

// Oldest first, as the 1000-rule limit schedules them.
std::vector<std::string> DoomedOldestFirst(const PlanReport& report) {
  auto doomed = DoomedDeployments(report.plan);
  std::ranges::stable_sort(doomed, [&](const policy::Deployment& a, const policy::Deployment& b) {
    return policy::TimeOf(a, report.policy.age_by) < policy::TimeOf(b, report.policy.age_by);
  });
  std::vector<std::string> ids;
  for (const auto& deployment : doomed) ids.push_back(deployment.id);
  return ids;
}

std::vector<std::string> KeptIds(const PlanReport& report) {
  std::vector<std::string> kept;
  for (const auto& decision : report.plan.decisions) {
    if (decision.action == policy::Action::kKeep) kept.push_back(decision.deployment.id);
  }
  for (const auto& exclusion : report.plan.excluded) kept.push_back(exclusion.id);
  return kept;
}

// Every entry of one deployment as it is now, listed as the executor lists what it deletes.
s3::Result<std::vector<prune::ListedEntry>> ListDeployment(s3::S3Client& client, const PlanReport& report,
                                                           const std::string& id, prune::ListingMode mode) {
  const auto ranges = prune::SplitIntoRanges(report.prefix, {id}, {1}, 1);
  std::vector<prune::ListedEntry> entries;
  auto listed = prune::ListRange(client, {report.bucket, report.prefix, mode, s3::kMaxKeysPerList}, ranges.front(),
                                 [&](std::vector<prune::ListedEntry>&& page) {
                                   for (auto& entry : page) entries.push_back(std::move(entry));
                                   return s3::PageControl::kContinue;
                                 });
  if (!listed) return std::unexpected(listed.error());
  return entries;
}

}  // namespace

s3::Result<std::vector<LeftOut>> LeaveOutChanged(s3::S3Client& client, PlanReport& report) {
  std::vector<LeftOut> changed;
  const auto mode = report.listing_mode();
  for (auto& decision : report.plan.decisions) {
    if (decision.action != policy::Action::kDelete) continue;
    auto entries = ListDeployment(client, report, decision.deployment.id, mode);
    if (!entries) return std::unexpected(entries.error());
    const std::string why = prune::ChangeSincePlan(decision.deployment, *entries, mode, report.listed_at);
    if (why.empty()) continue;
    changed.push_back({decision.deployment.id, why});
    decision.action = policy::Action::kKeep;
    decision.reasons = {"changed since the inventory report (" + why + "): left for the next run"};
  }
  return changed;
}

s3::Result<void> ScheduleLifecycle(s3::S3Client& client, PlanReport& report) {
  auto current = s3::GetBucketLifecycle(client, report.bucket);
  if (!current) return std::unexpected(current.error());
  auto schedule = prune::ScheduleExpiry(*current, report.prefix, DoomedOldestFirst(report), KeptIds(report),
                                        report.versions);
  if (!schedule) return std::unexpected(s3::MakeError(s3::ErrorCode::kRefused, schedule.error()));
  if (!schedule->deferred.empty()) {
    report.warnings.push_back(std::to_string(schedule->deferred.size()) +
                              " doomed deployments wait for the next run: a bucket holds at most 1000 lifecycle rules");
  }
  report.lifecycle = std::move(*schedule);
  report.via_lifecycle = true;
  return {};
}

s3::Result<std::vector<LeftOut>> WriteLifecycle(s3::S3Client& client, PlanReport& plan) {
  std::vector<LeftOut> changed;
  if (plan.listed_at) {
    auto left_out = LeaveOutChanged(client, plan);
    if (!left_out) return std::unexpected(left_out.error());
    changed = std::move(*left_out);
  }
  if (auto scheduled = ScheduleLifecycle(client, plan); !scheduled) return std::unexpected(scheduled.error());
  const auto& configuration = plan.lifecycle->configuration;
  auto written = configuration.rules.empty() ? s3::DeleteBucketLifecycle(client, plan.bucket)
                                             : s3::PutBucketLifecycle(client, plan.bucket, configuration);
  if (!written) return std::unexpected(written.error());
  return changed;
}

}  // namespace s3prune::usecase
