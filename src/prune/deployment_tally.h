// Adding up one deployment from its listed entries (objects, or versions and delete markers):
// counts, bytes, newest and oldest current object, noncurrent versions, null-version bytes,
// and when it was deleted (its newest delete marker). Discovery from LIST requests and from
// an S3 Inventory report add up the same way. Pure.
#pragma once

#include <optional>

#include "policy/deployment.h"
#include "prune/discovery.h"
#include "prune/listing_digest.h"
#include "prune/range_listing.h"

namespace s3prune::prune {

struct Tally {
  policy::Deployment deployment;
  bool seen_any = false;
  bool seen_current = false;
  policy::Timestamp newest_any{};
  policy::Timestamp oldest_any{};
  std::optional<policy::Timestamp> newest_marker;  // when it was last deleted
  ListingDigest current_digest;   // of the current objects, version ids ignored
  ListingDigest versions_digest;  // of every entry counted
  bool etag_missing = false;  // an object listed without an ETag: no digest is recorded
  bool version_id_missing = false;  // listed without versions: no versions digest
};

void Count(Tally& tally, const ListedEntry& entry);

// A deployment with a current object, residue (only old versions and markers), or nothing
// (emptied while listed: not a deployment).
void AddToInventory(Inventory& inventory, Tally tally);

}  // namespace s3prune::prune
