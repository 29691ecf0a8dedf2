// The three S3 listings s3prune pages through: ListObjectsV2, ListObjectVersions and
// ListMultipartUploads. Each call fetches one page; the caller carries the continuation
// values from one page to the next. Keys are asked for with EncodingType=url (so any byte
// survives XML) and arrive decoded. Thread-safe (as S3Client).
#pragma once

#include <string>

#include "s3/client.h"
#include "s3/core/model.h"

namespace s3prune::s3 {

inline constexpr int kMaxKeysPerList = 1000;

struct ListObjectsRequest {
  std::string bucket;
  std::string prefix;
  std::string delimiter;           // "/" to get one level of common prefixes
  std::string continuation_token;  // from the previous page; empty for the first
  std::string start_after;         // only on the first page
  int max_keys = kMaxKeysPerList;
};

struct ListVersionsRequest {
  std::string bucket;
  std::string prefix;
  std::string delimiter;
  std::string key_marker;         // both markers come from the previous page
  std::string version_id_marker;
  int max_keys = kMaxKeysPerList;
};

struct ListUploadsRequest {
  std::string bucket;
  std::string prefix;
  std::string key_marker;
  std::string upload_id_marker;
  int max_uploads = kMaxKeysPerList;
};

Result<ListObjectsPage> ListObjectsV2(S3Client& client, const ListObjectsRequest& request);
Result<ListVersionsPage> ListObjectVersions(S3Client& client, const ListVersionsRequest& request);
Result<ListUploadsPage> ListMultipartUploads(S3Client& client, const ListUploadsRequest& request);

}  // namespace s3prune::s3
