// A deployment: one top-level prefix of a bucket (`s3://bucket/<id>/...`) summarised by
// the times and sizes of the current objects under it. A plain value; safe to copy and share
// between threads.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "util/timestamp.h"

namespace s3prune::policy {

using util::Timestamp;

enum class DeletionTime { kKnown, kUnknown };

// What a deployment's marker object said under --time-from object:NAME or meta:KEY, read by
// the use case (usecase/marker_times.h) before planning. Plan files carry it, so a saved plan
// is decided again from what it was decided on, not from a marker read later.
struct MarkerReading {
  std::optional<Timestamp> time{};  // nullopt: no time could be read from it
  std::string problem{};            // why not ("" when time is set): missing, unparseable, ...

  bool operator==(const MarkerReading&) const = default;
};

struct Deployment {
  std::string id{};  // the prefix without its trailing '/', e.g. "2024-05-01-abc123"
  Timestamp newest{};  // LastModified of the most recently modified object
  Timestamp oldest{};  // LastModified of the least recently modified object
  std::uint64_t objects = 0;  // number of current objects under the prefix
  std::uint64_t bytes = 0;  // their total size
  // Only when versions are listed (otherwise 0): noncurrent versions and delete markers under
  // the prefix, and their total size. They never change a deployment's times.
  std::uint64_t noncurrent_versions = 0;
  std::uint64_t noncurrent_bytes = 0;
  // Only when versions are listed: bytes of the "null" versions (objects written while
  // versioning was off or Suspended), the ones a plain delete in a Suspended bucket removes.
  std::uint64_t null_version_bytes = 0;
  // Residue only (nothing current left): whether `newest` is when it was deleted (its newest
  // delete marker), or only when its newest version was written because no delete marker
  // was left (OpenStack Swift leaves none when deleting in a Suspended bucket). A write
  // time is not a deletion time: the undo window cannot be shown to have passed.
  DeletionTime deletion_time = DeletionTime::kKnown;
  // Digests of what the plan listed (prune/listing_digest.h), which apply compares with the
  // deployment listed again: of its current objects (key, size, ETag), as apply lists them
  // without --versions; and, when versions were listed, of every version and delete marker
  // (with version ids), as apply lists them with --versions. nullopt when the listing
  // carried no ETags (an S3 Inventory report) or the plan file predates them: apply then
  // compares times and counts only.
  std::optional<std::uint64_t> current_digest{};
  std::optional<std::uint64_t> versions_digest{};
  // --time-from object:NAME or meta:KEY only: what its marker said (nullopt: not read).
  std::optional<MarkerReading> marker{};

  bool operator==(const Deployment&) const = default;
};

}  // namespace s3prune::policy
