// How the fake bucket (fake_bucket.h) reads a request: which S3 operation it is, and its
// bucket, key and query decoded; and matchers that pick requests out for injected faults.
// Header-only and test-only. Pure functions and plain values.
#pragma once

#include <algorithm>
#include <map>
#include <string>
#include <string_view>

#include "s3/http_transport.h"
#include "s3/uri_encode.h"

namespace s3prune::s3::fake {

enum class Operation {
  kHeadBucket, kGetVersioning, kGetObject, kListObjects, kListVersions, kListUploads,
  kDeleteObjects, kDeleteObject, kAbortUpload, kOther,
};

// A request as the server reads it: path and query decoded.
struct ParsedRequest {
  Operation operation = Operation::kOther;
  std::string method;
  std::string bucket;
  std::string key;
  std::map<std::string, std::string> query;
  std::string body;

  bool Has(const std::string& name) const { return query.contains(name); }
  std::string Param(const std::string& name) const {
    auto it = query.find(name);
    return it == query.end() ? "" : it->second;
  }
};

inline std::string Decoded(std::string_view text) {
  return UriDecode(text, PlusDecoding::kPlusIsPlus).value_or("<bad encoding>");
}

inline ParsedRequest ParseRequest(const HttpRequest& request) {
  ParsedRequest parsed;
  parsed.method = request.method;
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
  else if (parsed.method == "GET" && parsed.Has("list-type")) op = Operation::kListObjects;
  else if (parsed.method == "GET" && parsed.Has("versions")) op = Operation::kListVersions;
  else if (parsed.method == "GET" && parsed.Has("uploads")) op = Operation::kListUploads;
  return parsed;
}

// Matchers for AddRule.
inline auto IsOperation(Operation operation) {
  return [operation](const ParsedRequest& request) { return request.operation == operation; };
}
// A listing of objects or versions (without a delimiter) asked to continue past a key of
// `id_prefix`: page two or later of the range listing that reaches it. Reads the
// continuation tokens FakeBucket hands out ("after:" + the last key listed).
inline auto ContinuesInside(std::string id_prefix) {
  return [id_prefix = std::move(id_prefix)](const ParsedRequest& request) {
    if (request.Has("delimiter")) return false;
    if (request.operation == Operation::kListObjects) {
      return request.Param("continuation-token").starts_with("after:" + id_prefix);
    }
    return request.operation == Operation::kListVersions && request.Has("version-id-marker") &&
           request.Param("key-marker").starts_with(id_prefix);
  };
}

}  // namespace s3prune::s3::fake
