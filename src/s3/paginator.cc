#include "s3/paginator.h"

#include <string>

namespace s3prune::s3 {
namespace {

Error StuckListing(std::string_view operation, std::string_view marker) {
  return MakeError(ErrorCode::kMalformedReply,
                   std::string(operation) + " reply is truncated but its " + std::string(marker) +
                       " does not move the listing forward; stopping rather than listing in a loop");
}

// Walks pages of one listing kind. `advance` carries the page's markers into the request
// and returns false when they are missing or unchanged.
template <class Request, class Page, class List, class Advance>
Result<void> Walk(S3Client& client, Request request, const PageVisitor<Page>& visit, List list,
                  Advance advance, std::string_view operation, std::string_view marker) {
  while (true) {
    auto page = list(client, request);
    if (!page) return std::unexpected(std::move(page.error()));
    if (visit(*page) == PageControl::kStop || !page->is_truncated) return {};
    if (!advance(request, *page)) return std::unexpected(StuckListing(operation, marker));
  }
}

// Versions and uploads continue from a key marker and a second marker (version id, upload
// id) together; the key marker alone would skip the rest of that key's entries.
template <class Request, class Page, auto kSecondMarker, auto kNextSecondMarker>
bool AdvanceBothMarkers(Request& next, Page& page) {
  if (page.next_key_marker.empty()) return false;
  if (page.next_key_marker == next.key_marker && page.*kNextSecondMarker == next.*kSecondMarker) return false;
  next.key_marker = std::move(page.next_key_marker);
  next.*kSecondMarker = std::move(page.*kNextSecondMarker);
  return true;
}

}  // namespace

Result<void> PageObjects(S3Client& client, ListObjectsRequest request,
                         const PageVisitor<ListObjectsPage>& visit) {
  return Walk(client, std::move(request), visit, ListObjectsV2,
              [](ListObjectsRequest& next, ListObjectsPage& page) {
                if (page.next_continuation_token.empty() ||
                    page.next_continuation_token == next.continuation_token) {
                  return false;
                }
                next.continuation_token = std::move(page.next_continuation_token);
                next.start_after.clear();  // only the first page may carry it
                return true;
              },
              "ListObjectsV2", "NextContinuationToken");
}

Result<void> PageVersions(S3Client& client, ListVersionsRequest request,
                          const PageVisitor<ListVersionsPage>& visit) {
  return Walk(client, std::move(request), visit, ListObjectVersions,
              AdvanceBothMarkers<ListVersionsRequest, ListVersionsPage, &ListVersionsRequest::version_id_marker,
                                 &ListVersionsPage::next_version_id_marker>,
              "ListObjectVersions", "NextKeyMarker");
}

Result<void> PageUploads(S3Client& client, ListUploadsRequest request,
                         const PageVisitor<ListUploadsPage>& visit) {
  return Walk(client, std::move(request), visit, ListMultipartUploads,
              AdvanceBothMarkers<ListUploadsRequest, ListUploadsPage, &ListUploadsRequest::upload_id_marker,
                                 &ListUploadsPage::next_upload_id_marker>,
              "ListMultipartUploads", "NextKeyMarker");
}

}  // namespace s3prune::s3
