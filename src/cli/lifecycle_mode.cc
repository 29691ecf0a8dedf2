#include "cli/lifecycle_mode.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "cli/exit_codes.h"
#include "cli/planning.h"
#include "report/json_view.h"
#include "prune/key_layout.h"
#include "prune/range_listing.h"
#include "prune/snapshot_check.h"
#include "s3/bucket_operations.h"

namespace s3prune::cli {
namespace {

// Oldest first, as the 1000-rule limit schedules them.
std::vector<std::string> DoomedOldestFirst(const report::PlanReport& report) {
  auto doomed = DoomedDeployments(report.plan);
  std::ranges::stable_sort(doomed, [&](const policy::Deployment& a, const policy::Deployment& b) {
    return policy::TimeOf(a, report.policy.age_by) < policy::TimeOf(b, report.policy.age_by);
  });
  std::vector<std::string> ids;
  for (const auto& deployment : doomed) ids.push_back(deployment.id);
  return ids;
}

std::vector<std::string> KeptIds(const report::PlanReport& report) {
  std::vector<std::string> kept;
  for (const auto& decision : report.plan.decisions) {
    if (decision.action == policy::Action::kKeep) kept.push_back(decision.deployment.id);
  }
  for (const auto& exclusion : report.plan.excluded) kept.push_back(exclusion.id);
  return kept;
}

// Every entry of one deployment as it is now, listed as the executor lists what it deletes.
s3::Result<std::vector<prune::ListedEntry>> ListDeployment(s3::S3Client& client, const report::PlanReport& report,
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

// A plan from an inventory report is up to a day old: before its rule is written, each doomed
// deployment is listed and compared with the report; one that changed is left without a rule
// (and kept for this run). Returns the ids left out, with why.
s3::Result<std::vector<std::pair<std::string, std::string>>> LeaveOutChanged(s3::S3Client& client,
                                                                            report::PlanReport& report) {
  std::vector<std::pair<std::string, std::string>> changed;
  const auto mode = report.versions ? prune::ListingMode::kAllVersions : prune::ListingMode::kCurrentObjects;
  for (auto& decision : report.plan.decisions) {
    if (decision.action != policy::Action::kDelete) continue;
    auto entries = ListDeployment(client, report, decision.deployment.id, mode);
    if (!entries) return std::unexpected(entries.error());
    const std::string why = prune::ChangeSincePlan(decision.deployment, *entries, mode, report.listed_at);
    if (why.empty()) continue;
    changed.emplace_back(decision.deployment.id, why);
    decision.action = policy::Action::kKeep;
    decision.reasons = {"changed since the inventory report (" + why + "): left for the next run"};
  }
  return changed;
}

}  // namespace

s3::Result<void> ScheduleLifecycle(const Options& options, s3::S3Client& client, report::PlanReport& report) {
  auto current = s3::GetBucketLifecycle(client, report.bucket);
  if (!current) return std::unexpected(current.error());
  auto schedule = prune::ScheduleExpiry(*current, report.prefix, DoomedOldestFirst(report), KeptIds(report),
                                        options.versions);
  if (!schedule) return std::unexpected(s3::MakeError(s3::ErrorCode::kRefused, schedule.error()));
  if (!schedule->deferred.empty()) {
    report.warnings.push_back(std::to_string(schedule->deferred.size()) +
                              " doomed deployments wait for the next run: a bucket holds at most 1000 lifecycle rules");
  }
  report.lifecycle = std::move(*schedule);
  report.via_lifecycle = true;
  return {};
}

int ApplyViaLifecycle(CommandContext& context, report::PlanReport plan) {
  std::vector<std::pair<std::string, std::string>> changed;
  if (plan.listed_at) {
    auto left_out = LeaveOutChanged(context.client, plan);
    if (!left_out) return context.Fail(left_out.error(), &plan);
    changed = std::move(*left_out);
  }
  // Read again: the configuration may have changed while the prompt waited.
  if (auto scheduled = ScheduleLifecycle(context.options, context.client, plan); !scheduled) {
    return context.Fail(scheduled.error(), &plan);
  }
  const auto& configuration = plan.lifecycle->configuration;
  auto written = configuration.rules.empty() ? s3::DeleteBucketLifecycle(context.client, plan.bucket)
                                             : s3::PutBucketLifecycle(context.client, plan.bucket, configuration);
  if (!written) return context.Fail(written.error(), &plan);
  if (context.options.output == OutputFormat::kJson) {
    auto document = report::PlanJson(plan);
    document["applied"] = true;
    document["changed_since_plan"] = nlohmann::json::array();
    for (const auto& [id, why] : changed) document["changed_since_plan"].push_back({{"deployment", id}, {"reason", why}});
    context.WriteJson(document);
  } else {
    for (const auto& [id, why] : changed) {
      context.out << "changed since the inventory report, no rule written: " << id << " (" << why << ")\n";
    }
    const auto& schedule = *plan.lifecycle;
    context.out << "Scheduled " << schedule.added.size() << " deployments for expiry by lifecycle rules ("
                << schedule.unchanged.size() << " already were; " << schedule.removed.size() << " stale rules removed; "
                << schedule.foreign_rules << " other rules kept as they were).\n"
                << "S3 deletes them in the background, within about a day (AWS rounds expiry to the next midnight "
                   "UTC); run apply again later to remove the rules of deployments that are gone.\n";
  }
  return changed.empty() ? kExitSuccess : kExitChanged;
}

}  // namespace s3prune::cli
