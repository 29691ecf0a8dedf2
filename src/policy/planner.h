// The planner: applies a RetentionPolicy to a bucket's deployments and decides, for each one,
// keep or delete, with the reasons a person needs to trust the decision. Decide first, act
// second: a Plan is plain data that is shown, then executed elsewhere (dry runs stop after
// showing it). Pure: `now` is passed in; no I/O, no clock, no logging; thread-safe.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "policy/deployment.h"
#include "policy/retention_policy.h"

namespace s3prune::policy {

enum class Action { kKeep, kDelete };

struct Decision {
  Deployment deployment;
  Action action = Action::kKeep;
  // Never empty. Keep: every rule that keeps it, in the order count, calendar (hourly to
  // yearly), age, --keep globs, --keep-from lists (or only "newest deployment (always
  // kept)"). Delete: "not kept by any rule", then why the count, calendar and age rules did
  // not keep it.
  std::vector<std::string> reasons{};
  // Informational, never a reason: the --time-from time and the objects' LastModified
  // (--age-by) differ by more than kTimesDisagreeAfter ("" when they agree, or with objects).
  std::string time_note{};
  // With --group-by: the group it was counted in ("" when the pattern names none for it;
  // those are counted together). Always "" without --group-by; residue has none.
  std::string group{};
};

// How far a --time-from time and LastModified may differ before the plan says so.
inline constexpr std::chrono::hours kTimesDisagreeAfter{24};

// The reason of a deployment whose --time-from time cannot be read: "time unknown: WHY ...".
inline constexpr std::string_view kTimeUnknownPrefix = "time unknown: ";

// A prefix that is not a deployment at all: never deleted, never counted.
struct Exclusion {
  std::string id;
  std::string reason;  // "matches --exclude 'GLOB'" or "holds the --keep-from pointer s3://..."

  bool operator==(const Exclusion&) const = default;
};

// A --keep-from list that protects less than it should: it is empty, or a line names no
// deployment. Plan and apply refuse on these unless told to go on (--allow-missing-keep-from).
struct PointerProblem {
  std::string source;   // the pointer, e.g. "s3://b/live/current.txt"
  std::size_t line = 0;  // 1-based; 0 when the whole list is the problem
  std::string message;  // one line naming the pointer and the line
  std::string id;       // the id named that is no deployment of the plan ("" for an empty list)

  bool operator==(const PointerProblem&) const = default;
};

struct Plan {
  std::vector<Decision> decisions;  // most recent first; excluded prefixes are not here
  std::vector<Exclusion> excluded;  // most recent first
  std::vector<PointerProblem> pointer_problems;  // filled by CheckPointers
};

// Why `id` is not a deployment at all (--exclude, a --keep-from pointer's holder), or nullopt.
std::optional<std::string> ExclusionReason(const std::string& id, const RetentionPolicy& policy);

// Decides every deployment:
// - Ids matching policy.exclude_globs, and the prefixes holding a --keep-from pointer object
//   (NamedDeployments::holder_id), are set aside in plan.excluded: not deployments, so never
//   deleted and never counted (they take no --keep-last slot).
// - The rest are ordered most recent first by their time (TimeOf(deployment, policy): the
//   --time-from source, LastModified by policy.age_by by default), or by the ids' natural
//   order (order:natural); equal times by descending id ("b" before "a"), so the order is
//   total and the plan does not depend on the input order.
// - A deployment whose time cannot be read is never deleted on a guess: it is kept ("time
//   unknown: WHY"), takes no --keep-last or calendar slot and is not the "newest"; these come
//   last.
// - With policy.group_by, each deployment is in the group its id names (group_by.h); the count
//   and calendar rules, the always-kept newest and --keep-within-of newest count within each
//   group. The other rules look at one deployment alone, so groups do not change them.
// - A deployment is kept if any rule keeps it: among the keep_last most recent (of its
//   group); the newest of one of the N most recent hours/days/ISO weeks/months/years (in
//   policy.time_zone) that have a deployment (of its group), restic's --keep-daily and the
//   like; now - time < keep_within (a time in the future counts as young), or newest - time <
//   keep_within with --keep-within-of newest, counted from the newest of its group; its id
//   matches a keep glob (fnmatch, exact otherwise: "dep1" does not match "dep10"); it is
//   named in a keep_named list. The most recent one (of each group) is always kept.
//   Everything else is deleted.
// REQUIRES: deployment ids are unique. The policy should pass Validate; an invalid one is
// applied literally (with no rule at all, only the most recent deployment is kept).
Plan MakePlan(std::vector<Deployment> deployments, const RetentionPolicy& policy, Timestamp now);

// Adds the residue of deployments deleted earlier in a versioned bucket: prefixes with no
// current object, only noncurrent versions and delete markers, each dated (`newest`) by its
// newest delete marker. They take no --keep-last slot. One is kept while it is younger than
// policy.undo_window or than keep_within, or when --keep or --keep-from names it; the rest
// are deleted ("no current objects: ..."). Excludes apply as in MakePlan. Appended after the
// plan's decisions, most recently deleted first.
void AddResidue(Plan& plan, std::vector<Deployment> residue, const RetentionPolicy& policy, Timestamp now);

// Fills plan.pointer_problems (call after AddResidue): a keep_named list with no ids, and each
// id that is neither a deployment, residue nor an excluded prefix of the plan.
void CheckPointers(Plan& plan, const RetentionPolicy& policy);

// One warning per --keep glob that matches no deployment (nor residue) of the plan, and per
// --exclude glob that matched no prefix: a glob that matches nothing is most often a typo
// or a wrong prefix, and silently protects nothing. Call after AddResidue.
std::vector<std::string> UnmatchedGlobs(const Plan& plan, const RetentionPolicy& policy);

// Most recent first by `age_by`, ties by id (descending), as plans and listings show them.
void SortMostRecentFirst(std::vector<Deployment>& deployments, AgeBy age_by);

}  // namespace s3prune::policy
