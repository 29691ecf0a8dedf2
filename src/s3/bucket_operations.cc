#include "s3/bucket_operations.h"

#include "s3/core/digest.h"
#include "s3/xml/xml_bucket.h"

namespace s3prune::s3 {
namespace {

S3Request BucketRequest(std::string method, const std::string& bucket, HttpHeaders query = {}) {
  S3Request request;
  request.kind = OperationKind::kBucket;
  request.method = std::move(method);
  request.bucket = bucket;
  request.query = std::move(query);
  return request;
}

Result<void> Discard(Result<HttpResponse> response) {
  if (!response) return std::unexpected(response.error());
  return {};
}

// S3 requires an MD5 (or checksum) on configuration bodies.
void AttachXmlBody(S3Request& request, std::string body) {
  request.headers = {{"Content-MD5", Md5Base64(body)}, {"Content-Type", "application/xml"}};
  request.body = std::move(body);
}

// A parsed reply; an answer of another kind (the store ignored the sub-resource) is the store
// lacking the operation, remembered by the client.
template <typename T>
Result<T> AnswerOfItsKind(S3Client& client, const S3Request& request, Result<T> parsed) {
  if (!parsed && parsed.error().code == ErrorCode::kUnsupported) {
    return std::unexpected(client.NoteUnsupported(request, parsed.error()));
  }
  return parsed;
}

}  // namespace

Result<void> HeadBucket(S3Client& client, const std::string& bucket) {
  auto response = client.Execute(BucketRequest("HEAD", bucket));
  if (!response && response.error().s3_code.empty() && response.error().http_status >= 400 &&
      response.error().http_status != 404) {
    // A HEAD reply has no body, so a 403 cannot say whether the secret is wrong, the key is
    // unknown or the policy denies: a GET of the same bucket brings the S3 error code.
    auto detail = client.Execute(BucketRequest("GET", bucket, {{"location", ""}}));
    if (!detail) return std::unexpected(detail.error());
  }
  if (!response && response.error().code == ErrorCode::kNotFound) {
    Error error = response.error();
    error.code = ErrorCode::kNoSuchBucket;  // a HEAD 404 has no body to say so itself
    error.s3_code = "NoSuchBucket";
    error.message = "bucket '" + bucket + "' does not exist";
    return std::unexpected(error);
  }
  return Discard(std::move(response));
}

Result<void> CreateBucket(S3Client& client, const std::string& bucket) {
  S3Request request = BucketRequest("PUT", bucket);
  const std::string region = client.RegionFor(bucket);
  if (region != "us-east-1") {
    request.body =
        "<CreateBucketConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
        "<LocationConstraint>" + region + "</LocationConstraint></CreateBucketConfiguration>";
  }
  return Discard(client.Execute(request));
}

Result<void> DeleteBucket(S3Client& client, const std::string& bucket) {
  return Discard(client.Execute(BucketRequest("DELETE", bucket)));
}

Result<VersioningStatus> GetBucketVersioning(S3Client& client, const std::string& bucket) {
  const S3Request request = BucketRequest("GET", bucket, {{"versioning", ""}});
  auto response = client.Execute(request);
  if (!response) return std::unexpected(response.error());
  return AnswerOfItsKind(client, request, ParseVersioningConfiguration(response->body));
}

Result<void> PutBucketVersioning(S3Client& client, const std::string& bucket, VersioningStatus status) {
  S3Request request = BucketRequest("PUT", bucket, {{"versioning", ""}});
  AttachXmlBody(request, BuildVersioningConfiguration(status));
  return Discard(client.Execute(request));
}

Result<LifecycleConfiguration> GetBucketLifecycle(S3Client& client, const std::string& bucket) {
  const S3Request request = BucketRequest("GET", bucket, {{"lifecycle", ""}});
  auto response = client.Execute(request);
  if (!response) {
    if (response.error().code == ErrorCode::kNotFound) return LifecycleConfiguration{};
    return std::unexpected(response.error());
  }
  return AnswerOfItsKind(client, request, ParseLifecycleConfiguration(response->body));
}

Result<void> PutBucketLifecycle(S3Client& client, const std::string& bucket,
                                const LifecycleConfiguration& configuration) {
  S3Request request = BucketRequest("PUT", bucket, {{"lifecycle", ""}});
  AttachXmlBody(request, BuildLifecycleConfiguration(configuration));
  return Discard(client.Execute(request));
}

Result<void> DeleteBucketLifecycle(S3Client& client, const std::string& bucket) {
  return Discard(client.Execute(BucketRequest("DELETE", bucket, {{"lifecycle", ""}})));
}

}  // namespace s3prune::s3
