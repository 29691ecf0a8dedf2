#include "s3/object_operations.h"

#include "s3/core/model.h"
#include "s3/core/timestamp.h"
#include "s3/xml/xml_upload.h"

namespace s3prune::s3 {

namespace {

// A GET of the object's first max_bytes + 1 bytes: the byte past the limit tells "exactly
// max_bytes" from "too large" without reading it all. A range from byte 0 is unsatisfiable
// only for an empty object, which S3 and RGW answer with 416 InvalidRange, not an empty 206:
// the error is left for the caller, which knows what an empty object means to it.
Result<HttpResponse> GetFirstBytes(S3Client& client, const std::string& bucket, const std::string& key,
                                   std::size_t max_bytes) {
  S3Request request;
  request.kind = OperationKind::kGetObject;
  request.method = "GET";
  request.bucket = bucket;
  request.key = key;
  request.headers = {{"Range", "bytes=0-" + std::to_string(max_bytes)}};
  auto response = client.Execute(request);
  if (response && response->body.size() > max_bytes) {
    return std::unexpected(MakeError(ErrorCode::kInvalidRequest,
        ObjectUri(bucket, key) + " is larger than " + std::to_string(max_bytes) + " bytes"));
  }
  return response;
}

bool IsEmptyObject(const Error& error) { return error.http_status == 416; }

}  // namespace

Result<std::string> GetObject(S3Client& client, const std::string& bucket, const std::string& key,
                              std::size_t max_bytes) {
  auto response = GetFirstBytes(client, bucket, key, max_bytes);
  if (!response && IsEmptyObject(response.error())) return std::string();
  if (!response) return std::unexpected(response.error());
  return std::move(response->body);
}

namespace {

constexpr std::string_view kMetaPrefix = "x-amz-meta-";

ObjectRead HeadersOf(const HttpResponse& response) {
  ObjectRead read;
  read.last_modified = ParseHttpDate(response.Header("last-modified"));
  for (const auto& [name, value] : response.headers) {
    if (name.starts_with(kMetaPrefix)) read.metadata.emplace(name.substr(kMetaPrefix.size()), value);
  }
  return read;
}

}  // namespace

Result<ObjectRead> HeadObject(S3Client& client, const std::string& bucket, const std::string& key) {
  S3Request request;
  request.kind = OperationKind::kGetObject;
  request.method = "HEAD";
  request.bucket = bucket;
  request.key = key;
  auto response = client.Execute(request);
  if (!response) return std::unexpected(response.error());
  return HeadersOf(*response);
}

Result<ObjectRead> ReadObject(S3Client& client, const std::string& bucket, const std::string& key,
                              std::size_t max_bytes) {
  auto response = GetFirstBytes(client, bucket, key, max_bytes);
  // An empty object has no body to read, but its headers still say when it was written.
  if (!response && IsEmptyObject(response.error())) return HeadObject(client, bucket, key);
  if (!response) return std::unexpected(response.error());
  ObjectRead read = HeadersOf(*response);
  read.body = std::move(response->body);
  return read;
}

Result<void> PutObject(S3Client& client, const std::string& bucket, const std::string& key,
                       std::string body, const std::string& content_type) {
  S3Request request;
  request.kind = OperationKind::kPutObject;
  request.method = "PUT";
  request.bucket = bucket;
  request.key = key;
  request.headers = {{"Content-Type", content_type}};
  request.body = std::move(body);
  auto response = client.Execute(request);
  if (!response) return std::unexpected(response.error());
  return {};
}

Result<std::string> CreateMultipartUpload(S3Client& client, const std::string& bucket,
                                          const std::string& key) {
  S3Request request;
  request.kind = OperationKind::kPutObject;
  request.method = "POST";
  request.bucket = bucket;
  request.key = key;
  request.query = {{"uploads", ""}};
  auto response = client.Execute(request);
  if (!response) return std::unexpected(response.error());
  return ParseInitiateMultipartUpload(response->body);
}

}  // namespace s3prune::s3
