#include "prune/lifecycle_schedule.h"

#include <algorithm>
#include <set>

#include "prune/key_layout.h"
#include "util/utf8.h"

namespace s3prune::prune {
namespace {

constexpr std::string_view kMarkersSuffix = ":markers";
constexpr std::size_t kMaxRuleIdLength = 255;  // S3's limit on <ID>

std::vector<s3::LifecycleRule> RulesFor(const std::string& prefix, const std::string& id, bool versions) {
  s3::LifecycleRule expire;
  expire.id = RuleIdOf(prefix, id);
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

// Why no rule can name deployment `id`, or nothing. The configuration is an XML body, and an
// id XML cannot carry would make the server refuse the whole of it (MalformedXML).
std::optional<std::string> WhyNoRule(const std::string& prefix, const std::string& id) {
  if (!util::XmlCanCarry(prefix) || !util::XmlCanCarry(id)) {
    return "its id holds a character that XML cannot carry, so no lifecycle rule can name it";
  }
  if (RuleIdOf(prefix, id).size() + kMarkersSuffix.size() > kMaxRuleIdLength) {
    return "its lifecycle rule ID (s3prune:PREFIX<id>) would be longer than the " + std::to_string(kMaxRuleIdLength) +
           " bytes S3 allows";
  }
  return std::nullopt;
}

// Whether a rule filtering on `rule_prefix` can match a key of deployment `kept`.
bool Overlaps(const std::string& rule_prefix, const std::string& kept_prefix) {
  return rule_prefix.starts_with(kept_prefix) || kept_prefix.starts_with(rule_prefix);
}

}  // namespace

std::string RuleIdOf(std::string_view prefix, std::string_view id) {
  return std::string(kRuleIdPrefix).append(prefix).append(id);
}

std::optional<std::string> DeploymentOfRule(const s3::LifecycleRule& rule, std::string_view prefix) {
  if (!rule.id.starts_with(kRuleIdPrefix)) return std::nullopt;
  const std::string_view filter = rule.prefix;
  if (!filter.starts_with(prefix) || !filter.ends_with('/')) return std::nullopt;
  const std::string_view id = filter.substr(prefix.size(), filter.size() - prefix.size() - 1);
  if (id.empty() || id.contains('/')) return std::nullopt;  // not PREFIX<id>/ of one deployment
  // Today's ID, or an earlier version's (without PREFIX): the filter already says whose it is.
  for (const std::string& name : {RuleIdOf(prefix, id), RuleIdOf("", id)}) {
    if (rule.id == name || rule.id == name + std::string(kMarkersSuffix)) return std::string(id);
  }
  return std::nullopt;
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
    const auto id = DeploymentOfRule(rule, prefix);
    if (!id) {
      schedule.configuration.rules.push_back(rule);
      ++schedule.foreign_rules;
    } else if (doomed_set.contains(*id)) {
      scheduled.insert(*id);
    } else {
      removed.insert(*id);
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
      if (auto why = WhyNoRule(prefix, id)) {
        schedule.unschedulable.push_back({id, std::move(*why)});
        continue;
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
    if (!DeploymentOfRule(rule, prefix)) continue;
    for (const auto& id : kept) {
      if (Overlaps(rule.prefix, DeploymentPrefix(prefix, id))) {
        return std::unexpected("refusing to write lifecycle rule " + rule.id + ": its prefix " + rule.prefix +
                               " would match kept deployment '" + id + "'");
      }
    }
  }
  return schedule;
}

KeptRuleRepair RemoveRulesOfKept(const s3::LifecycleConfiguration& current, std::string_view prefix,
                                 const std::vector<std::string>& kept) {
  const std::set<std::string> kept_set(kept.begin(), kept.end());
  KeptRuleRepair repair;
  std::set<std::string> expired_kept;
  for (const auto& rule : current.rules) {
    const auto id = DeploymentOfRule(rule, prefix);
    if (id && kept_set.contains(*id)) {
      repair.rule_ids.push_back(rule.id);
      expired_kept.insert(*id);
    } else {
      repair.configuration.rules.push_back(rule);
    }
  }
  repair.kept.assign(expired_kept.begin(), expired_kept.end());
  return repair;
}

}  // namespace s3prune::prune
