// An in-memory bucket behind an HttpTransport, for unit tests of code that lists and deletes
// in parallel (discovery, the executor, apply): it answers the S3 calls s3prune makes from a
// small model of keys, versions, uploads and the lifecycle configuration, and lets a test
// inject what a real server cannot be made to do on demand (a 500 on page two only, a
// truncated page without a token, a per-key <Error> in a DeleteObjects reply). Everything a
// real server does on its own is tested against one in tests/integration/.
// Rules are consulted first, in the order added; a request no rule matches is answered by the
// model. Pages hold at most set_page_size() entries (a real server may return fewer than
// max-keys), so a few objects are enough to list several pages.
// Test-only (the s3prune_testing library). Thread-safe: every request is handled under one mutex, so any
// number of client threads may share a FakeBucket; set it up before requests are in flight.
#pragma once

#include <pugixml.hpp>

#include <algorithm>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "testing/fake_request.h"
#include "testing/fake_transport.h"
#include "s3/core/model.h"
#include "s3/core/timestamp.h"
#include "s3/core/uri_encode.h"
#include "s3/xml/xml_escape.h"

namespace s3prune::s3::fake {

inline constexpr int kForever = -1;

class FakeBucket {
 public:
  explicit FakeBucket(std::string name) : name_(std::move(name)) {}
  FakeBucket(const FakeBucket&) = delete;
  FakeBucket& operator=(const FakeBucket&) = delete;

  // --- Setting up (before requests are in flight) ---------------------------------------

  // Writes a new current version of `key` (the only one unless versioning is on).
  void Put(const std::string& key, std::uint64_t size, Timestamp modified, std::string body = "") {
    std::lock_guard lock(mutex_);
    auto& versions = objects_[key];
    if (versioning_ == VersioningStatus::kNeverEnabled) versions.clear();
    versions.push_back({NextVersionId(), size, modified, false, std::move(body)});
  }
  void PutDeleteMarker(const std::string& key, Timestamp modified) {
    std::lock_guard lock(mutex_);
    objects_[key].push_back({NextVersionId(), 0, modified, true, ""});
  }
  void AddUpload(const std::string& key, const std::string& upload_id) {
    std::lock_guard lock(mutex_);
    uploads_.emplace(key, upload_id);
  }
  void SetVersioning(VersioningStatus status) {
    std::lock_guard lock(mutex_);
    versioning_ = status;
  }
  // The bucket's lifecycle configuration, as GET ?lifecycle returns it (the XML verbatim).
  void SetLifecycle(std::string configuration_xml) {
    std::lock_guard lock(mutex_);
    lifecycle_ = std::move(configuration_xml);
  }
  // DeleteObjects answers `key` (any version) with a per-key <Error> carrying this S3 code.
  void FailDeleteOf(const std::string& key, std::string code) {
    std::lock_guard lock(mutex_);
    delete_failures_[key] = std::move(code);
  }
  // Answers requests that `match` accepts with `reply`, `times` times (kForever: always).
  void AddRule(std::function<bool(const ParsedRequest&)> match, TransportReply reply, int times = kForever) {
    std::lock_guard lock(mutex_);
    rules_.push_back({std::move(match), std::move(reply), times});
  }
  // Carries out requests that `match` accepts as the model would, then answers `reply`
  // instead, `times` times: a server that goes on after the client stopped waiting (a
  // DeleteObjects that timed out on the client, or whose connection dropped, yet deleted).
  void AddRuleAfterServing(std::function<bool(const ParsedRequest&)> match, TransportReply reply,
                           int times = kForever) {
    std::lock_guard lock(mutex_);
    rules_.push_back({std::move(match), std::move(reply), times, true});
  }
  void set_page_size(std::size_t size) { page_size_ = size; }
  // Answers ListObjectVersions as OpenStack Swift 2.30.1 does (measured): a truncated page's
  // NextVersionIdMarker is "null" whatever the last version's id, and a continuation with
  // version-id-marker=null comes back empty and not truncated.
  void set_swift_version_markers() { swift_version_markers_ = true; }
  // Throws std::runtime_error(what) while serving requests `match` accepts: a fault inside
  // the client's own request path (a digest refused under FIPS, memory), not the server's.
  void ThrowOn(std::function<bool(const ParsedRequest&)> match, std::string what) {
    std::lock_guard lock(mutex_);
    throw_rules_.push_back({std::move(match), std::move(what)});
  }

  // --- Inspecting ------------------------------------------------------------------------

  std::vector<ParsedRequest> Requests(Operation operation) const {
    std::lock_guard lock(mutex_);
    std::vector<ParsedRequest> matching;
    for (const auto& request : requests_) {
      if (request.operation == operation) matching.push_back(request);
    }
    return matching;
  }
  // Every object named in a DeleteObjects body, in the order received (deleted or not).
  std::vector<std::vector<ObjectIdentifier>> DeleteBatches() const {
    std::vector<std::vector<ObjectIdentifier>> batches;
    for (const auto& request : Requests(Operation::kDeleteObjects)) batches.push_back(ObjectsIn(request.body));
    return batches;
  }
  // Keys with a current (not delete marker) version, in key order.
  std::vector<std::string> CurrentKeys() const {
    std::lock_guard lock(mutex_);
    std::vector<std::string> keys;
    for (const auto& [key, versions] : objects_) {
      if (!versions.empty() && !versions.back().delete_marker) keys.push_back(key);
    }
    return keys;
  }
  // The version ids of `key`, oldest first (delete markers included).
  std::vector<std::string> VersionIds(const std::string& key) const {
    std::lock_guard lock(mutex_);
    std::vector<std::string> ids;
    if (auto it = objects_.find(key); it != objects_.end()) {
      for (const auto& version : it->second) ids.push_back(version.id);
    }
    return ids;
  }
  // The lifecycle configuration as last set or PUT (the body verbatim); nullopt when the
  // bucket has none (never set, or deleted).
  std::optional<std::string> Lifecycle() const {
    std::lock_guard lock(mutex_);
    return lifecycle_;
  }
  std::vector<std::string> UploadIds() const {
    std::lock_guard lock(mutex_);
    std::vector<std::string> ids;
    for (const auto& [key, upload_id] : uploads_) ids.push_back(upload_id);
    return ids;
  }

  // --- Serving ---------------------------------------------------------------------------

  TransportReply Handle(const HttpRequest& http);  // in fake_bucket.cc

  static std::vector<ObjectIdentifier> ObjectsIn(const std::string& delete_body) {
    pugi::xml_document document;
    document.load_buffer(delete_body.data(), delete_body.size());
    std::vector<ObjectIdentifier> objects;
    for (const auto object : document.child("Delete").children("Object")) {
      objects.push_back({object.child_value("Key"), object.child_value("VersionId")});
    }
    return objects;
  }

 private:
  struct Version {
    std::string id;
    std::uint64_t size = 0;
    Timestamp modified{};
    bool delete_marker = false;
    std::string body;
  };
  struct Rule {
    std::function<bool(const ParsedRequest&)> match;
    TransportReply reply;
    int times = kForever;
    bool serve_first = false;  // carried out by the model before `reply` is answered
  };

  TransportReply Serve(const ParsedRequest& request, const HttpRequest& http);  // by the model
  std::vector<std::pair<std::function<bool(const ParsedRequest&)>, std::string>> throw_rules_;
  // One listing entry: an object, a version, or a common prefix (version == nullptr).
  struct Entry {
    std::string name;
    const Version* version = nullptr;
    bool is_latest = false;
  };

  std::string NextVersionId() {
    std::string digits = std::to_string(++version_sequence_);
    return "v" + std::string(6 - std::min<std::size_t>(6, digits.size()), '0') + digits;
  }

  // Each write gets its own ETag (as a real one changes with the content written).
  static std::string EtagOf(const Version& version) { return "&quot;etag-" + version.id + "&quot;"; }

  static std::string Encoded(std::string_view text) { return UriEncode(text, SlashEncoding::kKeep); }

  // Entries under the request's prefix in listing order (keys ascending, each key's versions
  // newest first), with keys past the delimiter collapsed into one common prefix.
  std::vector<Entry> Entries(const ParsedRequest& request, bool all_versions) const {
    const std::string prefix = request.Param("prefix");
    const std::string delimiter = request.Param("delimiter");
    std::vector<Entry> entries;
    for (auto it = objects_.lower_bound(prefix); it != objects_.end() && it->first.starts_with(prefix); ++it) {
      const auto& [key, versions] = *it;
      if (!delimiter.empty()) {
        if (auto cut = key.find(delimiter, prefix.size()); cut != std::string::npos) {
          std::string common = key.substr(0, cut + delimiter.size());
          if (entries.empty() || entries.back().name != common) entries.push_back({common});
          continue;
        }
      }
      for (auto v = versions.rbegin(); v != versions.rend(); ++v) {
        const bool latest = v == versions.rbegin();
        if (!all_versions && (!latest || v->delete_marker)) break;
        entries.push_back({key, &*v, latest});
      }
    }
    return entries;
  }

  std::size_t PageSize(const ParsedRequest& request) const {
    const std::size_t asked = std::stoul(request.Param("max-keys"));
    // A versions page that ends on a common prefix has no version id to continue from;
    // what servers send then is not modelled, so those listings come in one page.
    const bool unpaged = request.operation == Operation::kListVersions && request.Has("delimiter");
    return unpaged ? asked : std::min(asked, page_size_);
  }

  static void AppendCommonPrefix(std::string& xml, const Entry& entry) {
    xml += "<CommonPrefixes><Prefix>" + Encoded(entry.name) + "</Prefix></CommonPrefixes>";
  }

  // Tokens name the last entry returned, so entries deleted between pages shift nothing.
  std::string ListObjectsXml(const ParsedRequest& request) const {
    const std::string token = request.Param("continuation-token");
    const std::string after = token.empty() ? request.Param("start-after") : token.substr(6);
    std::string xml = "<ListBucketResult><EncodingType>url</EncodingType>";
    std::string body;
    std::size_t listed = 0;
    bool truncated = false;
    std::string last;
    for (const auto& entry : Entries(request, false)) {
      if (entry.name <= after) continue;
      if (listed == PageSize(request)) {
        truncated = true;
        break;
      }
      ++listed;
      last = entry.name;
      if (entry.version == nullptr) {
        AppendCommonPrefix(body, entry);
        continue;
      }
      body += "<Contents><Key>" + Encoded(entry.name) + "</Key><LastModified>" +
              FormatTimestamp(entry.version->modified) + "</LastModified><ETag>" + EtagOf(*entry.version) +
              "</ETag><Size>" +
              std::to_string(entry.version->size) + "</Size></Contents>";
    }
    xml += std::string("<IsTruncated>") + (truncated ? "true" : "false") + "</IsTruncated>";
    if (truncated) AppendXmlElement(xml, "NextContinuationToken", "after:" + last);
    return xml + body + "</ListBucketResult>";
  }

  // Version ids grow with time, so "after the marker" is: a later key, or the same key and
  // an older (smaller) id.
  std::string ListVersionsXml(const ParsedRequest& request) const {
    const std::string key_marker = request.Param("key-marker");
    const std::string id_marker = request.Param("version-id-marker");
    if (swift_version_markers_ && id_marker == "null") {
      return "<ListVersionsResult><EncodingType>url</EncodingType><IsTruncated>false</IsTruncated></ListVersionsResult>";
    }
    std::string body;
    std::size_t listed = 0;
    bool truncated = false;
    const Entry* last = nullptr;
    const auto entries = Entries(request, true);
    for (const auto& entry : entries) {
      const bool after = entry.name > key_marker ||
                         (entry.name == key_marker && !id_marker.empty() && entry.version != nullptr &&
                          entry.version->id < id_marker);
      if (!after) continue;
      if (listed == PageSize(request)) {
        truncated = true;
        break;
      }
      ++listed;
      last = &entry;
      if (entry.version == nullptr) {
        AppendCommonPrefix(body, entry);
        continue;
      }
      const Version& v = *entry.version;
      const char* element = v.delete_marker ? "DeleteMarker" : "Version";
      body += std::string("<") + element + "><Key>" + Encoded(entry.name) + "</Key><VersionId>" + v.id +
              "</VersionId><IsLatest>" + (entry.is_latest ? "true" : "false") + "</IsLatest><LastModified>" +
              FormatTimestamp(v.modified) + "</LastModified>" +
              (v.delete_marker ? "" : "<ETag>" + EtagOf(v) + "</ETag>") +
              (v.delete_marker ? "" : "<Size>" + std::to_string(v.size) + "</Size>") + "</" + element + ">";
    }
    std::string xml = "<ListVersionsResult><EncodingType>url</EncodingType><IsTruncated>";
    xml += truncated ? "true" : "false";
    xml += "</IsTruncated>";
    if (truncated) {
      xml += "<NextKeyMarker>" + Encoded(last->name) + "</NextKeyMarker><NextVersionIdMarker>" +
             (last->version != nullptr && !swift_version_markers_ ? last->version->id : "null") +
             "</NextVersionIdMarker>";
    }
    return xml + body + "</ListVersionsResult>";
  }

  std::string ListUploadsXml(const ParsedRequest& request) const {
    std::string xml = "<ListMultipartUploadsResult><EncodingType>url</EncodingType><IsTruncated>false</IsTruncated>";
    for (const auto& [key, upload_id] : uploads_) {
      if (!key.starts_with(request.Param("prefix"))) continue;
      xml += "<Upload><Key>" + Encoded(key) + "</Key><UploadId>" + upload_id +
             "</UploadId><Initiated>2024-04-01T00:00:00Z</Initiated></Upload>";
    }
    return xml + "</ListMultipartUploadsResult>";
  }

  std::string DeleteObjectsXml(const ParsedRequest& request) {
    std::string xml = "<DeleteResult>";
    for (const auto& object : ObjectsIn(request.body)) {
      if (auto failure = delete_failures_.find(object.key); failure != delete_failures_.end()) {
        xml += "<Error>";
        AppendXmlElement(xml, "Key", object.key);
        if (!object.version_id.empty()) AppendXmlElement(xml, "VersionId", object.version_id);
        xml += "<Code>" + failure->second + "</Code><Message>injected</Message></Error>";
        continue;
      }
      Delete(object);
    }
    return xml + "</DeleteResult>";
  }

  void Delete(const ObjectIdentifier& object) {
    auto it = objects_.find(object.key);
    if (it == objects_.end()) return;
    auto& versions = it->second;
    if (object.version_id.empty() && versioning_ != VersioningStatus::kNeverEnabled) {
      versions.push_back({NextVersionId(), 0, kFixedTime, true, ""});
      return;
    }
    std::erase_if(versions, [&](const Version& v) { return object.version_id.empty() || v.id == object.version_id; });
    if (versions.empty()) objects_.erase(it);
  }

  TransportReply GetObject(const std::string& key) const {
    auto it = objects_.find(key);
    if (it == objects_.end() || it->second.back().delete_marker) {
      return Reply(404, ErrorXml("NoSuchKey", "The specified key does not exist."));
    }
    return Reply(200, it->second.back().body);
  }

  TransportReply AbortUpload(const ParsedRequest& request) {
    if (uploads_.erase({request.key, request.Param("uploadId")}) == 0) {
      return Reply(404, ErrorXml("NoSuchUpload", "The specified upload does not exist."));
    }
    return Reply(204);
  }

  // GET, PUT and DELETE ?lifecycle, in fake_bucket.cc.
  TransportReply GetLifecycle() const;
  TransportReply PutLifecycle(const ParsedRequest& request);

  std::string VersioningXml() const {
    const char* status = versioning_ == VersioningStatus::kEnabled     ? "<Status>Enabled</Status>"
                         : versioning_ == VersioningStatus::kSuspended ? "<Status>Suspended</Status>"
                                                                       : "";
    return std::string("<VersioningConfiguration>") + status + "</VersioningConfiguration>";
  }

  const std::string name_;
  std::size_t page_size_ = 1000;
  bool swift_version_markers_ = false;
  mutable std::mutex mutex_;
  std::map<std::string, std::vector<Version>> objects_;  // each key's versions, oldest first
  std::set<std::pair<std::string, std::string>> uploads_;  // (key, upload id)
  std::map<std::string, std::string> delete_failures_;
  VersioningStatus versioning_ = VersioningStatus::kNeverEnabled;
  std::optional<std::string> lifecycle_;  // the configuration's XML; nullopt: none
  std::uint64_t version_sequence_ = 0;
  std::vector<Rule> rules_;
  std::vector<ParsedRequest> requests_;
};

class BucketTransport : public HttpTransport {
 public:
  explicit BucketTransport(FakeBucket& bucket) : bucket_(bucket) {}
  TransportReply Send(const HttpRequest& request) override { return bucket_.Handle(request); }

 private:
  FakeBucket& bucket_;
};

// An S3Client served by `bucket`, with FakeS3's fixed clock and jitter; sleeps are recorded
// (under a lock: parallel workers retry at once) instead of slept.
class FakeBucketClient {
 public:
  explicit FakeBucketClient(FakeBucket& bucket, ClientConfig config = FakeConfig())
      : client_(MakeFakeClient(std::move(config),
                               [&bucket] { return std::make_unique<BucketTransport>(bucket); },
                               [this](std::chrono::milliseconds delay) {
                                 std::lock_guard lock(mutex_);
                                 sleeps_.push_back(delay);
                               })) {}
  FakeBucketClient(const FakeBucketClient&) = delete;
  FakeBucketClient& operator=(const FakeBucketClient&) = delete;

  S3Client& client() { return *client_; }
  std::size_t SleepCount() const {
    std::lock_guard lock(mutex_);
    return sleeps_.size();
  }

 private:
  mutable std::mutex mutex_;
  std::vector<std::chrono::milliseconds> sleeps_;
  std::unique_ptr<S3Client> client_;
};

}  // namespace s3prune::s3::fake
