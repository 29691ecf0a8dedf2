#include "usecase/lifecycle_mode.h"

#include <algorithm>
#include <functional>
#include <optional>

#include "prune/parallel.h"
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

// Schedules the plan's doomed deployments over `current`. Those no rule can name are kept for
// this run, each with a warning: the others' rules still get written.
s3::Result<void> ScheduleFrom(const s3::LifecycleConfiguration& current, PlanReport& report) {
  auto schedule = prune::ScheduleExpiry(current, report.prefix, DoomedOldestFirst(report), KeptIds(report),
                                        report.versions);
  if (!schedule) return std::unexpected(s3::MakeError(s3::ErrorCode::kRefused, schedule.error()));
  for (const auto& [id, why] : schedule->unschedulable) {
    for (auto& decision : report.plan.decisions) {
      if (decision.deployment.id != id || decision.action != policy::Action::kDelete) continue;
      decision.action = policy::Action::kKeep;
      decision.reasons = {"left out of --via lifecycle: " + why + "; delete it directly (apply without --via)"};
    }
    report.warnings.push_back("deployment '" + id + "' is left out of --via lifecycle: " + why +
                              "; delete it directly (apply without --via lifecycle)");
  }
  report.lifecycle = std::move(*schedule);
  report.via_lifecycle = true;
  return {};
}

// A lifecycle configuration to write, or nothing to write.
using Merge = std::function<s3::Result<std::optional<s3::LifecycleConfiguration>>(const s3::LifecycleConfiguration&)>;

s3::Result<void> Write(s3::S3Client& client, const std::string& bucket, const s3::LifecycleConfiguration& configuration) {
  return configuration.rules.empty() ? s3::DeleteBucketLifecycle(client, bucket)
                                     : s3::PutBucketLifecycle(client, bucket, configuration);
}

// Writes what `merge` makes of `current` (as read), once the configuration read again just
// before the write is still `current`; else merges again from the new read, kMergeAttempts
// times at most, then refuses with nothing written.
s3::Result<void> MergeAndWrite(s3::S3Client& client, const std::string& bucket, s3::LifecycleConfiguration current,
                               const Merge& merge) {
  for (int attempt = 1;; ++attempt) {
    auto merged = merge(current);
    if (!merged) return std::unexpected(merged.error());
    if (!*merged) return {};
    auto again = s3::GetBucketLifecycle(client, bucket);
    if (!again) return std::unexpected(again.error());
    if (*again == current) return Write(client, bucket, **merged);
    if (attempt == kMergeAttempts) {
      return std::unexpected(s3::MakeError(
          s3::ErrorCode::kRefused,
          "the bucket's lifecycle configuration changed while s3prune merged its rules into it, " +
              std::to_string(kMergeAttempts) +
              " times in a row (its owner or another run is writing it): nothing was written; run again"));
    }
    current = std::move(*again);
  }
}

std::vector<std::string> ProtectedIds(const PlanReport& report) {
  auto kept = KeptIds(report);
  for (const auto& named : report.policy.keep_named) kept.insert(kept.end(), named.ids.begin(), named.ids.end());
  return kept;
}

// --via lifecycle on a store that has none (Swift, s3rver): one line that says what to do.
s3::Error WithoutLifecycle(s3::Error error) {
  if (error.code == s3::ErrorCode::kUnsupported) error.message += ": use --via delete";
  return error;
}

}  // namespace

std::string KeptRuleWarning(const std::string& rule_id, const std::string& kept, const std::string& which) {
  return "lifecycle rule " + rule_id + " would expire deployment '" + kept + "', " + which;
}

s3::Result<std::vector<LeftOut>> LeaveOutChanged(s3::S3Client& client, PlanReport& report, std::size_t concurrency) {
  const auto mode = report.listing_mode();
  std::vector<policy::Decision*> doomed;
  for (auto& decision : report.plan.decisions) {
    if (decision.action == policy::Action::kDelete) doomed.push_back(&decision);
  }
  // Why each changed ("" when it did not), listed in parallel as the executor lists.
  std::vector<s3::Result<std::string>> why(doomed.size(), std::string());
  prune::RunParallel(doomed.size(), concurrency, [&](std::size_t i) {
    const auto& deployment = doomed[i]->deployment;
    if (auto error = prune::CatchAsError([&] {
          auto entries = ListDeployment(client, report, deployment.id, mode);
          why[i] = entries ? s3::Result<std::string>(
                                 prune::ChangeSincePlan(deployment, *entries, mode, report.snapshot_time()))
                           : std::unexpected(entries.error());
        })) {
      why[i] = std::unexpected(*error);
    }
  });
  const std::string since = report.listed_at ? "the inventory report" : "the plan";
  std::vector<LeftOut> changed;
  for (std::size_t i = 0; i < doomed.size(); ++i) {
    if (!why[i]) return std::unexpected(why[i].error());
    if (why[i]->empty()) continue;
    changed.push_back({doomed[i]->deployment.id, *why[i]});
    doomed[i]->action = policy::Action::kKeep;
    doomed[i]->reasons = {"changed since " + since + " (" + *why[i] + "): left for the next run"};
  }
  return changed;
}

s3::Result<void> ScheduleLifecycle(s3::S3Client& client, PlanReport& report) {
  auto current = s3::GetBucketLifecycle(client, report.bucket);
  if (!current) return std::unexpected(WithoutLifecycle(current.error()));
  if (auto scheduled = ScheduleFrom(*current, report); !scheduled) return scheduled;
  if (!report.lifecycle->deferred.empty()) {
    report.warnings.push_back(std::to_string(report.lifecycle->deferred.size()) +
                              " doomed deployments wait for the next run: a bucket holds at most 1000 lifecycle rules");
  }
  return {};
}

s3::Result<void> RepairKeptRules(s3::S3Client& client, PlanReport& report, KeptRules what) {
  auto current = s3::GetBucketLifecycle(client, report.bucket);
  // A store without lifecycle configuration holds no rule of s3prune's: nothing to repair.
  if (!current && current.error().code == s3::ErrorCode::kUnsupported) return {};
  if (!current) {
    report.warnings.push_back("could not read the bucket's lifecycle rules (" + current.error().message +
                              "): an s3prune rule of an earlier apply --via lifecycle may still expire a kept "
                              "deployment");
    return {};
  }
  const auto kept = ProtectedIds(report);
  if (what == KeptRules::kWarn) {
    for (const auto& rule : current->rules) {
      const auto id = prune::DeploymentOfRule(rule, report.prefix);
      if (id && std::ranges::find(kept, *id) != kept.end()) {
        report.warnings.push_back(KeptRuleWarning(rule.id, *id, "which the plan keeps: apply removes the rule"));
      }
    }
    return {};
  }
  prune::KeptRuleRepair repair;
  auto written = MergeAndWrite(client, report.bucket, std::move(*current),
                               [&](const s3::LifecycleConfiguration& read)
                                   -> s3::Result<std::optional<s3::LifecycleConfiguration>> {
                                 repair = prune::RemoveRulesOfKept(read, report.prefix, kept);
                                 if (repair.rule_ids.empty()) return std::nullopt;
                                 return repair.configuration;
                               });
  if (!written) {
    return std::unexpected(s3::MakeError(written.error().code,
                                         "could not remove the lifecycle rules that would expire kept deployments (" +
                                             written.error().message + "); nothing was deleted"));
  }
  for (const auto& rule_id : repair.rule_ids) {
    report.warnings.push_back("removed lifecycle rule " + rule_id + ": it would have expired a kept deployment");
  }
  for (const auto& id : repair.kept) report.kept_rules_removed.push_back(id);
  return {};
}

s3::Result<std::vector<LeftOut>> WriteLifecycle(s3::S3Client& client, PlanReport& plan, std::size_t concurrency) {
  auto changed = LeaveOutChanged(client, plan, concurrency);
  if (!changed) return std::unexpected(changed.error());
  auto current = s3::GetBucketLifecycle(client, plan.bucket);
  if (!current) return std::unexpected(WithoutLifecycle(current.error()));
  auto written = MergeAndWrite(client, plan.bucket, std::move(*current),
                               [&](const s3::LifecycleConfiguration& read)
                                   -> s3::Result<std::optional<s3::LifecycleConfiguration>> {
                                 if (auto scheduled = ScheduleFrom(read, plan); !scheduled) {
                                   return std::unexpected(scheduled.error());
                                 }
                                 return plan.lifecycle->configuration;
                               });
  if (!written) return std::unexpected(written.error());
  // The rules the repair removed earlier in this run count among those removed.
  auto& removed = plan.lifecycle->removed;
  for (const auto& id : plan.kept_rules_removed) {
    if (std::ranges::find(removed, id) == removed.end()) removed.push_back(id);
  }
  std::ranges::sort(removed);
  return std::move(*changed);
}

}  // namespace s3prune::usecase
