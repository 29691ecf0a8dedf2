// ReadInventoryReport against an in-memory bucket holding a manifest.json and its gzip CSV
// data files: the deployments added up across files, and what it refuses. The formats
// themselves are tested in prune/inventory_report_test.cc.
#include "usecase/inventory_source.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "usecase/usecase_test_fixtures.h"

namespace s3prune::usecase {
namespace {

using namespace test;

const S3Url kManifest{kBucket, kManifestKey};
const S3Url kRoot{kBucket, kPrefix};

std::string VersionedRow(const std::string& key, const std::string& version, bool latest, bool marker,
                         std::uint64_t size, policy::Timestamp modified) {
  return "\"deploys\",\"" + key + "\",\"" + version + "\",\"" + (latest ? "true" : "false") + "\",\"" +
         (marker ? "true" : "false") + "\",\"" + (marker ? "" : std::to_string(size)) + "\",\"" +
         s3::FormatTimestamp(modified) + "\"\n";
}

// Two data files: a holds d1 (two objects) and a root object, b holds d2 and a key of
// another prefix.
void PutCurrentReport(FakeBucket& bucket) {
  bucket.Put(kManifestKey, 1, kNow, ManifestJson(kBucket, kCurrentSchema, {DataFileKey("a"), DataFileKey("b")}));
  bucket.Put(DataFileKey("a"), 1, kNow,
             Gzip(CurrentRow("www/d1/index.html", 10, HoursAgo(40)) + CurrentRow("www/d1/app.js", 5, HoursAgo(39)) +
                  CurrentRow("www/robots.txt", 1, HoursAgo(90))));
  bucket.Put(DataFileKey("b"), 1, kNow,
             Gzip(CurrentRow("www/d2/index.html", 7, HoursAgo(20)) + CurrentRow("other/d9/x", 1, HoursAgo(20))));
}

s3::Result<InventoryRead> Read(FakeBucket& bucket, prune::ListingMode mode = prune::ListingMode::kCurrentObjects) {
  FakeBucketClient s3(bucket);
  return ReadInventoryReport(kManifest, kRoot, s3.client(), mode);
}

TEST(ReadInventoryReport, AddsUpTheDeploymentsOfEveryDataFile) {
  FakeBucket bucket(kBucket);
  PutCurrentReport(bucket);
  const auto read = Read(bucket);
  ASSERT_TRUE(read) << read.error().message;
  EXPECT_EQ(read->created, kReportCreated) << s3::FormatTimestamp(read->created);
  EXPECT_EQ(read->inventory.root_objects, 1u);
  const auto& deployments = read->inventory.deployments;
  ASSERT_EQ(IdsOf(deployments), (std::vector<std::string>{"d1", "d2"}));
  EXPECT_EQ(deployments[0], (policy::Deployment{.id = "d1", .newest = HoursAgo(39), .oldest = HoursAgo(40),
                                                .objects = 2, .bytes = 15}));
  EXPECT_EQ(deployments[1], (policy::Deployment{.id = "d2", .newest = HoursAgo(20), .oldest = HoursAgo(20),
                                                .objects = 1, .bytes = 7}));
  EXPECT_EQ(bucket.Requests(Operation::kGetObject).size(), 3u);
  EXPECT_TRUE(bucket.Requests(Operation::kListObjects).empty());
}

TEST(ReadInventoryReport, AVersionedReportCountsOldVersionsAndResidue) {
  FakeBucket bucket(kBucket);
  bucket.Put(kManifestKey, 1, kNow, ManifestJson(kBucket, kVersionedSchema, {DataFileKey("v")}));
  bucket.Put(DataFileKey("v"), 1, kNow,
             Gzip(VersionedRow("www/d1/a", "v2", true, false, 10, HoursAgo(30)) +
                  VersionedRow("www/d1/a", "v1", false, false, 4, HoursAgo(40)) +
                  VersionedRow("www/gone/x", "m1", true, true, 0, HoursAgo(35)) +
                  VersionedRow("www/gone/x", "v0", false, false, 3, HoursAgo(50))));
  const auto read = Read(bucket, prune::ListingMode::kAllVersions);
  ASSERT_TRUE(read) << read.error().message;
  ASSERT_EQ(IdsOf(read->inventory.deployments), (std::vector<std::string>{"d1"}));
  EXPECT_EQ(read->inventory.deployments[0].noncurrent_versions, 1u);
  EXPECT_EQ(read->inventory.deployments[0].noncurrent_bytes, 4u);
  ASSERT_EQ(IdsOf(read->inventory.residue), (std::vector<std::string>{"gone"}));
  EXPECT_EQ(read->inventory.residue[0].noncurrent_versions, 2u);
}

TEST(ReadInventoryReport, RefusesAReportItCannotPlanFrom) {
  const struct {
    const char* name;
    std::string manifest;                     // "" : none
    std::vector<std::string> missing_files;   // data files not put
    prune::ListingMode mode;
    s3::ErrorCode code;
    const char* message;
  } cases[] = {
      {"another bucket's report", ManifestJson("elsewhere", kCurrentSchema, {DataFileKey("a")}), {},
       prune::ListingMode::kCurrentObjects, s3::ErrorCode::kRefused,
       "is a report of bucket 'elsewhere', not of 'deploys'"},
      {"--versions with a current-only report", ManifestJson(kBucket, kCurrentSchema, {DataFileKey("a")}), {},
       prune::ListingMode::kAllVersions, s3::ErrorCode::kRefused, "lists current objects only"},
      {"a missing data file", ManifestJson(kBucket, kCurrentSchema, {DataFileKey("a"), DataFileKey("b")}),
       {DataFileKey("b")}, prune::ListingMode::kCurrentObjects, s3::ErrorCode::kNotFound,
       "inventory file s3://deploys/inventory/deploys/daily/data/b.csv.gz"},
      {"no manifest", "", {}, prune::ListingMode::kCurrentObjects, s3::ErrorCode::kNotFound,
       "inventory manifest s3://deploys/inventory/deploys/daily/manifest.json"},
      {"a manifest that is no JSON", "{not json", {}, prune::ListingMode::kCurrentObjects,
       s3::ErrorCode::kMalformedReply, "inventory manifest s3://deploys/inventory/deploys/daily/manifest.json"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    FakeBucket bucket(kBucket);
    if (!c.manifest.empty()) bucket.Put(kManifestKey, 1, kNow, c.manifest);
    for (const char* name : {"a", "b"}) {
      if (std::ranges::find(c.missing_files, DataFileKey(name)) != c.missing_files.end()) continue;
      bucket.Put(DataFileKey(name), 1, kNow, Gzip(CurrentRow("www/d1/x", 1, HoursAgo(9))));
    }
    const auto read = Read(bucket, c.mode);
    ASSERT_FALSE(read);
    EXPECT_EQ(read.error().code, c.code) << read.error().message;
    EXPECT_TRUE(Contains(read.error().message, c.message)) << read.error().message;
  }
}

TEST(ReadInventoryReport, ACorruptDataFileIsNamed) {
  FakeBucket bucket(kBucket);
  PutCurrentReport(bucket);
  bucket.Put(DataFileKey("b"), 1, kNow, "not gzip at all");
  const auto read = Read(bucket);
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().subject, "inventory file s3://deploys/" + DataFileKey("b"));
  EXPECT_TRUE(read.error().message.starts_with("inventory file s3://deploys/" + DataFileKey("b") + ": "))
      << read.error().message;
}

}  // namespace
}  // namespace s3prune::usecase
