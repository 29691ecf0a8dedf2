// --via lifecycle for plan and apply: read the bucket's lifecycle configuration, schedule the
// doomed deployments' expiry (prune/lifecycle_schedule.h), and for apply write it. S3 (or the
// server's lifecycle worker) then deletes them: within a day or two on AWS, where expiry is
// rounded to the next midnight UTC. And for every plan and apply, with --via or not: the
// repair of an s3prune rule left over a deployment that is kept now (a rollback).
//
// The configuration is one document: PutBucketLifecycleConfiguration replaces it whole, and S3
// has no conditional write for it. So every write reads it again just before writing and, if
// it changed since the read the merge was made from (its owner edited a rule, another run
// wrote), merges again from the new read; after kMergeAttempts changed reads it refuses and
// writes nothing. What remains is the time between that last read and the write.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "s3/client.h"
#include "usecase/plan_report.h"

namespace s3prune::usecase {

inline constexpr int kMergeAttempts = 3;

// A doomed deployment left out of the rules because it changed since the plan, and why.
struct LeftOut {
  std::string id;
  std::string reason;
};

// Fills report.lifecycle from the bucket's current configuration (kRefused when the schedule
// cannot be made, e.g. a rule would match a kept deployment). A doomed deployment no rule can
// name (a control character in its id) is kept for this run with a warning naming it.
s3::Result<void> ScheduleLifecycle(s3::S3Client& client, PlanReport& report);

// What the rule repair does with the target's s3prune rules over kept deployments.
enum class KeptRules {
  kWarn,    // plan: each is a warning of the report ("apply removes it")
  kRemove,  // apply: removed (with --via or not, before any refusal: removing a rule only stops
            // an expiry), and a warning says so
};

// The rule repair: the target's s3prune rules whose deployment the plan keeps (kept, excluded,
// named by a pointer). A configuration that cannot be read is a warning, not an error: plain
// plan and apply need no lifecycle permission. A bucket without one costs one GET.
s3::Result<void> RepairKeptRules(s3::S3Client& client, PlanReport& report, KeptRules what);

// The warning of plan (apply_removes) or ls about one such rule. `which` says why it is kept.
std::string KeptRuleWarning(const std::string& rule_id, const std::string& kept, const std::string& which);

// Each doomed deployment is listed again and compared with the plan (its time, or the
// inventory report's), as before a delete, `concurrency` deployments at a time; one that
// changed is kept for this run (its decision says why) and returned. Any listing error is
// returned and nothing is changed.
s3::Result<std::vector<LeftOut>> LeaveOutChanged(s3::S3Client& client, PlanReport& report, std::size_t concurrency = 1);

// apply --via lifecycle after the confirmation: leave out the deployments changed since the
// plan (LeaveOutChanged), schedule again from a fresh read of the configuration and write it
// (merged again if it changes meanwhile, see above). Returns those left out.
s3::Result<std::vector<LeftOut>> WriteLifecycle(s3::S3Client& client, PlanReport& plan, std::size_t concurrency = 1);

}  // namespace s3prune::usecase
