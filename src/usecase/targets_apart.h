// Several targets in one run (a policy file, a Lambda event) must not prune each other's
// data. Under an outer target s3://b/ an inner one s3://b/site/ is the outer's "deployment"
// `site`: the outer policy would doom all of the inner target's data at once. The same target
// twice with two policies is as wrong: which one holds? Both refuse before anything runs,
// unless the outer target excludes the inner one's first folder (`exclude: [site]`), which
// makes it no deployment of the outer's. Targets are compared by bucket name alone: two
// stores with one bucket name are rare, and a refusal there is the safe mistake. Pure.
#pragma once

#include <expected>
#include <string>
#include <vector>

#include "usecase/plan_request.h"

namespace s3prune::usecase {

struct PlacedRequest {
  const PlanRequest* request = nullptr;
  std::string where;  // "prune.yaml line 4 (targets[1])"
};

// The error is one line naming both targets, where they are, and what to do.
std::expected<void, std::string> CheckTargetsApart(const std::vector<PlacedRequest>& targets);

}  // namespace s3prune::usecase
