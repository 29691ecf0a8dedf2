#include "report/run_report.h"

#include "report/units.h"

namespace s3prune::report {

PlanSummary Summarize(const PlanReport& report) {
  PlanSummary summary;
  for (const auto& decision : report.plan.decisions) {
    ++summary.deployments;
    if (decision.action == policy::Action::kKeep) {
      ++summary.keep;
      continue;
    }
    ++summary.remove;
    summary.objects_to_delete += decision.deployment.objects;
    summary.bytes_to_delete += decision.deployment.bytes;
    if (report.versions) {
      summary.versions_to_delete += decision.deployment.noncurrent_versions;
      summary.bytes_to_delete += decision.deployment.noncurrent_bytes;
    }
  }
  return summary;
}

ApplyTotals Totals(const ApplyReport& report) {
  ApplyTotals totals;
  for (const auto& outcome : report.result.deployments) {
    if (!outcome.changed_since_plan.empty()) {
      ++totals.deployments_changed;
    } else if (outcome.failures.empty() && !outcome.listing_error) {
      ++totals.deployments_deleted;
    }
    totals.objects_deleted += outcome.objects_deleted;
    totals.versions_deleted += outcome.versions_deleted;
    totals.bytes_deleted += outcome.bytes_deleted;
    totals.objects_failed += outcome.failures.size();
  }
  for (const auto& upload : report.result.uploads) {
    if (!upload.error) ++totals.uploads_aborted;
  }
  if (report.plan.reclaims_space) {
    totals.monthly_saving = MonthlyCost(totals.bytes_deleted, report.price_per_gb_month);
  }
  return totals;
}

}  // namespace s3prune::report
