// The planner: applies a RetentionPolicy to a bucket's deployments and decides, for each one,
// keep or delete, with the reasons a person needs to trust the decision. Decide first, act
// second: a Plan is plain data that is shown, then executed elsewhere (dry runs stop after
// showing it). Pure: `now` is passed in; no I/O, no clock, no logging; thread-safe.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "policy/deployment.h"
#include "policy/retention_policy.h"

namespace s3prune::policy {

enum class Action { kKeep, kDelete };

struct Decision {
  Deployment deployment;
  Action action = Action::kKeep;
  // Never empty. Keep: every rule that keeps it, in the order count, age, --keep globs,
  // --keep-from lists (or only "newest deployment (always kept)"). Delete: "not kept by any
  // rule", then why the count and age rules did not keep it.
  std::vector<std::string> reasons{};
};

struct Plan {
  std::vector<Decision> decisions;  // most recent first; excluded prefixes are not here
  std::vector<std::string> excluded;  // ids matched by --exclude, most recent first
  std::vector<std::string> warnings;  // one line each, e.g. a --keep-from id with no deployment
};

// Decides every deployment:
// - Ids matching policy.exclude_globs are set aside in plan.excluded: not deployments, so
//   never deleted and never counted (they take no --keep-last slot).
// - The rest are ordered most recent first by the time policy.age_by selects; equal times by
//   descending id ("b" before "a"), so the order is total and the plan does not depend on the
//   input order.
// - A deployment is kept if any rule keeps it: among the keep_last most recent; now - time <
//   keep_within (a time in the future counts as young); its id matches a keep glob (fnmatch,
//   exact otherwise: "dep1" does not match "dep10"); it is named in a keep_named list.
//   The most recent one is always kept. Everything else is deleted.
// Warnings: a keep_named list that names no deployments, or names an id that matches no
// deployment (likely a typo).
// REQUIRES: deployment ids are unique. The policy should pass Validate; an invalid one is
// applied literally (with no rule at all, only the most recent deployment is kept).
Plan MakePlan(std::vector<Deployment> deployments, const RetentionPolicy& policy, Timestamp now);

// Adds the residue of deployments deleted earlier in a versioned bucket: prefixes with no
// current object, only noncurrent versions and delete markers. They take no --keep-last slot
// and have no age worth keeping, so only --keep and --keep-from keep them; the rest are
// deleted ("no current objects: ..."). Excludes apply as in MakePlan. Appended after the
// plan's decisions, most recent first.
void AddResidue(Plan& plan, std::vector<Deployment> residue, const RetentionPolicy& policy, Timestamp now);

}  // namespace s3prune::policy
