// The one place that walks a listing from its first page to its last. Every listing in
// s3prune (discovery, the apply pass, upload cleanup, the tests' and benchmark's helpers)
// goes through these three functions, so the rules that keep a partial listing from ever
// being taken for a whole one live here and nowhere else:
//   - a truncated page continues, with the markers the page carried;
//   - a truncated page without a marker, or with one that does not move forward, is an
//     error (kMalformedReply), never "the end";
//   - a versions page's markers must name its own last entry (a marker that resumes
//     elsewhere is malformed), except OpenStack Swift's known NextVersionIdMarker "null",
//     which is continued from the last entry's key and version id (see paginator.cc);
//   - any error stops the walk and is returned: the caller decides nothing on a short walk.
// The visitor sees each page in order and may stop the walk early (kStop), e.g. at the end
// of its key range. Thread-safe as S3Client: parallel workers each walk their own listing.
#pragma once

#include <functional>

#include "s3/client.h"
#include "s3/core/model.h"
#include "s3/list_operations.h"

namespace s3prune::s3 {

enum class PageControl { kContinue, kStop };

template <class Page>
using PageVisitor = std::function<PageControl(Page& page)>;

// From request's position (continuation token or start-after) to the end, or to kStop.
Result<void> PageObjects(S3Client& client, ListObjectsRequest request,
                         const PageVisitor<ListObjectsPage>& visit);
Result<void> PageVersions(S3Client& client, ListVersionsRequest request,
                          const PageVisitor<ListVersionsPage>& visit);
Result<void> PageUploads(S3Client& client, ListUploadsRequest request,
                         const PageVisitor<ListUploadsPage>& visit);

}  // namespace s3prune::s3
