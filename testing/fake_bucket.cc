#include "testing/fake_bucket.h"

#include <gtest/gtest.h>

namespace s3prune::s3::fake {

TransportReply FakeBucket::Handle(const HttpRequest& http) {
  ParsedRequest request = ParseRequest(http);
  std::lock_guard lock(mutex_);
  requests_.push_back(request);
  for (const auto& [match, what] : throw_rules_) {
    if (match(request)) throw std::runtime_error(what);
  }
  for (auto& rule : rules_) {
    if (rule.times != 0 && rule.match(request)) {
      if (rule.times > 0) --rule.times;
      return rule.reply;
    }
  }
  if (request.bucket != name_) return Reply(404, ErrorXml("NoSuchBucket", "no such bucket"));
  switch (request.operation) {
    case Operation::kHeadBucket: return Reply(200);
    case Operation::kGetVersioning: return Reply(200, VersioningXml());
    case Operation::kGetObject: return GetObject(request.key);
    case Operation::kListObjects: return Reply(200, ListObjectsXml(request));
    case Operation::kListVersions: return Reply(200, ListVersionsXml(request));
    case Operation::kListUploads: return Reply(200, ListUploadsXml(request));
    case Operation::kDeleteObjects: return Reply(200, DeleteObjectsXml(request));
    case Operation::kAbortUpload: return AbortUpload(request);
    case Operation::kDeleteObject:
    case Operation::kOther: break;
  }
  ADD_FAILURE() << "the fake bucket does not serve " << http.method << " " << http.url;
  return Reply(501, ErrorXml("NotImplemented", "not in the fake"));
}

}  // namespace s3prune::s3::fake
