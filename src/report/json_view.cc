#include "report/json_view.h"

#include "s3/core/error.h"
#include "s3/core/timestamp.h"

namespace s3prune::report {
namespace {

using nlohmann::json;

std::string Time(policy::Timestamp time) { return s3::FormatTimestamp(time); }

// age_seconds is the age of the time `age_by` selects (the plan's --age-by; newest for ls).
json DeploymentJson(const policy::Deployment& deployment, policy::Timestamp now, bool versions,
                    policy::AgeBy age_by) {
  const policy::Timestamp dated = policy::TimeOf(deployment, age_by);
  json out = {
      {"id", deployment.id},
      {"newest", Time(deployment.newest)},
      {"oldest", Time(deployment.oldest)},
      {"age_seconds", std::chrono::duration_cast<std::chrono::seconds>(now - dated).count()},
      {"age_of", age_by == policy::AgeBy::kNewest ? "newest" : "oldest"},
      {"objects", deployment.objects},
      {"bytes", deployment.bytes},
  };
  if (versions) {
    out["noncurrent_versions"] = deployment.noncurrent_versions;
    out["noncurrent_bytes"] = deployment.noncurrent_bytes;
  }
  return out;
}

json PolicyJson(const policy::RetentionPolicy& policy, bool versions, bool via_lifecycle) {
  json keep_from = json::array();
  for (const auto& named : policy.keep_named) keep_from.push_back(named.source);
  return {
      {"keep_last", policy.keep_last ? json(*policy.keep_last) : json(nullptr)},
      {"keep_within", policy.keep_within ? json(policy.keep_within->text) : json(nullptr)},
      {"keep_within_seconds", policy.keep_within ? json(policy.keep_within->length.count()) : json(nullptr)},
      {"keep", policy.keep_globs},
      {"keep_from", keep_from},
      {"exclude", policy.exclude_globs},
      {"age_by", policy.age_by == policy::AgeBy::kNewest ? "newest" : "oldest"},
      {"time_from", policy::FormatTimeSource(policy.time_from)},
      {"undo_window", policy.undo_window.text},
      {"keep_hourly", policy.keep_hourly ? json(*policy.keep_hourly) : json(nullptr)},
      {"keep_daily", policy.keep_daily ? json(*policy.keep_daily) : json(nullptr)},
      {"keep_weekly", policy.keep_weekly ? json(*policy.keep_weekly) : json(nullptr)},
      {"keep_monthly", policy.keep_monthly ? json(*policy.keep_monthly) : json(nullptr)},
      {"keep_yearly", policy.keep_yearly ? json(*policy.keep_yearly) : json(nullptr)},
      {"timezone", policy.time_zone.name()},
      {"group_by", policy.group_by.empty() ? json(nullptr) : json(policy.group_by)},
      {"keep_within_of", policy.keep_within_of == policy::KeepWithinOf::kNewest ? "newest" : "now"},
      {"versions", versions},
      {"via", via_lifecycle ? "lifecycle" : "delete"},
  };
}

json ExcludedJson(const std::vector<policy::Exclusion>& excluded) {
  json out = json::array();
  for (const auto& exclusion : excluded) out.push_back({{"id", exclusion.id}, {"reason", exclusion.reason}});
  return out;
}

json LifecycleJson(const prune::LifecycleSchedule& schedule) {
  return {{"added", schedule.added},
          {"unchanged", schedule.unchanged},
          {"removed", schedule.removed},
          {"deferred", schedule.deferred},
          {"other_rules", schedule.foreign_rules},
          {"rules_written", schedule.configuration.rules.size()}};
}

json ErrorJson(const s3::Error& error) {
  return {{"code", std::string(s3::ErrorCodeName(error.code))},
          {"s3_code", error.s3_code},
          {"message", error.message},
          {"request_id", error.request_id}};
}

}  // namespace

json ListingJson(const usecase::ListingReport& report) {
  json deployments = json::array();
  for (const auto& deployment : report.deployments) {
    deployments.push_back(DeploymentJson(deployment, report.now, report.versions, policy::AgeBy::kNewest));
    deployments.back()["scheduled_for_expiry"] = report.scheduled.contains(deployment.id);
    if (const auto dated = report.times.find(deployment.id); dated != report.times.end()) {
      deployments.back()["time"] = dated->second.time ? json(Time(*dated->second.time)) : json(nullptr);
      if (!dated->second.known()) deployments.back()["time_unknown"] = dated->second.unknown;
    }
  }
  return {{"bucket", report.bucket}, {"prefix", report.prefix}, {"now", Time(report.now)},
          {"time_from", policy::FormatTimeSource(report.time_from)},
          {"root_objects", report.root_objects}, {"deployments", deployments}};
}

namespace {

// What the store lacks, as learned while planning: {"feature", "request", "answer"} each.
json UnsupportedJson(const std::vector<s3::Unsupported>& unsupported) {
  json out = json::array();
  for (const auto& lacking : unsupported) {
    out.push_back({{"feature", s3::FeatureName(lacking.feature)}, {"request", lacking.request}, {"answer", lacking.answer}});
  }
  return out;
}

}  // namespace

namespace {

// With a --time-from source other than objects: the time that ordered the deployment ("time",
// null under order:natural or when unreadable), its age, why it could not be read
// ("time_unknown"), and where it and LastModified disagree ("time_note"). age_seconds stays
// the age of LastModified (--age-by).
void AddTimeFrom(json& entry, const policy::Decision& decision, const usecase::PlanReport& report) {
  // Residue (no current object) is dated by its newest delete marker, whatever --time-from.
  if (report.policy.time_from.from == policy::TimeFrom::kObjects || decision.deployment.objects == 0) return;
  const policy::DeploymentTime dated = policy::TimeOf(decision.deployment, report.policy);
  entry["time"] = dated.time ? json(Time(*dated.time)) : json(nullptr);
  entry["time_age_seconds"] =
      dated.time ? json(std::chrono::duration_cast<std::chrono::seconds>(report.now - *dated.time).count()) : json(nullptr);
  if (!dated.known()) entry["time_unknown"] = dated.unknown;
  if (!decision.time_note.empty()) entry["time_note"] = decision.time_note;
}

}  // namespace

json PlanJson(const usecase::PlanReport& report) {
  json deployments = json::array();
  for (const auto& decision : report.plan.decisions) {
    json entry = DeploymentJson(decision.deployment, report.now, report.versions, report.policy.age_by);
    entry["action"] = decision.action == policy::Action::kKeep ? "keep" : "delete";
    entry["reasons"] = decision.reasons;
    AddTimeFrom(entry, decision, report);
    // --group-by: the group it was counted in; null when the pattern names none for it.
    if (!report.policy.group_by.empty()) entry["group"] = decision.group.empty() ? json(nullptr) : json(decision.group);
    if (decision.action == policy::Action::kDelete) entry["delete_effect"] = usecase::DeleteEffectName(report.delete_effect);
    deployments.push_back(std::move(entry));
  }
  const usecase::PlanSummary summary = usecase::Summarize(report);
  return {
      {"bucket", report.bucket},
      {"prefix", report.prefix},
      {"now", Time(report.now)},
      {"time_source", report.server_time ? "server" : "local"},
      {"policy", PolicyJson(report.policy, report.versions, report.via_lifecycle)},
      {"deployments", deployments},
      {"excluded", ExcludedJson(report.plan.excluded)},
      {"warnings", report.warnings},
      {"unsupported", UnsupportedJson(report.unsupported)},
      {"root_objects", report.root_objects},
      {"lifecycle", report.lifecycle ? LifecycleJson(*report.lifecycle) : json(nullptr)},
      {"summary",
       {{"deployments", summary.deployments},
        {"keep", summary.keep},
        {"delete", summary.remove},
        {"objects_to_delete", summary.objects_to_delete},
        {"versions_to_delete", summary.versions_to_delete},
        {"bytes_to_delete", summary.bytes_to_delete},
        {"bytes_reclaimed", summary.bytes_reclaimed},
        {"delete_effect", usecase::DeleteEffectName(report.delete_effect)},
        {"reclaims_space", report.reclaims_space()}}},
  };
}

std::string JsonText(const json& document, bool* replaced) {
  if (replaced != nullptr) *replaced = false;
  try {
    return document.dump(2);
  } catch (const json::type_error&) {  // 316: a string that is not UTF-8
    if (replaced != nullptr) *replaced = true;
    return document.dump(2, ' ', false, json::error_handler_t::replace);
  }
}

json ErrorDocument(std::string_view code, const std::string& message, int exit_code) {
  return {{"error", {{"code", code}, {"message", message}, {"exit_code", exit_code}}}};
}

json ApplyJson(const ApplyReport& report) {
  json out = PlanJson(report.plan);
  const ApplyTotals totals = Totals(report);
  json failed = json::array();
  json outcome_unknown = json::array();
  json incomplete = json::array();
  json changed = json::array();
  json interrupted = json::array();
  json already_gone = json::array();
  for (const auto& outcome : report.result.deployments) {
    for (const auto& failure : outcome.failures) {
      failed.push_back({{"deployment", outcome.id},
                        {"key", failure.object.key},
                        {"version_id", failure.object.version_id},
                        {"code", failure.code},
                        {"message", failure.message}});
    }
    for (const auto& unknown : outcome.outcome_unknown) {
      outcome_unknown.push_back({{"deployment", outcome.id},
                                 {"key", unknown.object.key},
                                 {"version_id", unknown.object.version_id},
                                 {"code", unknown.code},
                                 {"message", unknown.message}});
    }
    if (outcome.state == prune::DeploymentState::kChangedSincePlan) {
      changed.push_back({{"deployment", outcome.id}, {"reason", outcome.changed_since_plan}});
    }
    if (outcome.state == prune::DeploymentState::kInterrupted) interrupted.push_back(outcome.id);
    if (outcome.state == prune::DeploymentState::kAlreadyGone) already_gone.push_back(outcome.id);
    if (outcome.listing_error) {
      incomplete.push_back({{"deployment", outcome.id}, {"error", ErrorJson(*outcome.listing_error)}});
    }
  }
  json uploads_failed = json::array();
  for (const auto& upload : report.result.uploads) {
    if (upload.error) {
      uploads_failed.push_back({{"key", upload.key}, {"upload_id", upload.upload_id}, {"error", ErrorJson(*upload.error)}});
    }
  }
  out["result"] = {
      {"complete", report.result.Complete()},
      {"deployments_deleted", totals.deployments_deleted},
      {"deployments_changed", totals.deployments_changed},
      {"interrupted", report.result.interrupted},
      {"deployments_interrupted", interrupted},
      {"deployments_already_gone", already_gone},
      {"objects_deleted", totals.objects_deleted},
      {"versions_deleted", totals.versions_deleted},
      {"bytes_deleted", totals.bytes_deleted},
      {"bytes_reclaimed", totals.bytes_reclaimed},
      {"objects_failed", totals.objects_failed},
      {"uploads_aborted", totals.uploads_aborted},
      {"monthly_saving_usd", totals.monthly_saving},
      {"price_per_gb_month", report.price_per_gb_month},
      {"failed", failed},
      {"objects_outcome_unknown", totals.objects_outcome_unknown},
      {"outcome_unknown", outcome_unknown},
      {"incomplete_listings", incomplete},
      {"changed_since_plan", changed},
      {"uploads_failed", uploads_failed},
      {"upload_listing_error", report.result.upload_listing_error ? ErrorJson(*report.result.upload_listing_error) : json(nullptr)},
      {"uploads_not_listed", report.result.uploads_not_listed ? json(*report.result.uploads_not_listed) : json(nullptr)},
  };
  return out;
}

json StatsJson(const RunStats& stats) {
  json requests = json::object();
  for (std::size_t i = 0; i < s3::kOperationKinds; ++i) {
    if (stats.requests.requests[i] > 0) {
      requests[std::string(s3::OperationName(static_cast<s3::OperationKind>(i)))] = stats.requests.requests[i];
    }
  }
  return {{"requests", requests},
          {"requests_total", stats.requests.TotalRequests()},
          {"retries", stats.requests.retries},
          {"failed_requests", stats.requests.failures},
          {"bytes_sent", stats.requests.bytes_sent},
          {"bytes_received", stats.requests.bytes_received},
          {"elapsed_seconds", static_cast<double>(stats.elapsed.count()) / 1000.0}};
}

}  // namespace s3prune::report
