// Deleting objects: DeleteObjects batches (at most 1000 per request, Content-MD5, Quiet),
// single DeleteObject for keys XML 1.0 cannot carry, and AbortMultipartUpload.
// Every per-key <Error> reaches the caller: nothing is dropped. Thread-safe (as S3Client).
#pragma once

#include <span>
#include <string>

#include "s3/client.h"
#include "s3/core/model.h"

namespace s3prune::s3 {

inline constexpr std::size_t kMaxKeysPerDelete = 1000;

// Deletes up to kMaxKeysPerDelete objects (or versions). Keys that XML cannot carry are
// deleted one by one instead, and so is every key once the store answered DeleteObjects with
// NotImplemented (s3/capabilities.h). On success every requested object is in `deleted`,
// `failures` or `outcome_unknown` (a request that ended without an answer the server may have
// carried out: OutcomeUnknown); a whole-request failure the server answered is the error.
// REQUIRES: objects.size() <= kMaxKeysPerDelete.
Result<DeleteObjectsResult> DeleteObjects(S3Client& client, const std::string& bucket,
                                          std::span<const ObjectIdentifier> objects);

// True for an error after which a delete may have happened or not: no answer in time, a
// connection dropped, a reply that cannot be read. Such a delete is looked at, not reported.
bool OutcomeUnknown(const Error& error);

Result<void> DeleteObject(S3Client& client, const std::string& bucket, const ObjectIdentifier& object);

Result<void> AbortMultipartUpload(S3Client& client, const std::string& bucket, const std::string& key,
                                  const std::string& upload_id);

}  // namespace s3prune::s3
