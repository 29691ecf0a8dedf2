// The check that keeps apply inside its plan: before any object of a doomed deployment is
// deleted, the deployment is listed whole and compared with what the plan saw. A write after
// the plan (an entry newer than the plan's time, or more entries than the plan counted) means
// someone is using the deployment again: it is left whole. Pure; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "policy/deployment.h"
#include "prune/range_listing.h"

namespace s3prune::prune {

// Why `listed` (every entry of one deployment, as listed now) is not what the plan saw in
// `planned`, or "" when deleting it stays within the plan. `snapshot` is the plan's time
// (nullopt: no time check, only the count). In kCurrentObjects mode the plan counted
// planned.objects entries; in kAllVersions mode planned.objects + planned.noncurrent_versions.
std::string ChangeSincePlan(const policy::Deployment& planned, const std::vector<ListedEntry>& listed,
                            ListingMode mode, std::optional<s3::Timestamp> snapshot);

}  // namespace s3prune::prune
