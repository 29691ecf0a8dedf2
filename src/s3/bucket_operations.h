// Bucket-level calls: existence, creation (tests, demo, benchmark), versioning, and the
// lifecycle configuration (read and written by the tests today; the lifecycle mode will use
// it). Thread-safe.
#pragma once

#include <optional>
#include <string>

#include "s3/client.h"
#include "s3/core/model.h"

namespace s3prune::s3 {

// kNoSuchBucket (named in the message) when the bucket does not exist.
Result<void> HeadBucket(S3Client& client, const std::string& bucket);
Result<void> CreateBucket(S3Client& client, const std::string& bucket);
Result<void> DeleteBucket(S3Client& client, const std::string& bucket);

Result<VersioningStatus> GetBucketVersioning(S3Client& client, const std::string& bucket);
Result<void> PutBucketVersioning(S3Client& client, const std::string& bucket, VersioningStatus status);

// An empty configuration when the bucket has none (NoSuchLifecycleConfiguration).
Result<LifecycleConfiguration> GetBucketLifecycle(S3Client& client, const std::string& bucket);
Result<void> PutBucketLifecycle(S3Client& client, const std::string& bucket,
                                const LifecycleConfiguration& configuration);
Result<void> DeleteBucketLifecycle(S3Client& client, const std::string& bucket);

}  // namespace s3prune::s3
