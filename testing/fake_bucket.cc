#include "testing/fake_bucket.h"

#include <gtest/gtest.h>

#include "s3/core/digest.h"
#include "util/text.h"

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
      if (rule.serve_first) (void)Serve(request, http);
      return rule.reply;
    }
  }
  return Serve(request, http);
}

TransportReply FakeBucket::Serve(const ParsedRequest& request, const HttpRequest& http) {
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
    case Operation::kGetLifecycle: return GetLifecycle();
    case Operation::kPutLifecycle: return PutLifecycle(request);
    case Operation::kDeleteLifecycle:
      lifecycle_.reset();
      return Reply(204);
    case Operation::kDeleteObject:
    case Operation::kOther: break;
  }
  ADD_FAILURE() << "the fake bucket does not serve " << http.method << " " << http.url;
  return Reply(501, ErrorXml("NotImplemented", "not in the fake"));
}

TransportReply FakeBucket::GetLifecycle() const {
  if (!lifecycle_) {
    return Reply(404, ErrorXml("NoSuchLifecycleConfiguration", "The lifecycle configuration does not exist"));
  }
  return Reply(200, *lifecycle_);
}

// As S3: the body must carry its MD5 (or a checksum header), and hold at least one rule
// (no rule at all is DELETE ?lifecycle).
TransportReply FakeBucket::PutLifecycle(const ParsedRequest& request) {
  const std::string md5 = request.Header("Content-MD5");
  const bool checksum = !request.Header("x-amz-sdk-checksum-algorithm").empty() ||
                        std::ranges::any_of(request.headers, [](const auto& header) {
                          return util::ToLower(header.first).starts_with("x-amz-checksum-");
                        });
  if (md5.empty() && !checksum) {
    return Reply(400, ErrorXml("InvalidRequest", "Missing required header for this request: Content-MD5"));
  }
  if (!md5.empty() && md5 != Md5Base64(request.body)) {
    return Reply(400, ErrorXml("BadDigest", "The Content-MD5 you specified did not match what we received."));
  }
  pugi::xml_document document;
  const bool parsed = document.load_buffer(request.body.data(), request.body.size());
  if (!parsed || !document.child("LifecycleConfiguration").child("Rule")) {
    return Reply(400, ErrorXml("MalformedXML", "The XML you provided was not well-formed or did not validate"));
  }
  lifecycle_ = request.body;
  return Reply(200);
}

}  // namespace s3prune::s3::fake
