#include "usecase/saved_plan_guards.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "usecase/pointers.h"
#include "usecase/usecase_test_fixtures.h"

namespace s3prune::usecase {
namespace {

using std::chrono::hours;

policy::Timestamp At(int hours_after) {
  return policy::Timestamp(std::chrono::sys_days(std::chrono::year{2026} / 11 / 1)) + hours(hours_after);
}

PlanReport Plan() {
  PlanReport plan;
  plan.bucket = "deploys";
  plan.prefix = "sites/";
  plan.now = At(10);
  plan.server_time = true;
  plan.policy.keep_named = {{"s3://deploys/live.txt", {"d2"}, {1}, ""}};
  plan.plan.decisions = {{{"d1", At(1), At(1), 2, 20, 0, 0, 0}, policy::Action::kDelete, {"old"}}};
  return plan;
}

TEST(SavedPlanGuards, AgeIsMeasuredAgainstTheLimit) {
  const struct {
    int hours_later;
    bool refused;
  } cases[] = {{0, false}, {23, false}, {24, false}, {25, true}, {100, true}};
  for (const auto& c : cases) {
    EXPECT_EQ(PlanTooOld(Plan(), At(10 + c.hours_later), std::chrono::days{1}).has_value(), c.refused)
        << c.hours_later << "h later";
  }
  const auto why = PlanTooOld(Plan(), At(40), std::chrono::days{1});
  ASSERT_TRUE(why.has_value());
  EXPECT_NE(why->find("--max-plan-age"), std::string::npos) << *why;
}

TEST(SavedPlanGuards, PointersMustNameWhatTheyNamedAtPlanTime) {
  const std::vector<policy::NamedDeployments> saved = {{"s3://deploys/live.txt", {"d2", "d3"}, {1, 2}, ""}};
  const struct {
    std::vector<std::string> now;
    bool refused;
  } cases[] = {
      {{"d2", "d3"}, false}, {{"d3", "d2"}, false}, {{"d2"}, true}, {{"d1", "d2", "d3"}, true}, {{}, true},
  };
  for (const auto& c : cases) {
    const std::vector<policy::NamedDeployments> now = {{"s3://deploys/live.txt", c.now, {}, ""}};
    EXPECT_EQ(PointersChanged(saved, now).has_value(), c.refused) << ::testing::PrintToString(c.now);
  }
}

TEST(SavedPlanGuards, VersioningMustGiveTheDeleteEffectPlanned) {
  PlanReport plan = Plan();
  plan.delete_effect = DeleteEffect::kPermanent;
  EXPECT_FALSE(VersioningChanged(plan, s3::VersioningStatus::kNeverEnabled));
  EXPECT_TRUE(VersioningChanged(plan, s3::VersioningStatus::kEnabled));
  EXPECT_TRUE(VersioningChanged(plan, s3::VersioningStatus::kSuspended));
  plan.versions = true;  // every version is deleted whatever the state
  EXPECT_FALSE(VersioningChanged(plan, s3::VersioningStatus::kEnabled));
}

TEST(SavedPlanGuards, MaxDeleteCountsObjectsAndWithVersionsOldVersionsToo) {
  PlanReport plan = Plan();  // one doomed deployment: 2 objects, 3 noncurrent versions
  plan.plan.decisions[0].deployment.noncurrent_versions = 3;
  const struct {
    bool versions;
    std::optional<std::uint64_t> max_delete;
    bool refused;
  } cases[] = {{false, std::nullopt, false}, {false, 2, false}, {false, 1, true}, {true, 5, false},
               {true, 4, true}, {true, 0, true}};
  for (const auto& c : cases) {
    plan.versions = c.versions;
    EXPECT_EQ(MaxDeleteRefusal(c.max_delete, plan).has_value(), c.refused)
        << "versions " << c.versions << " max " << c.max_delete.value_or(999);
  }
  const auto why = MaxDeleteRefusal(1, Plan());
  ASSERT_TRUE(why.has_value());
  EXPECT_NE(why->find("more than --max-delete 1"), std::string::npos) << *why;
}

TEST(SavedPlanGuards, APlanDatedAheadOfTheServerIsRefused) {
  EXPECT_FALSE(PlanFromTheFuture(Plan(), At(10)));
  EXPECT_FALSE(PlanFromTheFuture(Plan(), At(10) - std::chrono::milliseconds(999)))
      << "the server's Date has whole seconds: the plan's time may lead it by less than one";
  const auto why = PlanFromTheFuture(Plan(), At(9));
  ASSERT_TRUE(why);
  EXPECT_NE(why->find("ahead of the server's clock"), std::string::npos) << *why;
}

TEST(SavedPlanGuards, APlanMadeAgainstAnotherStoreIsRefused) {
  PlanReport plan = Plan();
  const MadeAgainst here{"http://127.0.0.1:7480", "us-east-1", "111122223333"};
  plan.made_against = here;
  EXPECT_FALSE(MadeElsewhere(plan, here));
  for (const auto& [there, says] : std::vector<std::pair<MadeAgainst, std::string>>{
           {{"", "us-east-1", "111122223333"}, "made against AWS, not http://127.0.0.1:7480"},
           {{"http://127.0.0.1:7480", "eu-west-1", "111122223333"}, "region eu-west-1, not us-east-1"},
           {{"http://127.0.0.1:7480", "us-east-1", ""}, "--expected-bucket-owner '', not '111122223333'"},
       }) {
    plan.made_against = there;
    const auto why = MadeElsewhere(plan, here);
    ASSERT_TRUE(why) << says;
    EXPECT_NE(why->find(says), std::string::npos) << *why;
  }
  plan.made_against.reset();
  EXPECT_TRUE(MadeElsewhere(plan, here)) << "a plan file that does not say where it was made";
}

TEST(SavedPlanGuards, EachDecisionIsMadeAgainFromThePlansOwnPolicyAndDeployments) {
  const PlanReport plan = test::FourDeploymentPlan();  // keep_last 2; the pointer names d4
  EXPECT_FALSE(PlanDisagreesWithItself(plan));

  PlanReport flipped = plan;
  flipped.plan.decisions[1].action = policy::Action::kDelete;  // d3, among the 2 most recent
  const auto why = PlanDisagreesWithItself(flipped);
  ASSERT_TRUE(why);
  EXPECT_NE(why->find("the plan says delete 'd3', but its own policy and deployments say keep (among the 2 most recent"),
            std::string::npos)
      << *why;

  PlanReport spared = plan;
  spared.plan.decisions[3].action = policy::Action::kKeep;  // keeping more is no less a lie
  EXPECT_TRUE(PlanDisagreesWithItself(spared));

  PlanReport excluded = plan;
  excluded.policy.exclude_globs = {"d1"};  // d1 is no deployment under this policy
  const auto set_aside = PlanDisagreesWithItself(excluded);
  ASSERT_TRUE(set_aside);
  EXPECT_NE(set_aside->find("'d1' as a deployment to delete, but its own policy sets it aside"), std::string::npos)
      << *set_aside;

  PlanReport named = plan;
  named.policy.keep_named[0].ids = {"d1"};  // the pointer now protects d1: the plan's delete is wrong
  EXPECT_TRUE(PlanDisagreesWithItself(named));
}

// A plan dated by markers is decided again from the marker times it carries, not from LastModified.
TEST(SavedPlanGuards, APlanDatedByMarkersIsDecidedAgainFromWhatTheMarkersSaid) {
  PlanReport plan;
  plan.bucket = test::kBucket;
  plan.prefix = test::kPrefix;
  plan.now = test::kNow;
  plan.policy.keep_last = 1;
  plan.policy.time_from = policy::ParseTimeSource("object:.deployed-at").value();
  // Uploaded d1 last; its marker says it is the oldest. d2's marker could not be read.
  std::vector<policy::Deployment> deployments = {test::DeploymentOf(1), test::DeploymentOf(2), test::DeploymentOf(3)};
  deployments[0].newest = deployments[0].oldest = test::kNow;
  deployments[0].marker = policy::MarkerReading{test::kNow - std::chrono::days{30}, ""};
  deployments[1].marker = policy::MarkerReading{std::nullopt, "its marker .deployed-at is missing"};
  deployments[2].marker = policy::MarkerReading{test::kNow - std::chrono::days{1}, ""};
  plan.plan = policy::MakePlan(deployments, plan.policy, plan.now);
  ASSERT_EQ(plan.plan.decisions.size(), 3u);
  EXPECT_EQ(plan.plan.decisions[1].deployment.id, test::DeploymentOf(1).id);
  EXPECT_EQ(plan.plan.decisions[1].action, policy::Action::kDelete);
  EXPECT_FALSE(PlanDisagreesWithItself(plan));

  PlanReport forgotten = plan;  // without the marker times, d1 would be "time unknown": kept
  for (auto& decision : forgotten.plan.decisions) decision.deployment.marker.reset();
  const auto why = PlanDisagreesWithItself(forgotten);
  ASSERT_TRUE(why);
  EXPECT_NE(why->find("time unknown"), std::string::npos) << *why;
}

TEST(SavedPlanGuards, RequestOfSavedPlanTakesTargetPolicyAndPointersFromThePlan) {
  PlanRequest how;
  how.concurrency = 3;
  how.max_delete = 7;
  PlanReport plan = Plan();
  plan.via_lifecycle = true;
  const auto request = RequestOfSavedPlan(plan, how);
  ASSERT_TRUE(request.has_value()) << request.error();
  EXPECT_EQ(request->root.bucket, "deploys");
  EXPECT_EQ(request->root.key, "sites/");
  EXPECT_EQ(request->via, Via::kLifecycle);
  EXPECT_EQ(request->versions, Versions::kCurrentOnly);
  EXPECT_EQ(request->concurrency, 3u);
  EXPECT_EQ(request->max_delete, 7u);
  ASSERT_EQ(request->keep_from.size(), 1u);
  EXPECT_EQ(request->keep_from[0].bucket, "deploys");
  plan.policy.keep_named[0].source = "not a url";
  EXPECT_FALSE(RequestOfSavedPlan(plan, how).has_value());
}

TEST(SavedPlanGuards, TheSavedPlanCarriesItsExpectedBucketOwner) {
  PlanReport plan = Plan();
  plan.made_against = MadeAgainst{"", "us-east-1", "111122223333"};
  PlanRequest how;
  const auto request = RequestOfSavedPlan(plan, how);
  ASSERT_TRUE(request) << request.error();
  EXPECT_EQ(request->connection.expected_bucket_owner, "111122223333") << "apply sends what plan was made with";
  how.connection.expected_bucket_owner = "111122223333";
  EXPECT_TRUE(RequestOfSavedPlan(plan, how));
  how.connection.expected_bucket_owner = "444455556666";
  EXPECT_FALSE(RequestOfSavedPlan(plan, how));
}


// SavedPlanStillHolds against an in-memory bucket: PutFourDeployments, the plan made of it an
// hour ago (by the local clock: the fake sends no Date header unless a rule adds one).
class SavedPlanStillHoldsTest : public ::testing::Test {
 protected:
  SavedPlanStillHoldsTest() { test::PutFourDeployments(bucket_); }

  static PlanReport Saved() {
    PlanReport saved = test::FourDeploymentPlan();
    saved.now = test::HoursAgo(1);
    return saved;
  }

  s3::Result<PlanReport> Check(const PlanReport& saved, std::chrono::seconds max_age = std::chrono::days{1},
                               policy::Timestamp local_now = test::kNow) {
    const auto request = RequestOfSavedPlan(saved, {});
    if (!request) throw std::logic_error(request.error());
    s3::fake::FakeBucketClient s3(bucket_);
    return SavedPlanStillHolds(saved, *request, s3.client(), local_now, max_age);
  }

  s3::fake::FakeBucket bucket_{test::kBucket};
};

TEST_F(SavedPlanStillHoldsTest, APlanWhoseWorldStillHoldsIsReturnedAsSaved) {
  const auto plan = Check(Saved());
  ASSERT_TRUE(plan) << plan.error().message;
  EXPECT_EQ(plan->bucket, test::kBucket);
  EXPECT_EQ(plan->now, Saved().now);
  EXPECT_EQ(test::IdsOf(DoomedDeployments(plan->plan)), (std::vector<std::string>{"d2", "d1"}));
  EXPECT_TRUE(plan->warnings.empty()) << plan->warnings.front();
  EXPECT_EQ(bucket_.Requests(s3::fake::Operation::kGetObject).size(), 1u) << "the pointer is read again";
}

TEST_F(SavedPlanStillHoldsTest, APlanOlderThanTheLimitIsRefused) {
  const auto plan = Check(Saved(), std::chrono::minutes(30));
  ASSERT_FALSE(plan);
  EXPECT_EQ(plan.error().code, s3::ErrorCode::kRefused);
  EXPECT_TRUE(test::Contains(plan.error().message, "--max-plan-age")) << plan.error().message;
  EXPECT_TRUE(plan.error().message.ends_with("; nothing was deleted")) << plan.error().message;
}

// A plan made at the server's time is aged by the server's clock (here an hour ahead of the
// local `now` passed in); one made at the local time by the local clock.
TEST_F(SavedPlanStillHoldsTest, AgeIsMeasuredByTheClockThePlanWasMadeWith) {
  const struct {
    bool server_time;
    bool refused;
  } cases[] = {{true, true}, {false, false}};
  for (const auto& c : cases) {
    SCOPED_TRACE(c.server_time ? "server time" : "local time");
    bucket_.AddRule(s3::fake::IsOperation(s3::fake::Operation::kHeadBucket),
                    s3::fake::Reply(200, "", {{"date", "Wed, 01 May 2024 12:00:00 GMT"}}), 1);
    PlanReport saved = Saved();
    saved.server_time = c.server_time;
    const auto plan = Check(saved, std::chrono::minutes(30), saved.now + std::chrono::minutes(1));
    EXPECT_EQ(!plan, c.refused) << (plan ? "" : plan.error().message);
  }
}

TEST_F(SavedPlanStillHoldsTest, VersioningThatChangesTheDeleteEffectIsRefused) {
  bucket_.SetVersioning(s3::VersioningStatus::kEnabled);
  const auto plan = Check(Saved());
  ASSERT_FALSE(plan);
  EXPECT_EQ(plan.error().code, s3::ErrorCode::kRefused);
  EXPECT_TRUE(test::Contains(plan.error().message, "versioning is now Enabled")) << plan.error().message;
  EXPECT_TRUE(test::Contains(plan.error().message, "delete_marker_only")) << plan.error().message;
}

TEST_F(SavedPlanStillHoldsTest, UnreadableVersioningIsAWarning) {
  bucket_.AddRule(s3::fake::IsOperation(s3::fake::Operation::kGetVersioning),
                  s3::fake::Reply(403, s3::fake::ErrorXml("AccessDenied", "Access Denied")));
  const auto plan = Check(Saved());
  ASSERT_TRUE(plan) << plan.error().message;
  ASSERT_EQ(plan->warnings.size(), 1u);
  EXPECT_TRUE(test::Contains(plan->warnings[0], "could not read the bucket's versioning status")) << plan->warnings[0];
  EXPECT_TRUE(Saved().warnings.empty());
}

TEST_F(SavedPlanStillHoldsTest, APointerThatChangedIsRefusedAndAMissingOneIsNotFound) {
  const struct {
    const char* name;
    s3::fake::TransportReply read;
    s3::ErrorCode code;
    const char* message;
  } cases[] = {
      {"names another deployment", s3::fake::Reply(200, "d3\n"), s3::ErrorCode::kRefused,
       "--keep-from s3://deploys/live/current.txt changed since the plan (it named d4, now d3)"},
      {"was deleted", s3::fake::Reply(404, s3::fake::ErrorXml("NoSuchKey", "no such key")), s3::ErrorCode::kNotFound,
       "s3://deploys/live/current.txt does not exist"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    bucket_.AddRule(s3::fake::IsOperation(s3::fake::Operation::kGetObject), c.read, 1);
    const auto plan = Check(Saved());
    ASSERT_FALSE(plan);
    EXPECT_EQ(plan.error().code, c.code);
    EXPECT_TRUE(test::Contains(plan.error().message, c.message)) << plan.error().message;
  }
}

// A store may refuse a request signed for another region with a bare HTTP 400 (OpenStack
// Swift does, to a HEAD: no body). The plan's region is compared without a request, so the
// refusal says what differs instead of passing on "HTTP 400".
TEST_F(SavedPlanStillHoldsTest, APlanOfAnotherRegionIsRefusedAlsoWhenTheStoreRefusesTheRequest) {
  bucket_.AddRule(s3::fake::IsOperation(s3::fake::Operation::kHeadBucket), s3::fake::Reply(400, ""));
  // The client then asks where the bucket is; that request is refused alike.
  bucket_.AddRule([](const s3::fake::ParsedRequest& request) { return request.Has("location"); }, s3::fake::Reply(400, ""));
  PlanReport saved = Saved();
  saved.made_against->region = "eu-west-1";
  const auto plan = Check(saved);
  ASSERT_FALSE(plan);
  EXPECT_EQ(plan.error().code, s3::ErrorCode::kRefused) << plan.error().message;
  EXPECT_TRUE(test::Contains(plan.error().message, "made against region eu-west-1, not us-east-1"))
      << plan.error().message;
}

// A region that differs before any request is compared again after HeadBucket: a store that
// redirects (AWS) teaches the client the bucket's region, which may be the plan's.
TEST_F(SavedPlanStillHoldsTest, TheRegionIsComparedAgainOnceTheBucketAnswered) {
  PlanReport saved = Saved();
  saved.made_against->region = "eu-west-1";
  const auto plan = Check(saved);
  ASSERT_FALSE(plan);
  EXPECT_EQ(plan.error().code, s3::ErrorCode::kRefused) << plan.error().message;
  EXPECT_EQ(bucket_.Requests(s3::fake::Operation::kHeadBucket).size(), 1u);
}

TEST_F(SavedPlanStillHoldsTest, AMissingBucketIsReturned) {
  PlanReport saved = Saved();
  saved.bucket = "gone";
  saved.policy.keep_named.clear();
  const auto plan = Check(saved);
  ASSERT_FALSE(plan);
  EXPECT_EQ(plan.error().code, s3::ErrorCode::kNoSuchBucket);
}

}  // namespace
}  // namespace s3prune::usecase
