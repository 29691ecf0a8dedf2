#include "usecase/policy_in_s3.h"

#include "s3/object_operations.h"

namespace s3prune::usecase {

s3::Result<std::string> FetchPolicyText(s3::S3Client& client, const S3Url& url) {
  return s3::GetObject(client, url.bucket, url.key);
}

}  // namespace s3prune::usecase
