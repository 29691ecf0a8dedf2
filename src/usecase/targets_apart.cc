#include "usecase/targets_apart.h"

#include "policy/glob.h"

namespace s3prune::usecase {
namespace {

std::string Named(const PlacedRequest& target) {
  return "s3://" + target.request->root.bucket + "/" + target.request->root.key + " (" + target.where + ")";
}

// The id the outer target would give the inner one's data: the first folder below its prefix.
std::string DeploymentIdOf(const std::string& outer_prefix, const std::string& inner_prefix) {
  const std::string below = inner_prefix.substr(outer_prefix.size());
  return below.substr(0, below.find('/'));
}

bool Excludes(const PlanRequest& outer, const std::string& id) {
  for (const auto& glob : outer.policy.exclude_globs) {
    if (policy::MatchesGlob(glob, id)) return true;
  }
  return false;
}

}  // namespace

std::expected<void, std::string> CheckTargetsApart(const std::vector<PlacedRequest>& targets) {
  for (std::size_t i = 0; i < targets.size(); ++i) {
    for (std::size_t j = i + 1; j < targets.size(); ++j) {
      const PlanRequest& a = *targets[i].request;
      const PlanRequest& b = *targets[j].request;
      if (a.root.bucket != b.root.bucket) continue;
      if (a.root.key == b.root.key) {
        return std::unexpected("the same target twice: " + Named(targets[i]) + " and " + Named(targets[j]) +
                               ": give each prefix one target");
      }
      const bool a_outer = b.root.key.starts_with(a.root.key);
      if (!a_outer && !a.root.key.starts_with(b.root.key)) continue;
      const PlacedRequest& outer = a_outer ? targets[i] : targets[j];
      const PlacedRequest& inner = a_outer ? targets[j] : targets[i];
      const std::string id = DeploymentIdOf(outer.request->root.key, inner.request->root.key);
      if (Excludes(*outer.request, id)) continue;
      return std::unexpected("targets overlap: " + Named(inner) + " lies inside " + Named(outer) +
                             ", whose policy would treat it as the deployment '" + id + "': add exclude: [" + id +
                             "] to the outer target, or remove one");
    }
  }
  return {};
}

}  // namespace s3prune::usecase
