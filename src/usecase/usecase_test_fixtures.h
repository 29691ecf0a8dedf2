// Shared by the use case's unit tests: a fake bucket of four deployments and a pointer, the
// request that plans it, hand-made plans of it, and an S3 Inventory report of it written into
// the bucket. Test-only.
#pragma once


#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "testing/gzip.h"
#include "policy/planner.h"
#include "s3/core/timestamp.h"
#include "testing/fake_bucket.h"
#include "usecase/plan_report.h"
#include "usecase/plan_request.h"

namespace s3prune::usecase::test {

using namespace s3::fake;  // the fake bucket and its matchers, test-only

inline constexpr const char* kBucket = "deploys";
inline constexpr const char* kPrefix = "www/";
inline constexpr const char* kPointerKey = "live/current.txt";
inline constexpr const char* kPointerUrl = "s3://deploys/live/current.txt";
inline constexpr int kObjectsPerDeployment = 3;
inline constexpr std::uint64_t kObjectSize = 10;

// The client's clock (kFixedTime), as a Timestamp.
inline const policy::Timestamp kNow = policy::Timestamp(kFixedTime);

inline policy::Timestamp HoursAgo(int hours) { return kNow - std::chrono::hours(hours); }

// d<n> was written (50 - 10 n) hours ago: d1 is the oldest, d4 the newest.
inline policy::Timestamp TimeOfDeployment(int n) { return HoursAgo(50 - 10 * n); }

inline std::string KeyOf(const std::string& id, int i) { return std::string(kPrefix) + id + "/" + std::to_string(i); }

// d1 .. d4 under www/, three objects of 10 bytes each, and live/current.txt naming `pointer`.
inline void PutFourDeployments(FakeBucket& bucket, const std::string& pointer = "d4\n") {
  for (int d = 1; d <= 4; ++d) {
    for (int i = 0; i < kObjectsPerDeployment; ++i) {
      bucket.Put(KeyOf("d" + std::to_string(d), i), kObjectSize, TimeOfDeployment(d));
    }
  }
  bucket.Put(kPointerKey, pointer.size(), kNow, pointer);
}

// Plans s3://deploys/www/ with --keep-last 2 and the pointer: keeps d4 and d3, deletes d2, d1.
inline PlanRequest KeepLastTwo() {
  PlanRequest request;
  request.root = {kBucket, kPrefix};
  request.policy.keep_last = 2;
  request.keep_from = {{kBucket, kPointerKey}};
  request.concurrency = 2;
  return request;
}

// Deployment d<n> as PutFourDeployments wrote it.
inline policy::Deployment DeploymentOf(int n) {
  return {.id = "d" + std::to_string(n),
          .newest = TimeOfDeployment(n),
          .oldest = TimeOfDeployment(n),
          .objects = kObjectsPerDeployment,
          .bytes = kObjectsPerDeployment * kObjectSize};
}

// The plan KeepLastTwo makes of PutFourDeployments, by hand: d4, d3 kept; d2, d1 doomed.
inline PlanReport FourDeploymentPlan() {
  PlanReport report;
  report.bucket = kBucket;
  report.prefix = kPrefix;
  report.now = kNow;
  report.policy.keep_last = 2;
  report.policy.keep_named = {{kPointerUrl, {"d4"}, {1}, ""}};
  report.made_against = MadeAgainst{"http://127.0.0.1:9000", "us-east-1", ""};  // the fake client's
  report.plan.decisions = {{DeploymentOf(4), policy::Action::kKeep, {"kept"}},
                           {DeploymentOf(3), policy::Action::kKeep, {"kept"}},
                           {DeploymentOf(2), policy::Action::kDelete, {"not kept"}},
                           {DeploymentOf(1), policy::Action::kDelete, {"not kept"}}};
  return report;
}

inline std::vector<std::string> IdsOf(const std::vector<policy::Deployment>& deployments) {
  std::vector<std::string> ids;
  for (const auto& deployment : deployments) ids.push_back(deployment.id);
  return ids;
}

inline bool Contains(std::string_view text, std::string_view part) { return text.find(part) != std::string_view::npos; }

// --- S3 Inventory reports ------------------------------------------------------------------

inline constexpr const char* kManifestKey = "inventory/deploys/daily/manifest.json";
inline constexpr const char* kManifestUrl = "s3://deploys/inventory/deploys/daily/manifest.json";
inline constexpr const char* kCurrentSchema = "Bucket, Key, Size, LastModifiedDate";
inline constexpr const char* kVersionedSchema =
    "Bucket, Key, VersionId, IsLatest, IsDeleteMarker, Size, LastModifiedDate";
// creationTimestamp of the reports written here: 2024-05-01T07:00:00Z, five hours before kNow.
inline constexpr const char* kReportCreatedMs = "1714546800000";
inline const policy::Timestamp kReportCreated = HoursAgo(5);

inline std::string DataFileKey(const std::string& name) { return "inventory/deploys/daily/data/" + name + ".csv.gz"; }

// A manifest.json in the documented format, its data files in this bucket.
inline std::string ManifestJson(const std::string& source_bucket, const std::string& schema,
                                const std::vector<std::string>& data_keys) {
  std::string files;
  for (const auto& key : data_keys) {
    files += std::string(files.empty() ? "" : ", ") + R"({"key": ")" + key + R"(", "size": 1, "MD5checksum": "x"})";
  }
  return R"({"sourceBucket": ")" + source_bucket + R"(", "destinationBucket": "arn:aws:s3:::deploys", )"
         R"("version": "2016-11-30", "creationTimestamp": ")" + kReportCreatedMs +
         R"(", "fileFormat": "CSV", "fileSchema": ")" + schema + R"(", "files": [)" + files + "]}";
}

// One current-only CSV row (kCurrentSchema), every field quoted as S3 writes them.
inline std::string CurrentRow(const std::string& key, std::uint64_t size, policy::Timestamp modified) {
  return "\"deploys\",\"" + key + "\",\"" + std::to_string(size) + "\",\"" + s3::FormatTimestamp(modified) + "\"\n";
}

}  // namespace s3prune::usecase::test
