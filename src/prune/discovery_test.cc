// Discovery against an in-memory bucket that serves pages of two entries, so every deployment
// takes several pages: what is added up across pages and ranges, and the faults a real server
// cannot be made to produce on demand (page two failing on every retry, a truncated page
// without a way to continue), which must fail discovery rather than yield a partial inventory.
#include "prune/discovery.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "testing/fake_bucket.h"
#include "s3/core/timestamp.h"

namespace s3prune::prune {
namespace {

using namespace s3::fake;  // the fake bucket and its matchers, test-only

constexpr const char* kBucket = "deploys";
constexpr const char* kPrefix = "www/";

s3::Timestamp HoursAgo(int hours) { return s3::Timestamp(s3::fake::kFixedTime) - std::chrono::hours(hours); }

std::string Describe(const policy::Deployment& d) {
  return d.id + ": " + std::to_string(d.objects) + " objects, " + std::to_string(d.bytes) + " B, " +
         s3::FormatTimestamp(d.oldest) + " .. " + s3::FormatTimestamp(d.newest) + ", noncurrent " +
         std::to_string(d.noncurrent_versions) + " / " + std::to_string(d.noncurrent_bytes) + " B";
}

std::vector<std::string> Describe(const std::vector<policy::Deployment>& deployments) {
  std::vector<std::string> lines;
  for (const auto& deployment : deployments) lines.push_back(Describe(deployment));
  return lines;
}

// Three deployments whose ranges overlap in key space ("www/a-b/..." sorts between "www/a"
// and "www/a/", so the range of "a" lists it too), and two root objects.
void PutThreeDeployments(FakeBucket& bucket) {
  bucket.Put("www/index.html", 7, HoursAgo(1));
  bucket.Put("www/robots.txt", 9, HoursAgo(1));
  for (int i = 0; i < 5; ++i) bucket.Put("www/a/" + std::to_string(i), 10 + i, HoursAgo(50 - i));
  for (int i = 0; i < 3; ++i) bucket.Put("www/a-b/" + std::to_string(i), 100, HoursAgo(30 + i));
  for (int i = 0; i < 4; ++i) bucket.Put("www/b/" + std::to_string(i), 1, HoursAgo(10));
  bucket.set_page_size(2);
}

const std::vector<std::string> kThreeDeployments = {
    "a-b: 3 objects, 300 B, 2024-04-30T04:00:00Z .. 2024-04-30T06:00:00Z, noncurrent 0 / 0 B",
    "a: 5 objects, 60 B, 2024-04-29T10:00:00Z .. 2024-04-29T14:00:00Z, noncurrent 0 / 0 B",
    "b: 4 objects, 4 B, 2024-05-01T02:00:00Z .. 2024-05-01T02:00:00Z, noncurrent 0 / 0 B",
};

TEST(DiscoverDeployments, AddsUpEveryPageOfEveryDeploymentOnce) {
  for (std::size_t concurrency : {1u, 2u, 8u}) {
    FakeBucket bucket(kBucket);
    PutThreeDeployments(bucket);
    FakeBucketClient s3(bucket);
    auto inventory = DiscoverDeployments(s3.client(), {kBucket, kPrefix, ListingMode::kCurrentObjects, concurrency, nullptr, 1});
    ASSERT_TRUE(inventory) << "concurrency " << concurrency << ": " << inventory.error().message;
    EXPECT_EQ(Describe(inventory->deployments), kThreeDeployments) << "concurrency " << concurrency;
    EXPECT_TRUE(inventory->residue.empty()) << "concurrency " << concurrency;
    EXPECT_EQ(inventory->root_objects, 2u) << "concurrency " << concurrency;
    EXPECT_GT(bucket.Requests(Operation::kListObjects).size(), 4u) << "pages of two should take several requests";
  }
}

TEST(DiscoverDeployments, KeysWithAnEmptyFirstSegmentAreCountedAsRootObjects) {
  for (const ListingMode mode : {ListingMode::kCurrentObjects, ListingMode::kAllVersions}) {
    FakeBucket bucket(kBucket);
    PutThreeDeployments(bucket);
    bucket.Put("www//lead/index.html", 1, HoursAgo(3));
    bucket.Put("www//x", 1, HoursAgo(3));
    bucket.Put("www///y", 1, HoursAgo(3));
    FakeBucketClient s3(bucket);
    auto inventory = DiscoverDeployments(s3.client(), {kBucket, kPrefix, mode, 2, nullptr, 1});
    ASSERT_TRUE(inventory) << inventory.error().message;
    EXPECT_EQ(Describe(inventory->deployments), kThreeDeployments);
    EXPECT_EQ(inventory->root_objects, 5u) << "two under the prefix, three with an empty first segment";
  }
}

TEST(DiscoverDeployments, ATransientFailureMidListingIsRetriedWithoutLosingAPage) {
  FakeBucket bucket(kBucket);
  PutThreeDeployments(bucket);
  bucket.AddRule(ContinuesInside("www/a/"), Reply(503, ErrorXml("SlowDown", "slow down")), 2);
  FakeBucketClient s3(bucket);
  auto inventory = DiscoverDeployments(s3.client(), {kBucket, kPrefix, ListingMode::kCurrentObjects, 2, nullptr, 1});
  ASSERT_TRUE(inventory) << inventory.error().message;
  EXPECT_EQ(Describe(inventory->deployments), kThreeDeployments);
  EXPECT_EQ(s3.SleepCount(), 2u);
}

struct PageFault {
  const char* name;
  ListingMode mode;
  s3::fake::TransportReply reply;
  s3::ErrorCode expected;
  std::size_t attempts;  // requests for the failing page
};

TEST(DiscoverDeployments, APageThatCannotBeListedFailsTheWholeDiscovery) {
  const std::vector<PageFault> faults = {
      {"500 on every retry", ListingMode::kCurrentObjects, Reply(500, ErrorXml("InternalError", "boom")),
       s3::ErrorCode::kServerError, 3},
      {"500 on every retry (versions)", ListingMode::kAllVersions, Reply(500, ErrorXml("InternalError", "boom")),
       s3::ErrorCode::kServerError, 3},
      {"connection reset on every retry", ListingMode::kCurrentObjects,
       s3::fake::Failure(s3::TransportFailure::kConnectionLost, "reset"), s3::ErrorCode::kNetwork, 3},
      {"403 in the middle", ListingMode::kCurrentObjects, Reply(403, ErrorXml("AccessDenied", "denied")),
       s3::ErrorCode::kAccessDenied, 1},
      {"truncated without a token", ListingMode::kCurrentObjects,
       Reply(200, "<ListBucketResult><IsTruncated>true</IsTruncated><Contents><Key>www/b/9</Key>"
                  "<LastModified>2024-05-01T00:00:00Z</LastModified><Size>1</Size></Contents></ListBucketResult>"),
       s3::ErrorCode::kMalformedReply, 1},
      {"truncated without a version id marker", ListingMode::kAllVersions,
       Reply(200, "<ListVersionsResult><IsTruncated>true</IsTruncated><NextKeyMarker>www/b/9</NextKeyMarker>"
                  "</ListVersionsResult>"),
       s3::ErrorCode::kMalformedReply, 1},
  };
  for (const auto& fault : faults) {
    FakeBucket bucket(kBucket);
    PutThreeDeployments(bucket);
    bucket.AddRule(ContinuesInside("www/b/"), fault.reply);
    FakeBucketClient s3(bucket);
    auto inventory = DiscoverDeployments(s3.client(), {kBucket, kPrefix, fault.mode, 2, nullptr, 1});
    ASSERT_FALSE(inventory) << fault.name << ": an inventory of " << inventory->deployments.size()
                            << " deployments was returned";
    EXPECT_EQ(inventory.error().code, fault.expected) << fault.name << ": " << inventory.error().message;
    const auto operation = fault.mode == ListingMode::kAllVersions ? Operation::kListVersions : Operation::kListObjects;
    std::size_t failing_page_requests = 0;
    for (const auto& request : bucket.Requests(operation)) failing_page_requests += ContinuesInside("www/b/")(request);
    EXPECT_EQ(failing_page_requests, fault.attempts) << fault.name;
  }
}

TEST(DiscoverDeployments, AFailingSecondPageOfNamesFailsBeforeAnyRangeIsListed) {
  FakeBucket bucket(kBucket);
  PutThreeDeployments(bucket);  // five entries with a delimiter: three pages of two
  bucket.AddRule([](const s3::fake::ParsedRequest& r) { return r.Has("delimiter") && r.Has("continuation-token"); },
                 Reply(500, ErrorXml("InternalError", "boom")));
  FakeBucketClient s3(bucket);
  auto inventory = DiscoverDeployments(s3.client(), {kBucket, kPrefix, ListingMode::kCurrentObjects, 2, nullptr, 1});
  ASSERT_FALSE(inventory) << "an inventory of " << inventory->deployments.size() << " deployments was returned";
  EXPECT_EQ(inventory.error().code, s3::ErrorCode::kServerError);
  EXPECT_EQ(bucket.Requests(Operation::kListObjects).size(), 4u) << "page one, then page two three times";
}

// A versioned bucket: "live" has current objects and an older version; "gone" was deleted
// without --versions (a version under a delete marker); "ghost" has nothing but a delete marker.
void PutVersionedDeployments(FakeBucket& bucket) {
  bucket.SetVersioning(s3::VersioningStatus::kEnabled);
  bucket.Put("www/index.html", 5, HoursAgo(1));
  bucket.Put("www/old.html", 5, HoursAgo(90));
  bucket.PutDeleteMarker("www/old.html", HoursAgo(80));
  bucket.Put("www/live/x", 1000, HoursAgo(40));
  bucket.Put("www/live/x", 2000, HoursAgo(20));
  bucket.Put("www/live/y", 30, HoursAgo(30));
  bucket.Put("www/gone/z", 400, HoursAgo(70));
  bucket.PutDeleteMarker("www/gone/z", HoursAgo(60));
  bucket.PutDeleteMarker("www/ghost/k", HoursAgo(65));
  bucket.set_page_size(2);
}

TEST(DiscoverDeployments, AllVersionsSplitsCurrentFromNoncurrentAndFindsResidue) {
  for (std::size_t concurrency : {1u, 4u}) {
    FakeBucket bucket(kBucket);
    PutVersionedDeployments(bucket);
    FakeBucketClient s3(bucket);
    auto inventory = DiscoverDeployments(s3.client(), {kBucket, kPrefix, ListingMode::kAllVersions, concurrency, nullptr, 1});
    ASSERT_TRUE(inventory) << "concurrency " << concurrency << ": " << inventory.error().message;
    EXPECT_EQ(Describe(inventory->deployments),
              (std::vector<std::string>{
                  "live: 2 objects, 2030 B, 2024-04-30T06:00:00Z .. 2024-04-30T16:00:00Z, noncurrent 1 / 1000 B"}))
        << "concurrency " << concurrency;
    EXPECT_EQ(Describe(inventory->residue),
              (std::vector<std::string>{
                  "ghost: 0 objects, 0 B, 2024-04-28T19:00:00Z .. 2024-04-28T19:00:00Z, noncurrent 1 / 0 B",
                  "gone: 0 objects, 0 B, 2024-04-28T14:00:00Z .. 2024-04-29T00:00:00Z, noncurrent 2 / 400 B"}))
        << "concurrency " << concurrency;
    EXPECT_EQ(inventory->root_objects, 1u) << "a root key under a delete marker is not an object";
  }
}

TEST(DiscoverDeployments, CurrentObjectsModeDoesNotSeeVersionsOrResidue) {
  FakeBucket bucket(kBucket);
  PutVersionedDeployments(bucket);
  FakeBucketClient s3(bucket);
  auto inventory = DiscoverDeployments(s3.client(), {kBucket, kPrefix, ListingMode::kCurrentObjects, 2, nullptr, 1});
  ASSERT_TRUE(inventory) << inventory.error().message;
  EXPECT_EQ(Describe(inventory->deployments),
            (std::vector<std::string>{
                "live: 2 objects, 2030 B, 2024-04-30T06:00:00Z .. 2024-04-30T16:00:00Z, noncurrent 0 / 0 B"}));
  EXPECT_TRUE(inventory->residue.empty());
  EXPECT_TRUE(bucket.Requests(Operation::kListVersions).empty());
}

// Issue 22, case 2, as OpenStack Swift answers: six deployments, versions listed in pages of
// two, each truncated page carrying NextVersionIdMarker "null". Swift answers that marker
// with an empty, untruncated page, which used to end the listing after the first page: one
// deployment of two versions shown for six. Continued from the last entry, all are found.
TEST(DiscoverDeployments, SwiftsNullVersionMarkerStillListsEveryVersion) {
  FakeBucket bucket(kBucket);
  bucket.SetVersioning(s3::VersioningStatus::kEnabled);
  for (int d = 1; d <= 6; ++d) {
    for (int i = 0; i < d; ++i) {
      bucket.Put("www/d" + std::to_string(d) + "/" + std::to_string(i), 10, HoursAgo(10 * d));
      bucket.Put("www/d" + std::to_string(d) + "/" + std::to_string(i), 10, HoursAgo(10 * d - 1));
    }
  }
  bucket.set_page_size(2);
  bucket.set_swift_version_markers();
  FakeBucketClient s3(bucket);
  auto inventory = DiscoverDeployments(s3.client(), {kBucket, kPrefix, ListingMode::kAllVersions, 2, nullptr, 16});
  ASSERT_TRUE(inventory) << inventory.error().message;
  std::vector<std::string> counts;
  for (const auto& deployment : inventory->deployments) {
    counts.push_back(deployment.id + ": " + std::to_string(deployment.objects) + " + " +
                     std::to_string(deployment.noncurrent_versions));
  }
  EXPECT_EQ(counts, (std::vector<std::string>{"d1: 1 + 1", "d2: 2 + 2", "d3: 3 + 3", "d4: 4 + 4", "d5: 5 + 5",
                                              "d6: 6 + 6"}));
}

// A range listing that ends early on its own (a continuation answered with an empty,
// untruncated page, markers and all in order) leaves deployments the delimiter listing named
// unfound: discovery stops and names them instead of planning on the first one alone.
TEST(DiscoverDeployments, ADeploymentNamedButNotFoundByItsRangeListingFailsDiscovery) {
  for (auto mode : {ListingMode::kCurrentObjects, ListingMode::kAllVersions}) {
    FakeBucket bucket(kBucket);
    PutThreeDeployments(bucket);
    bucket.AddRule(ContinuesInside("www/a-b/"),
                   Reply(200, mode == ListingMode::kAllVersions
                                  ? "<ListVersionsResult><IsTruncated>false</IsTruncated></ListVersionsResult>"
                                  : "<ListBucketResult><IsTruncated>false</IsTruncated></ListBucketResult>"));
    FakeBucketClient s3(bucket);
    auto inventory = DiscoverDeployments(s3.client(), {kBucket, kPrefix, mode, 1, nullptr, 16});
    ASSERT_FALSE(inventory) << "a partial view was returned: " << inventory->deployments.size() << " deployments";
    EXPECT_EQ(inventory.error().code, s3::ErrorCode::kMalformedReply);
    EXPECT_NE(inventory.error().message.find("2 deployments named by the delimiter listing but not found"),
              std::string::npos)
        << inventory.error().message;
    EXPECT_NE(inventory.error().message.find("'a', 'b'"), std::string::npos) << inventory.error().message;
  }
}

}  // namespace
}  // namespace s3prune::prune
