// The check that keeps apply inside its plan: before any object of a doomed deployment is
// deleted, the deployment is listed whole and compared with what the plan saw. A write after
// the plan means someone is using the deployment again: it is left whole.
// "Written since the plan" never rests on sub-second clocks of different machines (the
// plan's clock against the store's LastModified, which OpenStack Swift rounds up to the next
// second, so objects written in the plan's own second looked newer than the plan). It is:
//   - more entries than the plan counted; or
//   - an entry newer than the plan's time by at least kTimestampGranularity (the coarsest
//     store's LastModified step; anything dated within it may have been written before); or
//   - as many entries as planned but not the same ones: the digest of their keys, version
//     ids, sizes and ETags (listing_digest.h) differs from the one the plan recorded. This
//     is what catches a rewrite within the plan's own second, clock-free.
// Fewer entries than planned with nothing newer is a deletion meanwhile (another run, a
// lifecycle rule), not a write: deleting the rest stays within the plan. Without a recorded
// digest (an S3 Inventory plan, an older plan file) only the count and the time are compared.
// Pure; thread-safe.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "policy/deployment.h"
#include "prune/range_listing.h"

namespace s3prune::prune {

// The coarsest LastModified a store lists: whole seconds (AWS truncates, Swift rounds up).
inline constexpr std::chrono::seconds kTimestampGranularity{1};

// Why `listed` (every entry of one deployment, as listed now) is not what the plan saw in
// `planned`, or "" when deleting it stays within the plan. `snapshot` is the plan's time
// (nullopt: no time check). In kCurrentObjects mode the plan counted planned.objects
// entries; in kAllVersions mode planned.objects + planned.noncurrent_versions.
std::string ChangeSincePlan(const policy::Deployment& planned, const std::vector<ListedEntry>& listed,
                            ListingMode mode, std::optional<s3::Timestamp> snapshot);

}  // namespace s3prune::prune
