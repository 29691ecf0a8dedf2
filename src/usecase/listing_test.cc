// ListDeployments (what `ls` shows) against an in-memory bucket: the order, residue with
// versions, the marks of an earlier `apply --via lifecycle`, and a lifecycle configuration
// that cannot be read.
#include "usecase/listing.h"

#include <gtest/gtest.h>

#include "usecase/usecase_test_fixtures.h"

namespace s3prune::usecase {
namespace {

using namespace test;

PlanRequest ListRequest(Versions versions = Versions::kCurrentOnly) {
  PlanRequest request;
  request.root = {kBucket, kPrefix};
  request.versions = versions;
  request.concurrency = 2;
  return request;
}

s3::Result<ListingReport> List(FakeBucket& bucket, const PlanRequest& request) {
  FakeBucketClient s3(bucket);
  return ListDeployments(request, s3.client(), kNow, nullptr);
}

std::string Rule(const std::string& id, const std::string& prefix) {
  return "<Rule><ID>" + id + "</ID><Filter><Prefix>" + prefix +
         "</Prefix></Filter><Status>Enabled</Status><Expiration><Days>1</Days></Expiration></Rule>";
}

TEST(ListDeployments, MostRecentFirstWithRootObjectsCounted) {
  FakeBucket bucket(kBucket);
  // Written out of order: d3 is the newest, then d1 (rewritten lately), d2, d4.
  bucket.Put("www/d4/a", 1, HoursAgo(40));
  bucket.Put("www/d2/a", 1, HoursAgo(30));
  bucket.Put("www/d1/a", 1, HoursAgo(50));
  bucket.Put("www/d1/b", 1, HoursAgo(20));
  bucket.Put("www/d3/a", 1, HoursAgo(10));
  bucket.Put("www/index.html", 1, HoursAgo(5));
  bucket.Put("other/d9/a", 1, HoursAgo(1));
  const auto listing = List(bucket, ListRequest());
  ASSERT_TRUE(listing) << listing.error().message;
  EXPECT_EQ(IdsOf(listing->deployments), (std::vector<std::string>{"d3", "d1", "d2", "d4"}));
  EXPECT_EQ(listing->root_objects, 1u);
  EXPECT_EQ(listing->bucket, kBucket);
  EXPECT_EQ(listing->prefix, kPrefix);
  EXPECT_EQ(listing->now, kNow);
  EXPECT_FALSE(listing->versions);
  EXPECT_TRUE(listing->warnings.empty()) << listing->warnings.front();
  EXPECT_TRUE(listing->scheduled.empty());
}

TEST(ListDeployments, AMissingBucketIsReturned) {
  FakeBucket bucket("another-bucket");
  const auto listing = List(bucket, ListRequest());
  ASSERT_FALSE(listing);
  EXPECT_EQ(listing.error().code, s3::ErrorCode::kNoSuchBucket);
}

TEST(ListDeployments, ResidueIsListedOnlyWithVersions) {
  const struct {
    Versions versions;
    std::vector<std::string> ids;
  } cases[] = {
      {Versions::kCurrentOnly, {"d2", "d1"}},
      {Versions::kAll, {"gone", "d2", "d1"}},  // dated by its delete marker, the newest
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.versions == Versions::kAll ? "kAll" : "kCurrentOnly");
    FakeBucket bucket(kBucket);
    bucket.SetVersioning(s3::VersioningStatus::kEnabled);
    bucket.Put("www/d1/a", 1, HoursAgo(40));
    bucket.Put("www/d2/a", 1, HoursAgo(30));
    bucket.Put("www/d2/a", 2, HoursAgo(20));
    bucket.Put("www/gone/a", 4, HoursAgo(50));
    bucket.PutDeleteMarker("www/gone/a", HoursAgo(10));
    const auto listing = List(bucket, ListRequest(c.versions));
    ASSERT_TRUE(listing) << listing.error().message;
    EXPECT_EQ(IdsOf(listing->deployments), c.ids);
    EXPECT_EQ(listing->versions, c.versions == Versions::kAll);
    if (c.versions != Versions::kAll) continue;
    const auto& gone = listing->deployments[0];
    EXPECT_EQ(gone.objects, 0u);
    EXPECT_EQ(gone.noncurrent_versions, 2u);
    EXPECT_EQ(listing->deployments[1].noncurrent_versions, 1u) << "d2's old version";
  }
}

TEST(ListDeployments, DeploymentsWithAnS3pruneRuleOnTheirPrefixAreMarkedScheduled) {
  FakeBucket bucket(kBucket);
  PutFourDeployments(bucket);
  bucket.SetLifecycle("<LifecycleConfiguration>" + Rule("s3prune:d1", "www/d1/") +
                      Rule("s3prune:d2:markers", "www/d2/") +  // the --versions markers rule alone
                      Rule("s3prune:d3", "old-www/d3/") +       // another root's rule
                      Rule("d4", "www/d4/") +                   // not s3prune's
                      "</LifecycleConfiguration>");
  const auto listing = List(bucket, ListRequest());
  ASSERT_TRUE(listing) << listing.error().message;
  EXPECT_EQ(listing->scheduled, (std::set<std::string>{"d1", "d2"}));
  EXPECT_TRUE(listing->warnings.empty()) << listing->warnings.front();
}

TEST(ListDeployments, AScheduledDeploymentThatAPointerNamesIsWarnedAbout) {
  FakeBucket bucket(kBucket);
  PutFourDeployments(bucket, "d1\n");  // a rollback: the pointer names d1 again
  bucket.SetLifecycle("<LifecycleConfiguration>" + Rule("s3prune:www/d1", "www/d1/") + Rule("s3prune:www/d2", "www/d2/") +
                      "</LifecycleConfiguration>");
  PlanRequest request = ListRequest();
  const auto quiet = List(bucket, request);
  ASSERT_TRUE(quiet) << quiet.error().message;
  EXPECT_TRUE(quiet->warnings.empty()) << "without a pointer, nothing says which deployment is live";
  request.keep_from = {{kBucket, kPointerKey}};
  const auto listing = List(bucket, request);
  ASSERT_TRUE(listing) << listing.error().message;
  EXPECT_EQ(listing->scheduled, (std::set<std::string>{"d1", "d2"}));
  ASSERT_EQ(listing->warnings.size(), 1u);
  EXPECT_TRUE(Contains(listing->warnings[0], "lifecycle rule s3prune:www/d1 would expire deployment 'd1'"))
      << listing->warnings[0];
}

TEST(ListDeployments, AnUnreadableLifecycleIsAWarningNotAFailure) {
  const struct {
    const char* name;
    TransportReply reply;
    bool warned;
  } cases[] = {
      {"no configuration", Reply(404, ErrorXml("NoSuchLifecycleConfiguration", "none")), false},
      {"access denied", Reply(403, ErrorXml("AccessDenied", "Access Denied")), true},
      {"not XML", Reply(200, "<LifecycleConfiguration><Rule>"), true},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    FakeBucket bucket(kBucket);
    PutFourDeployments(bucket);
    bucket.AddRule(IsOperation(Operation::kGetLifecycle), c.reply);
    const auto listing = List(bucket, ListRequest());
    ASSERT_TRUE(listing) << listing.error().message;
    EXPECT_EQ(listing->deployments.size(), 4u);
    EXPECT_TRUE(listing->scheduled.empty());
    ASSERT_EQ(listing->warnings.size(), c.warned ? 1u : 0u);
    if (c.warned) {
      EXPECT_TRUE(Contains(listing->warnings[0], "could not read the bucket's lifecycle rules"))
          << listing->warnings[0];
    }
  }
}

}  // namespace
}  // namespace s3prune::usecase
