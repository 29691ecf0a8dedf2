// BuildPlan against an in-memory bucket: what it reads before deciding (the bucket, the
// --keep-from pointers, versioning, the listing or an inventory report), what it refuses, and
// whose clock the plan takes. The planner's own rules are tested in policy/planner_test.cc.
#include "usecase/build_plan.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "usecase/usecase_test_fixtures.h"

namespace s3prune::usecase {
namespace {

using namespace test;

s3::Result<PlanReport> Build(FakeBucket& bucket, const PlanRequest& request) {
  FakeBucketClient s3(bucket);
  return BuildPlan(request, s3.client(), kNow, nullptr);
}

std::vector<std::string> Doomed(const PlanReport& report) { return IdsOf(DoomedDeployments(report.plan)); }

const policy::Decision* DecisionOf(const PlanReport& report, const std::string& id) {
  auto it = std::ranges::find(report.plan.decisions, id, [](const policy::Decision& d) { return d.deployment.id; });
  return it == report.plan.decisions.end() ? nullptr : &*it;
}

TEST(BuildPlan, ListsAndDecidesTheDeploymentsUnderTheRoot) {
  FakeBucket bucket(kBucket);
  PutFourDeployments(bucket);
  const auto report = Build(bucket, KeepLastTwo());
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(report->bucket, kBucket);
  EXPECT_EQ(report->prefix, kPrefix);
  EXPECT_EQ(report->plan.decisions.size(), 4u);
  EXPECT_EQ(Doomed(*report), (std::vector<std::string>{"d2", "d1"}));
  EXPECT_EQ(report->delete_effect, DeleteEffect::kPermanent);
  EXPECT_TRUE(report->warnings.empty()) << report->warnings.front();
  EXPECT_FALSE(report->listed_at.has_value());
}

TEST(BuildPlan, AMissingBucketIsReturnedBeforeAnythingIsRead) {
  FakeBucket bucket(kBucket);
  PutFourDeployments(bucket);
  bucket.AddRule(IsOperation(Operation::kHeadBucket), Reply(404));  // as S3 says it: a HEAD reply has no body
  const auto report = Build(bucket, KeepLastTwo());
  ASSERT_FALSE(report);
  EXPECT_EQ(report.error().code, s3::ErrorCode::kNoSuchBucket) << report.error().message;
  EXPECT_TRUE(Contains(report.error().message, "deploys")) << report.error().message;
  EXPECT_TRUE(bucket.Requests(Operation::kGetObject).empty()) << "the pointer was read";
  EXPECT_TRUE(bucket.Requests(Operation::kListObjects).empty()) << "the bucket was listed";
}

TEST(BuildPlan, PointersBecomeTheKeepNamedListsOfThePolicy) {
  FakeBucket bucket(kBucket);
  PutFourDeployments(bucket, "# live\nd1\n");  // the oldest: only the pointer keeps it
  const auto report = Build(bucket, KeepLastTwo());
  ASSERT_TRUE(report) << report.error().message;
  ASSERT_EQ(report->policy.keep_named.size(), 1u);
  EXPECT_EQ(report->policy.keep_named[0].source, kPointerUrl);
  EXPECT_EQ(report->policy.keep_named[0].ids, (std::vector<std::string>{"d1"}));
  EXPECT_EQ(Doomed(*report), (std::vector<std::string>{"d2"}));
  const auto* d1 = DecisionOf(*report, "d1");
  ASSERT_NE(d1, nullptr);
  EXPECT_EQ(d1->action, policy::Action::kKeep);
}

TEST(BuildPlan, AMissingPointerIsNotFoundNamingIt) {
  FakeBucket bucket(kBucket);
  PutFourDeployments(bucket);
  PlanRequest request = KeepLastTwo();
  request.keep_from = {{kBucket, "live/missing.txt"}};
  const auto report = Build(bucket, request);
  ASSERT_FALSE(report);
  EXPECT_EQ(report.error().code, s3::ErrorCode::kNotFound);
  EXPECT_TRUE(Contains(report.error().message, "s3://deploys/live/missing.txt")) << report.error().message;
  EXPECT_TRUE(bucket.Requests(Operation::kListObjects).empty()) << "listed without its pointer";
}

TEST(BuildPlan, APointerNamingNoDeploymentIsRefusedUnlessWarned) {
  const struct {
    MissingPointers missing;
    bool refused;
  } cases[] = {{MissingPointers::kRefuse, true}, {MissingPointers::kWarn, false}};
  for (const auto& c : cases) {
    SCOPED_TRACE(c.refused ? "kRefuse" : "kWarn");
    FakeBucket bucket(kBucket);
    PutFourDeployments(bucket, "d9\n");
    PlanRequest request = KeepLastTwo();
    request.missing_pointers = c.missing;
    const auto report = Build(bucket, request);
    ASSERT_EQ(!report, c.refused);
    if (c.refused) {
      EXPECT_EQ(report.error().code, s3::ErrorCode::kRefused);
      EXPECT_TRUE(Contains(report.error().message, "names 'd9'")) << report.error().message;
      EXPECT_TRUE(Contains(report.error().message, "--allow-missing-keep-from")) << report.error().message;
      continue;
    }
    ASSERT_EQ(report->warnings.size(), 1u);
    EXPECT_TRUE(Contains(report->warnings[0], "names 'd9'")) << report->warnings[0];
    EXPECT_EQ(Doomed(*report), (std::vector<std::string>{"d2", "d1"}));
  }
}

TEST(BuildPlan, VersioningDecidesWhatADeleteDoesAndWhatIsListed) {
  const struct {
    const char* name;
    s3::VersioningStatus status;
    Versions versions;
    DeleteEffect effect;
    const char* warning;  // "" when none
    bool lists_versions;
  } cases[] = {
      {"never versioned", s3::VersioningStatus::kNeverEnabled, Versions::kCurrentOnly, DeleteEffect::kPermanent, "",
       false},
      {"Enabled", s3::VersioningStatus::kEnabled, Versions::kCurrentOnly, DeleteEffect::kMarkerOnly,
       "only adds delete markers", false},
      {"Enabled, --versions", s3::VersioningStatus::kEnabled, Versions::kAll, DeleteEffect::kPermanent, "", true},
      {"Suspended", s3::VersioningStatus::kSuspended, Versions::kCurrentOnly, DeleteEffect::kPermanentForNullVersions,
       "versioning Suspended", true},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    FakeBucket bucket(kBucket);
    PutFourDeployments(bucket);
    bucket.SetVersioning(c.status);
    PlanRequest request = KeepLastTwo();
    request.versions = c.versions;
    const auto report = Build(bucket, request);
    ASSERT_TRUE(report) << report.error().message;
    EXPECT_EQ(report->versioning, c.status);
    EXPECT_EQ(report->delete_effect, c.effect);
    if (*c.warning == '\0') {
      EXPECT_TRUE(report->warnings.empty()) << report->warnings.front();
    } else {
      ASSERT_EQ(report->warnings.size(), 1u);
      EXPECT_TRUE(Contains(report->warnings[0], c.warning)) << report->warnings[0];
    }
    EXPECT_EQ(!bucket.Requests(Operation::kListVersions).empty(), c.lists_versions);
    EXPECT_EQ(!bucket.Requests(Operation::kListObjects).empty(), !c.lists_versions);
    EXPECT_EQ(Doomed(*report), (std::vector<std::string>{"d2", "d1"}));
  }
}

TEST(BuildPlan, UnreadableVersioningIsAWarning) {
  FakeBucket bucket(kBucket);
  PutFourDeployments(bucket);
  bucket.AddRule(IsOperation(Operation::kGetVersioning), Reply(403, ErrorXml("AccessDenied", "Access Denied")));
  const auto report = Build(bucket, KeepLastTwo());
  ASSERT_TRUE(report) << report.error().message;
  ASSERT_EQ(report->warnings.size(), 1u);
  EXPECT_TRUE(Contains(report->warnings[0], "could not read the bucket's versioning status")) << report->warnings[0];
  EXPECT_EQ(report->delete_effect, DeleteEffect::kPermanent);
}

// The fake bucket sends no Date header; a rule adds one to HeadBucket's reply.
TEST(BuildPlan, ThePlanTakesTheServersTimeWhenAReplyCarriedOne) {
  const policy::Timestamp server_date = kNow + std::chrono::seconds(7);
  const struct {
    const char* name;
    bool date_header;
    policy::Timestamp now;
    bool server_time;
  } cases[] = {
      {"no Date header: the local clock", false, kNow, false},
      {"a Date header: the server's second, to its end", true, server_date + std::chrono::milliseconds(999), true},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    FakeBucket bucket(kBucket);
    PutFourDeployments(bucket);
    if (c.date_header) {
      bucket.AddRule(IsOperation(Operation::kHeadBucket), Reply(200, "", {{"date", "Wed, 01 May 2024 12:00:07 GMT"}}));
    }
    const auto report = Build(bucket, KeepLastTwo());
    ASSERT_TRUE(report) << report.error().message;
    EXPECT_EQ(report->now, c.now) << s3::FormatTimestamp(report->now);
    EXPECT_EQ(report->server_time, c.server_time);
  }
}

TEST(BuildPlan, VersionsAddTheResidueOfDeploymentsDeletedEarlier) {
  const struct {
    Versions versions;
    bool has_residue;
  } cases[] = {{Versions::kCurrentOnly, false}, {Versions::kAll, true}};
  for (const auto& c : cases) {
    SCOPED_TRACE(c.has_residue ? "kAll" : "kCurrentOnly");
    FakeBucket bucket(kBucket);
    bucket.SetVersioning(s3::VersioningStatus::kEnabled);
    PutFourDeployments(bucket);
    // "gone" was deleted 30 days ago: an old version under a delete marker, past --undo-window.
    bucket.Put("www/gone/index.html", 5, HoursAgo(24 * 40));
    bucket.PutDeleteMarker("www/gone/index.html", HoursAgo(24 * 30));
    PlanRequest request = KeepLastTwo();
    request.versions = c.versions;
    const auto report = Build(bucket, request);
    ASSERT_TRUE(report) << report.error().message;
    const auto* gone = DecisionOf(*report, "gone");
    ASSERT_EQ(gone != nullptr, c.has_residue);
    if (!c.has_residue) continue;
    EXPECT_EQ(gone->action, policy::Action::kDelete);
    EXPECT_EQ(gone->deployment.objects, 0u);
    EXPECT_EQ(gone->deployment.noncurrent_versions, 2u);
  }
}

TEST(BuildPlan, AnInventoryReportReplacesTheListing) {
  FakeBucket bucket(kBucket);
  bucket.Put(kPointerKey, 3, kNow, "d2\n");
  bucket.Put(kManifestKey, 1, kNow, ManifestJson(kBucket, kCurrentSchema, {DataFileKey("a")}));
  std::string csv;
  for (int d = 1; d <= 3; ++d) csv += CurrentRow(KeyOf("d" + std::to_string(d), 0), 10, TimeOfDeployment(d));
  bucket.Put(DataFileKey("a"), 1, kNow, Gzip(csv));
  PlanRequest request = KeepLastTwo();
  request.policy.keep_last = 1;
  request.inventory = S3Url{kBucket, kManifestKey};
  const auto report = Build(bucket, request);
  ASSERT_TRUE(report) << report.error().message;
  ASSERT_TRUE(report->listed_at.has_value());
  EXPECT_EQ(*report->listed_at, kReportCreated) << s3::FormatTimestamp(*report->listed_at);
  EXPECT_TRUE(bucket.Requests(Operation::kListObjects).empty()) << "listed although a report was given";
  EXPECT_EQ(report->plan.decisions.size(), 3u);
  EXPECT_EQ(Doomed(*report), (std::vector<std::string>{"d1"}));  // d3 the newest, d2 the pointer's
}

}  // namespace
}  // namespace s3prune::usecase

namespace s3prune::usecase {
namespace {

using namespace test;

// --time-from object:NAME: one GET per deployment, the marker's time dates it, a missing
// marker keeps its deployment with a warning, and --strict-time refuses the plan.
TEST(BuildPlan, MarkerObjectsDateTheDeploymentsAndAMissingOneIsKept) {
  FakeBucket bucket(kBucket);
  PutFourDeployments(bucket);
  // The markers say the opposite of LastModified: d1 was deployed last, d4 first; d3 has none.
  const std::string when[] = {"2024-04-04T00:00:00Z", "2024-03-03T00:00:00Z", "", "2024-01-01T00:00:00Z"};
  for (int d = 1; d <= 4; ++d) {
    if (when[d - 1].empty()) continue;
    bucket.Put(std::string(kPrefix) + "d" + std::to_string(d) + "/.deployed-at", when[d - 1].size(), kNow, when[d - 1]);
  }
  PlanRequest request = KeepLastTwo();
  request.policy.time_from = policy::ParseTimeSource("object:.deployed-at").value();
  const auto report = Build(bucket, request);
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(Doomed(*report), (std::vector<std::string>{}));  // d4 is named by the pointer
  ASSERT_NE(DecisionOf(*report, "d2"), nullptr);
  EXPECT_EQ(DecisionOf(*report, "d2")->reasons.front(), "among the 2 most recent");
  ASSERT_NE(DecisionOf(*report, "d3"), nullptr);
  EXPECT_EQ(DecisionOf(*report, "d3")->reasons.front(),
            "time unknown: its marker .deployed-at is missing (kept: never deleted on a guess)");
  EXPECT_EQ(report->plan.decisions.front().deployment.id, "d1");
  EXPECT_TRUE(std::ranges::any_of(report->warnings, [](const std::string& w) {
    return w.starts_with("1 deployment has no readable time under --time-from object:.deployed-at");
  }));

  request.keep_from.clear();  // without the pointer, d4 (deployed first) goes
  EXPECT_EQ(Doomed(*Build(bucket, request)), (std::vector<std::string>{"d4"}));

  request.unknown_times = UnknownTimes::kRefuse;
  const auto strict = Build(bucket, request);
  ASSERT_FALSE(strict);
  EXPECT_EQ(strict.error().code, s3::ErrorCode::kRefused);
  EXPECT_NE(strict.error().message.find("--strict-time: 1 deployment has no readable time"), std::string::npos)
      << strict.error().message;
}

}  // namespace
}  // namespace s3prune::usecase
