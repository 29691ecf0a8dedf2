#include "report/run_report.h"

#include <map>
#include <string_view>

#include "report/units.h"

namespace s3prune::report {

PlanRow PlanRowOf(const policy::Decision& decision, const usecase::PlanReport& report) {
  const policy::Deployment& d = decision.deployment;
  // The time that ordered it: --time-from's (TimeOf), which is LastModified by --age-by unless
  // another source is chosen. order:natural has none ("-"); an unreadable one is "unknown".
  // Residue (no current object) is dated by its newest delete marker, whatever --time-from.
  const policy::DeploymentTime dated = d.objects > 0 ? policy::TimeOf(d, report.policy)
                                                     : policy::DeploymentTime{.time = policy::TimeOf(d, report.policy.age_by)};
  PlanRow row;
  row.keep = decision.action == policy::Action::kKeep;
  row.time = dated.time ? FormatSecondsTimestamp(*dated.time) : dated.known() ? "-" : "unknown";
  row.age = dated.time ? FormatAgeAt(report.now, *dated.time) : "-";
  row.time_note = decision.time_note;
  row.objects = std::to_string(d.objects);
  if (report.versions && d.noncurrent_versions > 0) row.objects += "+" + std::to_string(d.noncurrent_versions) + "v";
  row.bytes = d.bytes + (report.versions ? d.noncurrent_bytes : 0);
  for (const auto& reason : decision.reasons) row.reasons += (row.reasons.empty() ? "" : "; ") + reason;
  if (!report.policy.group_by.empty()) row.group = decision.group.empty() ? std::string(kNoGroup) : decision.group;
  return row;
}

std::string TimeColumnTitle(const usecase::PlanReport& report) {
  if (report.policy.time_from.from != policy::TimeFrom::kObjects) return "Time";
  return report.policy.age_by == policy::AgeBy::kOldest ? "Oldest" : "Newest";
}

ApplyTotals Totals(const ApplyReport& report) {
  ApplyTotals totals;
  std::map<std::string_view, const policy::Deployment*> planned;
  for (const auto& decision : report.plan.plan.decisions) planned.emplace(decision.deployment.id, &decision.deployment);
  for (const auto& outcome : report.result.deployments) {
    switch (outcome.state) {
      case prune::DeploymentState::kChangedSincePlan: ++totals.deployments_changed; break;
      case prune::DeploymentState::kInterrupted: ++totals.deployments_interrupted; break;
      case prune::DeploymentState::kAlreadyGone: ++totals.deployments_already_gone; break;
      case prune::DeploymentState::kDeleted: ++totals.deployments_deleted; break;
      case prune::DeploymentState::kFailed:
      case prune::DeploymentState::kOutcomeUnknown: break;
    }
    // What was deleted is counted as it went; what that frees follows from the bucket's
    // versioning, and for null versions only the plan's listing knows them.
    const bool settled = outcome.state == prune::DeploymentState::kDeleted ||
                         outcome.state == prune::DeploymentState::kAlreadyGone;
    if (report.plan.delete_effect == usecase::DeleteEffect::kPermanent) {
      totals.bytes_reclaimed += outcome.bytes_deleted;
    } else if (report.plan.delete_effect == usecase::DeleteEffect::kPermanentForNullVersions && settled) {
      if (auto it = planned.find(outcome.id); it != planned.end()) totals.bytes_reclaimed += it->second->null_version_bytes;
    }
    totals.objects_deleted += outcome.objects_deleted;
    totals.versions_deleted += outcome.versions_deleted;
    totals.bytes_deleted += outcome.bytes_deleted;
    totals.objects_failed += outcome.failures.size();
    totals.objects_outcome_unknown += outcome.outcome_unknown.size();
  }
  for (const auto& upload : report.result.uploads) {
    if (!upload.error) ++totals.uploads_aborted;
  }
  totals.monthly_saving = MonthlyCost(totals.bytes_reclaimed, report.price_per_gb_month);
  return totals;
}

}  // namespace s3prune::report
