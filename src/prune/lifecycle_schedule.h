// `apply --via lifecycle`: instead of deleting objects, hand each doomed deployment to S3's own
// lifecycle engine as one rule (two with --versions), merged into the bucket's configuration:
//   ID s3prune:<id>           <Filter><Prefix>PREFIX<id>/</Prefix></Filter> (never a rule-level
//                             <Prefix>: Ceph RGW ignores it when a <Filter> is present and applies
//                             the rule to the whole bucket), Expiration after 1 day,
//                             AbortIncompleteMultipartUpload after 1 day, and with --versions
//                             NoncurrentVersionExpiration after 1 day;
//   ID s3prune:<id>:markers   (--versions) ExpiredObjectDeleteMarker, which S3 refuses in a rule
//                             that also has Expiration days.
// Every rule that is not s3prune's is written back as read. s3prune's rules whose deployment
// is gone or no longer doomed (a rollback made it live) are removed. A bucket holds at most
// 1000 rules: the oldest doomed deployments are scheduled first and the rest wait for the next
// run. No s3prune rule may match a kept deployment: every prefix is checked against the kept
// ids before anything is written. Pure.
#pragma once

#include <cstddef>
#include <expected>
#include <string>
#include <string_view>
#include <vector>

#include "s3/core/model.h"

namespace s3prune::prune {

inline constexpr std::size_t kMaxLifecycleRules = 1000;
inline constexpr std::string_view kRuleIdPrefix = "s3prune:";

struct LifecycleSchedule {
  s3::LifecycleConfiguration configuration;  // to write: the others' rules as read, then ours
  std::vector<std::string> added;       // deployment ids given a rule now
  std::vector<std::string> unchanged;   // doomed ids whose rule was already there
  std::vector<std::string> removed;     // ids whose s3prune rule goes: gone, or kept now
  std::vector<std::string> deferred;    // doomed ids left for the next run (no room)
  std::size_t foreign_rules = 0;        // rules that are not s3prune's, kept as they were
};

// The deployment id an s3prune rule id names, or "" for a rule that is not s3prune's.
std::string DeploymentOfRule(std::string_view rule_id);

// `doomed`: the ids to expire, oldest first. `kept`: every other id of the plan (kept
// deployments, excluded prefixes, residue that stays). The error is one line (a rule that
// would match a kept deployment, an id too long for a rule ID).
std::expected<LifecycleSchedule, std::string> ScheduleExpiry(const s3::LifecycleConfiguration& current,
                                                             const std::string& prefix,
                                                             const std::vector<std::string>& doomed,
                                                             const std::vector<std::string>& kept, bool versions);

}  // namespace s3prune::prune
