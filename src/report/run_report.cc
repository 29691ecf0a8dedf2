#include "report/run_report.h"

#include <map>
#include <string_view>

#include "report/units.h"

namespace s3prune::report {

std::string_view DeleteEffectName(DeleteEffect effect) {
  switch (effect) {
    case DeleteEffect::kPermanent: return "permanent";
    case DeleteEffect::kMarkerOnly: return "delete_marker_only";
    case DeleteEffect::kPermanentForNullVersions: return "permanent_for_null_versions";
  }
  return "permanent";
}

DeleteEffect DeleteEffectOf(s3::VersioningStatus status, bool versions) {
  if (versions) return DeleteEffect::kPermanent;  // every version and marker goes
  switch (status) {
    case s3::VersioningStatus::kNeverEnabled: return DeleteEffect::kPermanent;
    case s3::VersioningStatus::kEnabled: return DeleteEffect::kMarkerOnly;
    case s3::VersioningStatus::kSuspended: return DeleteEffect::kPermanentForNullVersions;
  }
  return DeleteEffect::kPermanent;
}

namespace {

// The bytes whose storage ends when this deployment is deleted as planned.
std::uint64_t ReclaimedBy(const policy::Deployment& deployment, const PlanReport& report) {
  switch (report.delete_effect) {
    case DeleteEffect::kPermanent:
      return deployment.bytes + (report.versions ? deployment.noncurrent_bytes : 0);
    case DeleteEffect::kMarkerOnly: return 0;
    case DeleteEffect::kPermanentForNullVersions: return deployment.null_version_bytes;
  }
  return 0;
}

}  // namespace

PlanRow PlanRowOf(const policy::Decision& decision, const PlanReport& report) {
  const policy::Deployment& d = decision.deployment;
  const policy::Timestamp dated = policy::TimeOf(d, report.policy.age_by);
  PlanRow row;
  row.keep = decision.action == policy::Action::kKeep;
  row.time = FormatSecondsTimestamp(dated);
  row.age = FormatAgeAt(report.now, dated);
  row.objects = std::to_string(d.objects);
  if (report.versions && d.noncurrent_versions > 0) row.objects += "+" + std::to_string(d.noncurrent_versions) + "v";
  row.bytes = d.bytes + (report.versions ? d.noncurrent_bytes : 0);
  for (const auto& reason : decision.reasons) row.reasons += (row.reasons.empty() ? "" : "; ") + reason;
  return row;
}

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
    summary.bytes_reclaimed += ReclaimedBy(decision.deployment, report);
    if (report.versions) {
      summary.versions_to_delete += decision.deployment.noncurrent_versions;
      summary.bytes_to_delete += decision.deployment.noncurrent_bytes;
    }
  }
  return summary;
}

bool AlreadyGone(const prune::DeploymentOutcome& outcome) {
  return outcome.objects_deleted == 0 && outcome.versions_deleted == 0 && outcome.failures.empty() &&
         !outcome.listing_error && outcome.changed_since_plan.empty() && !outcome.interrupted;
}

ApplyTotals Totals(const ApplyReport& report) {
  ApplyTotals totals;
  std::map<std::string_view, const policy::Deployment*> planned;
  for (const auto& decision : report.plan.plan.decisions) planned.emplace(decision.deployment.id, &decision.deployment);
  for (const auto& outcome : report.result.deployments) {
    if (!outcome.changed_since_plan.empty()) {
      ++totals.deployments_changed;
    } else if (outcome.interrupted) {
      ++totals.deployments_interrupted;
    } else if (AlreadyGone(outcome)) {
      ++totals.deployments_already_gone;
    } else if (outcome.failures.empty() && !outcome.listing_error) {
      ++totals.deployments_deleted;
    }
    // What was deleted is counted as it went; what that frees follows from the bucket's
    // versioning, and for null versions only the plan's listing knows them.
    if (report.plan.delete_effect == DeleteEffect::kPermanent) {
      totals.bytes_reclaimed += outcome.bytes_deleted;
    } else if (report.plan.delete_effect == DeleteEffect::kPermanentForNullVersions && outcome.failures.empty() &&
               !outcome.listing_error && outcome.changed_since_plan.empty() && !outcome.interrupted) {
      if (auto it = planned.find(outcome.id); it != planned.end()) totals.bytes_reclaimed += it->second->null_version_bytes;
    }
    totals.objects_deleted += outcome.objects_deleted;
    totals.versions_deleted += outcome.versions_deleted;
    totals.bytes_deleted += outcome.bytes_deleted;
    totals.objects_failed += outcome.failures.size();
  }
  for (const auto& upload : report.result.uploads) {
    if (!upload.error) ++totals.uploads_aborted;
  }
  totals.monthly_saving = MonthlyCost(totals.bytes_reclaimed, report.price_per_gb_month);
  return totals;
}

}  // namespace s3prune::report
