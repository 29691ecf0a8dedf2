// What became of a delete whose outcome is unknown (s3::OutcomeUnknown: it timed out, its
// connection dropped, its reply could not be read). The store may have carried it out, in
// part or whole, after the client stopped waiting: OpenStack Swift goes on deleting a batch
// after the client hangs up. Such keys are neither deleted nor failed until they are looked
// at: LookAgain lists each deployment's part of the batch again, from just before its first
// key to its last (one page for a full batch), and ClassifyByListing splits the batch into
// what is gone and what is still there.
// Listing, not HEAD: one request per deployment instead of one per key, and it reads
// versioned buckets right: without --versions a delete leaves a delete marker on top, and
// ListObjectsV2 no longer shows the key; with --versions a version is gone when its version
// id is no longer listed. Thread-safe as S3Client.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "prune/delete_queue.h"
#include "prune/range_listing.h"
#include "s3/client.h"

namespace s3prune::prune {

struct Recheck {
  std::vector<DoomedObject> gone;         // deleted: the listing no longer shows them
  std::vector<DoomedObject> still_there;  // the listing shows them: not deleted
};

// Splits `objects` by a listing (`listed`) taken after their delete, in `mode`: in
// kCurrentObjects mode a key is still there when it is listed, in kAllVersions mode when
// its key and version id are. Pure.
// REQUIRES: `listed` covers every key of `objects` (from before the first to after the last).
Recheck ClassifyByListing(std::span<const DoomedObject> objects, ListingMode mode,
                          const std::vector<ListedEntry>& listed);

// Lists again the keys of `objects` (each of the deployment `ids[object.deployment]` under
// `listing.prefix`) and classifies them. Any listing error is returned: then nothing is known.
s3::Result<Recheck> LookAgain(s3::S3Client& client, const RangeListing& listing, const std::vector<std::string>& ids,
                              std::span<const DoomedObject> objects);

}  // namespace s3prune::prune
