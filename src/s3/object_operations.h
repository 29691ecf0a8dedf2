// Single-object reads and writes: GetObject for small bodies (pointer files naming the live
// deployment) and PutObject (tests, the demo, the benchmark's seeding). Thread-safe.
#pragma once

#include <cstddef>
#include <string>

#include "s3/client.h"

namespace s3prune::s3 {

// The object's body; kInvalidRequest when it is larger than max_bytes (it is not a pointer file).
Result<std::string> GetObject(S3Client& client, const std::string& bucket, const std::string& key,
                              std::size_t max_bytes = 1 << 20);

Result<void> PutObject(S3Client& client, const std::string& bucket, const std::string& key,
                       std::string body, const std::string& content_type = "application/octet-stream");

// Starts a multipart upload and returns its id (tests of upload cleanup need one).
Result<std::string> CreateMultipartUpload(S3Client& client, const std::string& bucket, const std::string& key);

}  // namespace s3prune::s3
