#include "s3/paginator.h"

#include <string>

namespace s3prune::s3 {
namespace {

// The version id S3 lists for objects written while versioning was off or Suspended.
constexpr std::string_view kNullVersionId = "null";

Error StuckListing(std::string_view operation, std::string_view marker) {
  return MakeError(ErrorCode::kMalformedReply,
                   std::string(operation) + " reply is truncated but its " + std::string(marker) +
                       " does not move the listing forward; stopping rather than listing in a loop");
}

// Walks pages of one listing kind. `next_request` works out, from the page, the request for
// the page after it (or why the page names no valid position); it runs before the visitor,
// which may move the page's entries out. `same_position` tells a marker that does not move.
template <class Request, class Page, class List, class NextRequest, class SamePosition>
Result<void> Walk(S3Client& client, Request request, const PageVisitor<Page>& visit, List list,
                  NextRequest next_request, SamePosition same_position, std::string_view operation,
                  std::string_view marker) {
  while (true) {
    auto page = list(client, request);
    if (!page) return std::unexpected(std::move(page.error()));
    auto next = page->is_truncated ? next_request(request, *page) : Result<Request>(request);
    if (visit(*page) == PageControl::kStop || !page->is_truncated) return {};
    if (!next) return std::unexpected(std::move(next.error()));
    if (same_position(request, *next)) return std::unexpected(StuckListing(operation, marker));
    request = std::move(*next);
  }
}

// ListObjectVersions continues from a key marker and a version id marker together (the key
// marker alone would skip the rest of that key's versions), and both must name the page's
// own last entry: its last version (key and version id) or its last common prefix. A marker
// that names something else would resume the listing somewhere else, and a server that then
// answers "no more" would pass a short listing for a whole one; so it is malformed.
// One such server is known: OpenStack Swift (2.30) sends NextVersionIdMarker "null" after
// a version whose id is not "null", and answers that marker with an empty, untruncated page.
// That one mistake is continued from the last entry's own key and version id, which Swift
// answers correctly.
Result<ListVersionsRequest> NextVersionsRequest(const ListVersionsRequest& request, const ListVersionsPage& page) {
  if (page.next_key_marker.empty()) return std::unexpected(StuckListing("ListObjectVersions", "NextKeyMarker"));
  ListVersionsRequest next = request;
  next.key_marker = page.next_key_marker;
  next.version_id_marker = page.next_version_id_marker;
  // An empty truncated page has no entry to check against; the marker must still move.
  if (page.versions.empty() && page.common_prefixes.empty()) return next;
  if (!page.common_prefixes.empty() && page.next_key_marker == page.common_prefixes.back()) return next;
  if (!page.versions.empty()) {
    const ObjectVersion& last = page.versions.back();
    if (page.next_key_marker == last.key) {
      if (page.next_version_id_marker == last.version_id) return next;
      if (page.next_version_id_marker == kNullVersionId) {
        next.version_id_marker = last.version_id;
        return next;
      }
    }
  }
  const std::string last_entry = !page.versions.empty()
                                     ? "'" + page.versions.back().key + "' version '" + page.versions.back().version_id + "'"
                                     : "common prefix '" + page.common_prefixes.back() + "'";
  return std::unexpected(MakeError(
      ErrorCode::kMalformedReply,
      "ListObjectVersions reply is truncated but its markers (NextKeyMarker '" + page.next_key_marker +
          "', NextVersionIdMarker '" + page.next_version_id_marker + "') do not name its last entry (" + last_entry +
          "); stopping rather than taking a listing that may resume elsewhere for a whole one"));
}

// Uploads continue from a key marker and an upload id marker together. OpenStack Swift
// (2.30.1) sends both empty on some truncated pages; the page's last upload is then where the
// listing stands (its key and upload id are the markers Swift answers correctly), as for
// its "null" version id marker above.
Result<ListUploadsRequest> NextUploadsRequest(const ListUploadsRequest& request, const ListUploadsPage& page) {
  ListUploadsRequest next = request;
  if (page.next_key_marker.empty() && page.next_upload_id_marker.empty() && !page.uploads.empty()) {
    next.key_marker = page.uploads.back().key;
    next.upload_id_marker = page.uploads.back().upload_id;
    return next;
  }
  if (page.next_key_marker.empty()) return std::unexpected(StuckListing("ListMultipartUploads", "NextKeyMarker"));
  next.key_marker = page.next_key_marker;
  next.upload_id_marker = page.next_upload_id_marker;
  return next;
}

}  // namespace

Result<void> PageObjects(S3Client& client, ListObjectsRequest request,
                         const PageVisitor<ListObjectsPage>& visit) {
  return Walk(
      client, std::move(request), visit, ListObjectsV2,
      [](const ListObjectsRequest& previous, const ListObjectsPage& page) -> Result<ListObjectsRequest> {
        if (page.next_continuation_token.empty()) {
          return std::unexpected(StuckListing("ListObjectsV2", "NextContinuationToken"));
        }
        ListObjectsRequest next = previous;
        next.continuation_token = page.next_continuation_token;
        next.start_after.clear();  // only the first page may carry it
        return next;
      },
      [](const ListObjectsRequest& a, const ListObjectsRequest& b) { return a.continuation_token == b.continuation_token; },
      "ListObjectsV2", "NextContinuationToken");
}

Result<void> PageVersions(S3Client& client, ListVersionsRequest request,
                          const PageVisitor<ListVersionsPage>& visit) {
  return Walk(
      client, std::move(request), visit, ListObjectVersions, NextVersionsRequest,
      [](const ListVersionsRequest& a, const ListVersionsRequest& b) {
        return a.key_marker == b.key_marker && a.version_id_marker == b.version_id_marker;
      },
      "ListObjectVersions", "NextKeyMarker");
}

Result<void> PageUploads(S3Client& client, ListUploadsRequest request,
                         const PageVisitor<ListUploadsPage>& visit) {
  return Walk(
      client, std::move(request), visit, ListMultipartUploads, NextUploadsRequest,
      [](const ListUploadsRequest& a, const ListUploadsRequest& b) {
        return a.key_marker == b.key_marker && a.upload_id_marker == b.upload_id_marker;
      },
      "ListMultipartUploads", "NextKeyMarker");
}

}  // namespace s3prune::s3
