// Plain values of the S3 API that the client returns and accepts: list pages, versions,
// delete batches and their outcomes, lifecycle rules. No behaviour; safe to copy and share.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "util/timestamp.h"

namespace s3prune::s3 {

using util::Timestamp;

// How an object is named to people: s3://bucket/key, as the AWS CLI prints it.
inline std::string ObjectUri(const std::string& bucket, const std::string& key) {
  return "s3://" + bucket + "/" + key;
}

// One current object from ListObjectsV2.
struct ObjectSummary {
  std::string key;  // decoded: EncodingType=url is undone by the parser
  Timestamp last_modified{};
  std::uint64_t size = 0;
  std::string etag;
};

struct ListObjectsPage {
  std::vector<ObjectSummary> objects;
  std::vector<std::string> common_prefixes;  // decoded
  bool is_truncated = false;
  std::string next_continuation_token;  // non-empty whenever is_truncated (checked by the parser)
};

// One entry from ListObjectVersions: a version or a delete marker.
struct ObjectVersion {
  std::string key;  // decoded
  std::string version_id;  // "null" for objects written while versioning was off
  bool is_latest = false;
  bool is_delete_marker = false;
  Timestamp last_modified{};
  std::uint64_t size = 0;  // 0 for delete markers
  std::string etag;  // unquoted; "" for delete markers
};

struct ListVersionsPage {
  std::vector<ObjectVersion> versions;  // versions and delete markers, in key order
  std::vector<std::string> common_prefixes;
  bool is_truncated = false;
  std::string next_key_marker;         // both markers are carried into the next request
  std::string next_version_id_marker;
};

// An object (optionally one version of it) to delete.
struct ObjectIdentifier {
  std::string key;
  std::string version_id;  // empty: the current object (or a delete marker is created)

  bool operator==(const ObjectIdentifier&) const = default;
};

struct DeleteFailure {
  ObjectIdentifier object;
  std::string code;     // S3's per-key <Code>, e.g. "AccessDenied"
  std::string message;
};

// The outcome of one DeleteObjects request: every <Deleted> and every <Error> entry.
struct DeleteObjectsResult {
  std::vector<ObjectIdentifier> deleted;  // empty in Quiet mode
  std::vector<DeleteFailure> failures;
  // Sent, and no answer came (a timeout, a connection dropped, a reply that cannot be read):
  // the server may have deleted them or not. Neither deleted nor failed until looked at again;
  // code and message are those of the error that left them so.
  std::vector<DeleteFailure> outcome_unknown;
  bool timed_out = false;  // one of the requests timed out: the store needs smaller batches
};

enum class VersioningStatus { kNeverEnabled, kEnabled, kSuspended };

struct LifecycleRule {
  std::string id;
  std::string prefix;  // the rule's <Filter><Prefix>; empty = whole bucket
  bool enabled = true;
  std::optional<int> expiration_days;             // <Expiration><Days>
  bool expired_object_delete_marker = false;      // <Expiration><ExpiredObjectDeleteMarker>
  std::optional<int> noncurrent_version_expiration_days;  // <NoncurrentVersionExpiration>
  std::optional<int> abort_incomplete_multipart_days;     // <AbortIncompleteMultipartUpload>
  // What a parsed rule holds that the fields above cannot (e.g. "Transition", "Filter/Tag",
  // "Expiration/Date"), by element path. Writing such a rule back would silently drop it or
  // widen its filter, so a caller must not rewrite a configuration with any.
  std::vector<std::string> unsupported_elements;
  // The <Rule> element exactly as the bucket returned it (empty for rules built here). A
  // rule that is not s3prune's is written back from it, so nothing of it is lost or widened,
  // whatever it holds.
  std::string source_xml;
  bool operator==(const LifecycleRule&) const = default;
};

struct LifecycleConfiguration {
  std::vector<LifecycleRule> rules;
  bool operator==(const LifecycleConfiguration&) const = default;
};

struct MultipartUpload {
  std::string key;
  std::string upload_id;
  std::optional<Timestamp> initiated;  // nullopt when the server omits <Initiated>
};

struct ListUploadsPage {
  std::vector<MultipartUpload> uploads;
  std::vector<std::string> common_prefixes;  // decoded; only when a delimiter was sent
  bool is_truncated = false;
  std::string next_key_marker;
  std::string next_upload_id_marker;
};

// What an S3 <Error> body says; error_mapping turns it into an Error.
struct ErrorBody {
  std::string code;
  std::string message;
  std::string request_id;
  std::string region;    // <Region> in redirects, when present
  std::string endpoint;  // <Endpoint> in PermanentRedirect
};

}  // namespace s3prune::s3
