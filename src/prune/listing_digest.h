// What a plan saw of one deployment, in 64 bits: a digest of every listed entry's key,
// version id, size and ETag (a delete marker by its key and version id), or of its current
// objects' keys, sizes and ETags. Discovery records
// it when the plan lists; apply lists the deployment again and compares (snapshot_check.h),
// so "exactly what was planned" is decided without comparing the clocks of different
// machines (OpenStack Swift, for one, lists LastModified rounded up to the next second).
// Entries are combined by addition, so the digest does not depend on the order they were
// listed in. It detects change by honest writers; it is not an authenticator. Pure; a value.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "prune/range_listing.h"

namespace s3prune::prune {

// kIgnored: the digest of current objects, the same whether they were listed with versions
// (a Suspended bucket is planned from its versions) or without (as apply lists them).
enum class VersionIds { kHashed, kIgnored };

class ListingDigest {
 public:
  void Add(const ListedEntry& entry, VersionIds version_ids);
  std::uint64_t value() const { return sum_; }

 private:
  std::uint64_t sum_ = 0;
};

// The digest of a whole listing, as ChangeSincePlan computes it again at apply.
template <class Entries>
std::uint64_t DigestOf(const Entries& entries, VersionIds version_ids) {
  ListingDigest digest;
  for (const ListedEntry& entry : entries) digest.Add(entry, version_ids);
  return digest.value();
}

// As saved in plan files: 16 lowercase hex digits (a JSON number would lose bits in readers
// that hold numbers as doubles).
std::string FormatListingDigest(std::uint64_t digest);
std::optional<std::uint64_t> ParseListingDigest(std::string_view text);

}  // namespace s3prune::prune
