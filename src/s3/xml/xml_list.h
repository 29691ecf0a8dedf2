// Parsers for the three S3 listing replies: ListObjectsV2 (<ListBucketResult>),
// ListObjectVersions (<ListVersionsResult>) and ListMultipartUploads
// (<ListMultipartUploadsResult>). They turn one page of bytes into one page value.
//
// A listing that is cut short must never look complete, since pruning decides what to keep
// from it: a page that says IsTruncated=true but carries no way to fetch the next page is a
// kMalformedReply, as is an entry without the Key, Size or LastModified it must have.
// When the reply says <EncodingType>url</EncodingType>, keys, prefixes and key markers are
// percent-decoded ('+' is a space, as the AWS SDKs read it), so every key returned is the
// object's real key. A truncated page's NextKeyMarker is the decoded last key or prefix it
// names, whether the server encoded the marker (AWS) or not (Ceph RGW); on the last page it
// is "".
// Thread-safety: pure functions.
#pragma once

#include <string_view>

#include "s3/core/error.h"
#include "s3/core/model.h"

namespace s3prune::s3 {

Result<ListObjectsPage> ParseListObjectsV2(std::string_view xml);

// Versions and delete markers are returned interleaved, in document (key) order.
Result<ListVersionsPage> ParseListObjectVersions(std::string_view xml);

// How to read keys when a reply has no <EncodingType>. A server should echo it whenever it
// encodes, but Ceph RGW (pacific) url-encodes the keys of a ListMultipartUploads reply without
// saying so; a caller that asked for encoding-type=url passes kUrl.
enum class UnstatedKeyEncoding { kRaw, kUrl };

Result<ListUploadsPage> ParseListMultipartUploads(
    std::string_view xml, UnstatedKeyEncoding unstated = UnstatedKeyEncoding::kRaw);

}  // namespace s3prune::s3
