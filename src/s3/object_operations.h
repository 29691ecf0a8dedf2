// Single-object reads and writes: GetObject for small bodies (pointer files naming the live
// deployment) and PutObject (tests, the demo, the benchmark's seeding). Thread-safe.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>

#include "s3/client.h"

namespace s3prune::s3 {

// The object's body; kInvalidRequest when it is larger than max_bytes (it is not a pointer file).
Result<std::string> GetObject(S3Client& client, const std::string& bucket, const std::string& key,
                              std::size_t max_bytes = 1 << 20);

// A small object read with what its headers say of it: marker objects that date a deployment
// (--time-from object:NAME reads the body, meta:KEY the metadata).
struct ObjectRead {
  std::string body;                        // empty for HeadObject
  std::optional<Timestamp> last_modified;  // the Last-Modified header, nullopt when absent or garbled
  std::map<std::string, std::string> metadata;  // x-amz-meta-NAME headers, by lower-case NAME
};

// GetObject's body (up to max_bytes, as GetObject) with the object's headers. An empty object
// (S3 answers its byte range with 416) is read again by HEAD for its headers.
Result<ObjectRead> ReadObject(S3Client& client, const std::string& bucket, const std::string& key,
                              std::size_t max_bytes);

// The object's headers without its body; kNotFound when there is no such key.
Result<ObjectRead> HeadObject(S3Client& client, const std::string& bucket, const std::string& key);

Result<void> PutObject(S3Client& client, const std::string& bucket, const std::string& key,
                       std::string body, const std::string& content_type = "application/octet-stream");

// Starts a multipart upload and returns its id (tests of upload cleanup need one).
Result<std::string> CreateMultipartUpload(S3Client& client, const std::string& bucket, const std::string& key);

}  // namespace s3prune::s3
