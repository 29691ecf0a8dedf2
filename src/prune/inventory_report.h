// S3 Inventory reports (CSV), read instead of LIST requests for very large buckets: the
// manifest.json (fileFormat, fileSchema, files[].key, creationTimestamp), the gzip-compressed
// CSV data files it names, and their rows added up into the same Inventory discovery builds
// (deployments, residue, root objects). Keys in the report are URL-encoded, '+' for a space.
// A report is up to a day old: apply re-lists each doomed deployment before deleting and
// leaves whole any that changed since the report's creationTimestamp. Pure.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "prune/deployment_tally.h"
#include "s3/core/error.h"

namespace s3prune::prune {

struct InventoryManifest {
  std::string source_bucket;
  std::string destination_bucket;  // the bucket the data files are in ("arn:aws:s3:::" removed)
  policy::Timestamp created{};     // creationTimestamp: the time the report reflects
  std::vector<std::string> columns;  // fileSchema, in order ("Bucket", "Key", ...)
  std::vector<std::string> files;    // the data files' keys in destination_bucket
};

s3::Result<InventoryManifest> ParseInventoryManifest(std::string_view json);

// The bytes of a gzip member (the data files are .csv.gz); kMalformedReply when corrupt.
s3::Result<std::string> Gunzip(std::string_view compressed);

struct InventoryRow {
  std::string key;  // decoded
  std::string version_id;
  bool is_latest = true;
  bool is_delete_marker = false;
  std::uint64_t size = 0;
  policy::Timestamp last_modified{};
};

// The rows of one CSV data file, its columns as the manifest's fileSchema says. Key, Size
// and LastModifiedDate are required; VersionId, IsLatest and IsDeleteMarker come with
// versioned reports.
s3::Result<std::vector<InventoryRow>> ParseInventoryCsv(std::string_view csv, const std::vector<std::string>& columns);

// Adds up rows under `prefix` as discovery adds up a listing.
class InventoryTally {
 public:
  InventoryTally(std::string prefix, ListingMode mode) : prefix_(std::move(prefix)), mode_(mode) {}
  void Add(const InventoryRow& row);
  Inventory Finish();

 private:
  std::string prefix_;
  ListingMode mode_;
  std::map<std::string, Tally> tallies_;
  std::uint64_t root_objects_ = 0;
};

}  // namespace s3prune::prune
