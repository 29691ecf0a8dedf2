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
              [](ListVersionsRequest& next, ListVersionsPage& page) {
                if (page.next_key_marker.empty()) return false;
                if (page.next_key_marker == next.key_marker &&
                    page.next_version_id_marker == next.version_id_marker) {
                  return false;
                }
                next.key_marker = std::move(page.next_key_marker);
                next.version_id_marker = std::move(page.next_version_id_marker);
                return true;
              },
              "ListObjectVersions", "NextKeyMarker");
}

Result<void> PageUploads(S3Client& client, ListUploadsRequest request,
                         const PageVisitor<ListUploadsPage>& visit) {
  return Walk(client, std::move(request), visit, ListMultipartUploads,
              [](ListUploadsRequest& next, ListUploadsPage& page) {
                if (page.next_key_marker.empty()) return false;
                if (page.next_key_marker == next.key_marker &&
                    page.next_upload_id_marker == next.upload_id_marker) {
                  return false;
                }
                next.key_marker = std::move(page.next_key_marker);
                next.upload_id_marker = std::move(page.next_upload_id_marker);
                return true;
              },
              "ListMultipartUploads", "NextKeyMarker");
}

}  // namespace s3prune::s3
