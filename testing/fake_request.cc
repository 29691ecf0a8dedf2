#include "testing/fake_request.h"

#include "util/text.h"

namespace s3prune::s3::fake {

std::string Decoded(std::string_view text) {
  return UriDecode(text, PlusDecoding::kPlusIsPlus).value_or("<bad encoding>");
}

std::string ParsedRequest::Header(std::string_view name) const {
  for (const auto& [header, value] : headers) {
    if (util::ToLower(header) == util::ToLower(name)) return value;
  }
  return "";
}

ParsedRequest ParseRequest(const HttpRequest& request) {
  ParsedRequest parsed;
  parsed.method = request.method;
  parsed.headers = request.headers;
  parsed.body = request.body;
  std::string_view url = request.url;
  url.remove_prefix(std::min(url.size(), url.find('/', url.find("://") + 3)));
  const auto question = url.find('?');
  std::string_view path = url.substr(1, question == std::string_view::npos ? url.npos : question - 1);
  std::string_view query = question == std::string_view::npos ? "" : url.substr(question + 1);
  const auto slash = path.find('/');
  parsed.bucket = Decoded(path.substr(0, slash));
  if (slash != std::string_view::npos) parsed.key = Decoded(path.substr(slash + 1));
  while (!query.empty()) {
    const auto amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    const auto eq = pair.find('=');
    parsed.query[Decoded(pair.substr(0, eq))] = eq == pair.npos ? "" : Decoded(pair.substr(eq + 1));
    query.remove_prefix(amp == std::string_view::npos ? query.size() : amp + 1);
  }
  const bool bucket_level = parsed.key.empty();
  auto& op = parsed.operation;
  if (parsed.method == "HEAD" && bucket_level) op = Operation::kHeadBucket;
  else if (parsed.method == "POST" && parsed.Has("delete")) op = Operation::kDeleteObjects;
  else if (parsed.method == "DELETE" && parsed.Has("uploadId")) op = Operation::kAbortUpload;
  else if (parsed.method == "DELETE" && !bucket_level) op = Operation::kDeleteObject;
  else if (parsed.method == "GET" && !bucket_level) op = Operation::kGetObject;
  else if (parsed.method == "GET" && parsed.Has("versioning")) op = Operation::kGetVersioning;
  else if (parsed.method == "GET" && parsed.Has("lifecycle")) op = Operation::kGetLifecycle;
  else if (parsed.method == "PUT" && parsed.Has("lifecycle")) op = Operation::kPutLifecycle;
  else if (parsed.method == "DELETE" && parsed.Has("lifecycle")) op = Operation::kDeleteLifecycle;
  else if (parsed.method == "GET" && parsed.Has("list-type")) op = Operation::kListObjects;
  else if (parsed.method == "GET" && parsed.Has("versions")) op = Operation::kListVersions;
  else if (parsed.method == "GET" && parsed.Has("uploads")) op = Operation::kListUploads;
  return parsed;
}

}  // namespace s3prune::s3::fake
