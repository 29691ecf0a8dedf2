#include "usecase/plan_request.h"

namespace s3prune::usecase {

prune::ListingMode ListingModeFor(Versions versions) {
  return versions == Versions::kAll ? prune::ListingMode::kAllVersions : prune::ListingMode::kCurrentObjects;
}

}  // namespace s3prune::usecase
