// Lists one KeyRange page by page, current objects (ListObjectsV2) or every version and
// delete marker (ListObjectVersions), and hands each page's entries of the range's own
// deployments to a visitor. Paging itself is s3::PageObjects / PageVersions (s3/paginator.h),
// which owns the rules that keep pruning safe (a truncated page continues, an error stops the
// walk and is returned); this file adds the range: it stops the walk at the range's end.
// Thread-safe as S3Client: ranges are listed by parallel workers.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "prune/key_layout.h"
#include "s3/client.h"
#include "s3/list_operations.h"
#include "s3/paginator.h"
#include "s3/core/model.h"

namespace s3prune::prune {

enum class ListingMode {
  kCurrentObjects,  // ListObjectsV2: what a non-versioned view of the bucket shows
  kAllVersions,     // ListObjectVersions: every version and delete marker
};

// One listed object or version, reduced to what pruning needs.
struct ListedEntry {
  std::string key;
  std::string version_id;  // empty in kCurrentObjects mode
  std::uint64_t size = 0;
  s3::Timestamp last_modified{};
  bool is_current = true;        // the visible object (not a noncurrent version or marker)
  bool is_delete_marker = false;
  std::size_t deployment = 0;    // index into the range's ids
  std::string etag;              // unquoted; "" for delete markers (and where none was listed)
};

struct RangeListing {
  std::string bucket;
  std::string prefix;
  ListingMode mode = ListingMode::kCurrentObjects;
  int page_size = s3::kMaxKeysPerList;
};

// Called once per page with that page's entries of the range's deployments (possibly none);
// kStop ends the listing there (the executor's interruption), as a complete one.
using PageVisitor = std::function<s3::PageControl(std::vector<ListedEntry>&& entries)>;

s3::Result<void> ListRange(s3::S3Client& client, const RangeListing& listing, const KeyRange& range,
                           const PageVisitor& visit);

}  // namespace s3prune::prune
