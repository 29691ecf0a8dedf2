// The retention policy: which deployments to keep, as in restic's `forget`. A deployment is
// kept if any rule keeps it (and the newest one always is); every other deployment is deleted.
// A plain value built by the CLI, checked by Validate, and applied by MakePlan (planner.h).
// Pure functions; thread-safe.
#pragma once

#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "policy/deployment.h"
#include "policy/deployment_list.h"
#include "policy/duration.h"
#include "policy/time_source.h"
#include "policy/time_zone.h"

namespace s3prune::policy {

// Which object's LastModified stands for a deployment's time (ordering and age).
enum class AgeBy {
  kNewest,  // its most recently modified object: the time it was last written to
  kOldest,  // its least recently modified object: roughly the time it was created
};

// --keep-within-of: what a deployment's age under --keep-within is counted from.
enum class KeepWithinOf {
  kNow,     // the plan's time: a pipeline that stops deploying ages out everything in time
  kNewest,  // the time of the newest deployment (of its group, with --group-by), as restic
            // counts it: a stopped pipeline keeps its last DURATION of deployments
};

// Every field has a default, so designated initializers may name only the rules they use.
struct RetentionPolicy {
  // --keep-last N: keep the N most recent deployments. Unset: no count rule.
  std::optional<int> keep_last{};
  // --keep-within D: keep deployments younger than D (now - time < D). Unset: no age rule.
  std::optional<Duration> keep_within{};
  // --keep GLOB: keep deployments whose id matches any of these shell globs.
  std::vector<std::string> keep_globs{};
  // --keep-from s3://B/K: keep deployments named in any of these lists.
  std::vector<NamedDeployments> keep_named{};
  // --exclude GLOB: ids matching these are not deployments: never deleted, never counted.
  std::vector<std::string> exclude_globs{};
  // --age-by: which time orders and ages a deployment.
  AgeBy age_by = AgeBy::kNewest;
  // --time-from: where a deployment's time comes from (objects: its LastModified by age_by).
  TimeSource time_from{};
  // --undo-window: residue (a prefix with only old versions and delete markers, dated by its
  // newest delete marker) is purged only once it is older than this, so that a mistaken
  // delete can still be undone by removing the markers.
  Duration undo_window = {std::chrono::days{7}, "7d"};
  // --keep-hourly, --keep-daily, --keep-weekly (ISO weeks), --keep-monthly, --keep-yearly N:
  // keep the newest deployment of each of the N most recent hours (days, ...) that have one,
  // as restic's `forget` does; the periods are those of time_zone. Unset: no such rule.
  std::optional<int> keep_hourly{};
  std::optional<int> keep_daily{};
  std::optional<int> keep_weekly{};
  std::optional<int> keep_monthly{};
  std::optional<int> keep_yearly{};
  // --timezone: the zone whose hours, days, weeks, months and years the calendar rules count.
  TimeZone time_zone{};
  // --group-by REGEX: apply --keep-last and the calendar rules within each group its one
  // capture group names (group_by.h), and keep the newest of each group. "" : one group.
  std::string group_by{};
  // --keep-within-of: what --keep-within counts a deployment's age from.
  KeepWithinOf keep_within_of = KeepWithinOf::kNow;
};

// The time that dates `deployment` under --age-by: its newest or its oldest object's. Orders
// the plan, ages it against --keep-within, and is the AGE every view shows.
Timestamp TimeOf(const Deployment& deployment, AgeBy age_by);

// A deployment's time as --time-from reads it: the one function every rule that orders or
// ages deployments calls. Three outcomes: a time; no time but an order (order:natural gives
// the ids' order and no time); or unknown, with why (the id does not match, the marker is
// missing or holds no time), and then the deployment is kept and takes no --keep-last slot.
struct DeploymentTime {
  std::optional<Timestamp> time{};  // the time that orders and ages it
  std::string unknown{};            // why it has no readable time ("" when it has one, or is natural)

  bool known() const { return unknown.empty(); }
};
DeploymentTime TimeOf(const Deployment& deployment, const RetentionPolicy& policy);

// Succeeds if the policy may be planned and applied: it has --keep-last, --keep-within or a
// calendar rule, every count is at least 1, keep_within is positive and at most kMaxDuration,
// neither keep_within nor a calendar rule comes with --time-from order:natural (which gives
// no time to age by), every glob passes CheckGlob (glob.h), and group_by compiles
// (GroupBy::Compile). The error is one line, naming the option.
std::expected<void, std::string> Validate(const RetentionPolicy& policy);

// Parses the argument of --keep-last: a plain decimal number from 1 to INT_MAX. No sign,
// spaces, fractions or exponents. The error is one line naming the problem.
std::expected<int, std::string> ParseKeepLast(std::string_view text);

// The same for a count of another option (`flag`: "--keep-daily"), the error naming it.
std::expected<int, std::string> ParseKeepCount(std::string_view text, std::string_view flag);

}  // namespace s3prune::policy
