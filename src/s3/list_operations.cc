#include "s3/list_operations.h"

#include "s3/xml/xml_list.h"

namespace s3prune::s3 {
namespace {

void AddIfSet(HttpHeaders& query, std::string name, const std::string& value) {
  if (!value.empty()) query.emplace_back(std::move(name), value);
}

// Sends one listing request (keys asked for url-encoded) and parses its reply.
template <class Parse>
auto FetchPage(S3Client& client, OperationKind kind, const std::string& bucket, HttpHeaders query, Parse parse)
    -> decltype(parse(std::string_view{})) {
  S3Request request;
  request.kind = kind;
  request.method = "GET";
  request.bucket = bucket;
  request.query = std::move(query);
  request.query.emplace_back("encoding-type", "url");
  auto response = client.Execute(request);
  if (!response) return std::unexpected(response.error());
  auto page = parse(response->body);
  // A listing where another was asked for: the store ignored the sub-resource (?versions).
  if (!page && page.error().code == ErrorCode::kUnsupported) {
    return std::unexpected(client.NoteUnsupported(request, page.error()));
  }
  return page;
}

}  // namespace

Result<ListObjectsPage> ListObjectsV2(S3Client& client, const ListObjectsRequest& request) {
  HttpHeaders query{{"list-type", "2"}, {"max-keys", std::to_string(request.max_keys)}};
  AddIfSet(query, "prefix", request.prefix);
  AddIfSet(query, "delimiter", request.delimiter);
  AddIfSet(query, "continuation-token", request.continuation_token);
  AddIfSet(query, "start-after", request.start_after);
  return FetchPage(client, OperationKind::kListObjects, request.bucket, std::move(query),
                   [](std::string_view xml) { return ParseListObjectsV2(xml); });
}

Result<ListVersionsPage> ListObjectVersions(S3Client& client, const ListVersionsRequest& request) {
  HttpHeaders query{{"versions", ""}, {"max-keys", std::to_string(request.max_keys)}};
  AddIfSet(query, "prefix", request.prefix);
  AddIfSet(query, "delimiter", request.delimiter);
  AddIfSet(query, "key-marker", request.key_marker);
  AddIfSet(query, "version-id-marker", request.version_id_marker);
  return FetchPage(client, OperationKind::kListVersions, request.bucket, std::move(query),
                   [](std::string_view xml) { return ParseListObjectVersions(xml); });
}

Result<ListUploadsPage> ListMultipartUploads(S3Client& client, const ListUploadsRequest& request) {
  HttpHeaders query{{"uploads", ""}, {"max-uploads", std::to_string(request.max_uploads)}};
  AddIfSet(query, "prefix", request.prefix);
  AddIfSet(query, "key-marker", request.key_marker);
  AddIfSet(query, "upload-id-marker", request.upload_id_marker);
  return FetchPage(client, OperationKind::kListUploads, request.bucket, std::move(query),
                   [](std::string_view xml) { return ParseListMultipartUploads(xml, UnstatedKeyEncoding::kUrl); });
}

}  // namespace s3prune::s3
