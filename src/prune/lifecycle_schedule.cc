#include "prune/lifecycle_schedule.h"

#include <algorithm>
#include <set>

#include "prune/key_layout.h"

namespace s3prune::prune {
namespace {

constexpr std::string_view kMarkersSuffix = ":markers";
constexpr std::size_t kMaxRuleIdLength = 255;  // S3's limit on <ID>

std::vector<s3::LifecycleRule> RulesFor(const std::string& prefix, const std::string& id, bool versions) {
  s3::LifecycleRule expire;
  expire.id = std::string(kRuleIdPrefix) + id;
  expire.prefix = DeploymentPrefix(prefix, id);
  expire.expiration_days = 1;
  expire.abort_incomplete_multipart_days = 1;
  if (versions) expire.noncurrent_version_expiration_days = 1;
  if (!versions) return {expire};
  s3::LifecycleRule markers;
  markers.id = expire.id + std::string(kMarkersSuffix);
  markers.prefix = expire.prefix;
  markers.expired_object_delete_marker = true;
  return {expire, markers};
}

// Whether a rule filtering on `rule_prefix` can match a key of deployment `kept`.
bool Overlaps(const std::string& rule_prefix, const std::string& kept_prefix) {
  return rule_prefix.starts_with(kept_prefix) || kept_prefix.starts_with(rule_prefix);
}

}  // namespace

std::string DeploymentOfRule(std::string_view rule_id) {
  if (!rule_id.starts_with(kRuleIdPrefix)) return "";
  rule_id.remove_prefix(kRuleIdPrefix.size());
  if (rule_id.ends_with(kMarkersSuffix)) rule_id.remove_suffix(kMarkersSuffix.size());
  return std::string(rule_id);
}

std::expected<LifecycleSchedule, std::string> ScheduleExpiry(const s3::LifecycleConfiguration& current,
                                                             const std::string& prefix,
                                                             const std::vector<std::string>& doomed,
                                                             const std::vector<std::string>& kept, bool versions) {
  LifecycleSchedule schedule;
  const std::set<std::string> doomed_set(doomed.begin(), doomed.end());
  std::set<std::string> scheduled;  // doomed ids that already have their rule
  std::set<std::string> removed;
  for (const auto& rule : current.rules) {
    const std::string id = DeploymentOfRule(rule.id);
    if (id.empty()) {
      schedule.configuration.rules.push_back(rule);
      ++schedule.foreign_rules;
    } else if (doomed_set.contains(id)) {
      scheduled.insert(id);
    } else {
      removed.insert(id);
    }
  }
  schedule.removed.assign(removed.begin(), removed.end());
  std::size_t room = kMaxLifecycleRules - std::min(kMaxLifecycleRules, schedule.foreign_rules);
  const std::size_t per_deployment = versions ? 2 : 1;
  // Those already scheduled keep their place (rewritten as s3prune writes them today), then
  // the oldest of the rest.
  for (const bool already : {true, false}) {
    for (const auto& id : doomed) {
      if (scheduled.contains(id) != already) continue;
      if (std::string(kRuleIdPrefix).size() + id.size() + kMarkersSuffix.size() > kMaxRuleIdLength) {
        return std::unexpected("deployment id '" + id.substr(0, 40) + "...' is too long for a lifecycle rule ID (at most " +
                               std::to_string(kMaxRuleIdLength - kRuleIdPrefix.size() - kMarkersSuffix.size()) +
                               " bytes): delete it directly, without --via lifecycle");
      }
      if (room < per_deployment) {
        schedule.deferred.push_back(id);
        continue;
      }
      for (auto& rule : RulesFor(prefix, id, versions)) schedule.configuration.rules.push_back(std::move(rule));
      room -= per_deployment;
      (already ? schedule.unchanged : schedule.added).push_back(id);
    }
  }
  for (const auto& rule : schedule.configuration.rules) {
    if (DeploymentOfRule(rule.id).empty()) continue;
    for (const auto& id : kept) {
      if (Overlaps(rule.prefix, DeploymentPrefix(prefix, id))) {
        return std::unexpected("refusing to write lifecycle rule " + rule.id + ": its prefix " + rule.prefix +
                               " would match kept deployment '" + id + "'");
      }
    }
  }
  return schedule;
}

}  // namespace s3prune::prune
