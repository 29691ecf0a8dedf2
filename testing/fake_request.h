// How the fake bucket (fake_bucket.h) reads a request: which S3 operation it is, its headers,
// and its bucket, key and query decoded; and matchers that pick requests out for injected
// faults.
// Test-only (the s3prune_testing library). Pure functions and plain values.
#pragma once

#include <algorithm>
#include <map>
#include <string>
#include <string_view>

#include "s3/http/http_transport.h"
#include "s3/core/uri_encode.h"

namespace s3prune::s3::fake {

enum class Operation {
  kHeadBucket, kGetVersioning, kGetObject, kListObjects, kListVersions, kListUploads,
  kDeleteObjects, kDeleteObject, kAbortUpload, kGetLifecycle, kPutLifecycle, kDeleteLifecycle, kOther,
};

// A request as the server reads it: path and query decoded.
struct ParsedRequest {
  Operation operation = Operation::kOther;
  std::string method;
  std::string bucket;
  std::string key;
  std::map<std::string, std::string> query;
  HttpHeaders headers;  // as the client sent them
  std::string body;

  bool Has(const std::string& name) const { return query.contains(name); }
  // The value of the first header named `name` (any case), or "".
  std::string Header(std::string_view name) const;
  std::string Param(const std::string& name) const {
    auto it = query.find(name);
    return it == query.end() ? "" : it->second;
  }
};

// `text` percent-decoded, or "<bad encoding>".
std::string Decoded(std::string_view text);

// The request as the server reads it.
ParsedRequest ParseRequest(const HttpRequest& request);

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
