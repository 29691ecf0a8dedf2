// `apply --via lifecycle`: instead of deleting objects, hand each doomed deployment to S3's own
// lifecycle engine as one rule (two with --versions), merged into the bucket's configuration:
//   ID s3prune:PREFIX<id>          <Filter><Prefix>PREFIX<id>/</Prefix></Filter> (never a
//                                  rule-level <Prefix>: Ceph RGW ignores it when a <Filter> is
//                                  present and applies the rule to the whole bucket),
//                                  Expiration after 1 day, AbortIncompleteMultipartUpload after
//                                  1 day, and with --versions NoncurrentVersionExpiration after
//                                  1 day;
//   ID s3prune:PREFIX<id>:markers  (--versions) ExpiredObjectDeleteMarker, which S3 refuses in a
//                                  rule that also has Expiration days.
// PREFIX is the target's (`s3://b/siteA/` gives `s3prune:siteA/d1`), so two targets in one
// bucket never take each other's rules. A rule is this target's when its ID is one of these
// and its filter prefix is exactly PREFIX<id>/; the IDs of earlier versions (`s3prune:<id>`,
// without PREFIX) are recognised by the same filter test, so an upgrade orphans none. Every
// other rule, another target's included, is written back as read.
// This target's rules whose deployment is gone or no longer doomed (a rollback made it live)
// are removed; RemoveRulesOfKept does that alone, for runs that write no schedule. A bucket
// holds at most 1000 rules: the oldest doomed deployments are scheduled first and the rest
// wait for the next run. A doomed id that cannot be a rule (a character XML 1.0 cannot carry,
// an ID over 255 bytes) gets none and is reported. No s3prune rule may match a kept
// deployment: every prefix is checked against the kept ids before anything is written. Pure.
#pragma once

#include <cstddef>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "s3/core/model.h"

namespace s3prune::prune {

inline constexpr std::size_t kMaxLifecycleRules = 1000;
inline constexpr std::string_view kRuleIdPrefix = "s3prune:";

// A doomed deployment that cannot be scheduled, and why.
struct Unschedulable {
  std::string id;
  std::string reason;
};

struct LifecycleSchedule {
  s3::LifecycleConfiguration configuration;  // to write: the others' rules as read, then ours
  std::vector<std::string> added;       // deployment ids given a rule now
  std::vector<std::string> unchanged;   // doomed ids whose rule was already there
  std::vector<std::string> removed;     // ids whose s3prune rule goes: gone, or kept now
  std::vector<std::string> deferred;    // doomed ids left for the next run (no room)
  std::vector<Unschedulable> unschedulable{};  // doomed ids no rule can carry
  std::size_t foreign_rules = 0;        // rules that are not this target's, kept as they were
};

// The ID of the rule s3prune writes for deployment `id` of the target under `prefix`.
std::string RuleIdOf(std::string_view prefix, std::string_view id);

// The deployment that `rule` expires when it is an s3prune rule of the target under `prefix`
// (either ID form, its filter exactly PREFIX<id>/), else nullopt.
std::optional<std::string> DeploymentOfRule(const s3::LifecycleRule& rule, std::string_view prefix);

// `doomed`: the ids to expire, oldest first. `kept`: every other id of the plan (kept
// deployments, excluded prefixes, residue that stays). The error is one line (a rule that
// would match a kept deployment).
std::expected<LifecycleSchedule, std::string> ScheduleExpiry(const s3::LifecycleConfiguration& current,
                                                             const std::string& prefix,
                                                             const std::vector<std::string>& doomed,
                                                             const std::vector<std::string>& kept, bool versions);

// This target's s3prune rules that would expire a kept deployment: a deployment that was
// scheduled and is live again (a rollback). Removing a rule only stops an expiry.
struct KeptRuleRepair {
  s3::LifecycleConfiguration configuration;  // `current` without those rules, the rest as read
  std::vector<std::string> rule_ids;         // the rules removed, in configuration order
  std::vector<std::string> kept;             // the kept deployments they would expire, sorted
};
KeptRuleRepair RemoveRulesOfKept(const s3::LifecycleConfiguration& current, std::string_view prefix,
                                 const std::vector<std::string>& kept);

}  // namespace s3prune::prune
