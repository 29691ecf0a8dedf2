// The delete step of apply against an in-memory bucket: exactly the doomed deployments go
// (their versions too with --versions), and the time a doomed deployment is compared with is
// the report's, else the server's plan time, else none. VerdictOf is a pure table.
#include "usecase/apply_plan.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>

#include "usecase/usecase_test_fixtures.h"

namespace s3prune::usecase {
namespace {

using namespace test;

std::string Joined(const std::vector<std::string>& keys) {
  std::string text;
  for (const auto& key : keys) text += key + " ";
  return text;
}

const prune::DeploymentOutcome& OutcomeOf(const prune::ExecutionResult& result, const std::string& id) {
  auto it = std::ranges::find(result.deployments, id, &prune::DeploymentOutcome::id);
  if (it == result.deployments.end()) throw std::logic_error("no outcome for " + id);
  return *it;
}

TEST(DeletePlanned, DeletesExactlyTheDoomedDeployments) {
  FakeBucket bucket(kBucket);
  PutFourDeployments(bucket);
  bucket.Put("www/d1-old/0", kObjectSize, TimeOfDeployment(1));  // sorts beside d1, is no part of it
  bucket.Put("www/index.html", kObjectSize, TimeOfDeployment(1));
  FakeBucketClient s3(bucket);
  const auto result = DeletePlanned(s3.client(), FourDeploymentPlan(), KeepLastTwo(), {});
  EXPECT_EQ(Joined(bucket.CurrentKeys()),
            "live/current.txt www/d1-old/0 www/d3/0 www/d3/1 www/d3/2 www/d4/0 www/d4/1 www/d4/2 www/index.html ");
  ASSERT_EQ(result.deployments.size(), 2u);
  for (const auto& outcome : result.deployments) {
    EXPECT_EQ(outcome.state, prune::DeploymentState::kDeleted) << outcome.id;
    EXPECT_EQ(outcome.objects_deleted, 3u) << outcome.id;
  }
  EXPECT_EQ(VerdictOf(result, false), ApplyVerdict::kDone);
}

TEST(DeletePlanned, WithVersionsEveryVersionOfTheDoomedGoes) {
  const struct {
    bool versions;
    std::size_t d1_versions_left;  // of www/d1/0, which had two versions
  } cases[] = {{false, 3}, {true, 0}};  // without --versions a delete marker is added
  for (const auto& c : cases) {
    SCOPED_TRACE(c.versions ? "--versions" : "current only");
    FakeBucket bucket(kBucket);
    bucket.SetVersioning(s3::VersioningStatus::kEnabled);
    PutFourDeployments(bucket);
    bucket.Put("www/d1/0", kObjectSize, TimeOfDeployment(1));  // a second version
    bucket.Put("www/d3/0", kObjectSize, TimeOfDeployment(3));  // of a kept deployment
    PlanReport plan = FourDeploymentPlan();
    plan.versions = c.versions;
    plan.plan.decisions[3].deployment.noncurrent_versions = 1;
    plan.plan.decisions[3].deployment.noncurrent_bytes = kObjectSize;
    FakeBucketClient s3(bucket);
    const auto result = DeletePlanned(s3.client(), plan, KeepLastTwo(), {});
    EXPECT_EQ(VerdictOf(result, false), ApplyVerdict::kDone);
    EXPECT_EQ(bucket.VersionIds("www/d1/0").size(), c.d1_versions_left);
    EXPECT_EQ(bucket.VersionIds("www/d2/1").empty(), c.versions);
    EXPECT_EQ(bucket.VersionIds("www/d3/0").size(), 2u) << "a kept deployment's versions were touched";
    EXPECT_EQ(OutcomeOf(result, "d1").versions_deleted, c.versions ? 1u : 0u);
    for (const auto& batch : bucket.DeleteBatches()) {
      for (const auto& object : batch) {
        EXPECT_EQ(object.version_id.empty(), !c.versions) << object.key;
        EXPECT_TRUE(object.key.starts_with("www/d1/") || object.key.starts_with("www/d2/")) << object.key;
      }
    }
  }
}

// www/d2/0 is rewritten (the count stays the same) at `written`; the plan was made an hour
// ago, from an inventory report five hours old or not.
TEST(DeletePlanned, TheSnapshotIsTheReportsTimeElseTheServersPlanTimeElseNone) {
  const policy::Timestamp plan_time = HoursAgo(1);
  const struct {
    const char* name;
    std::optional<policy::Timestamp> listed_at;
    bool server_time;
    policy::Timestamp written;
    bool changed;
  } cases[] = {
      {"report, written after it", kReportCreated, false, HoursAgo(3), true},
      {"report and server time: the report's", kReportCreated, true, HoursAgo(3), true},
      {"report, written before it", kReportCreated, true, HoursAgo(6), false},
      {"server time, written after the plan", std::nullopt, true, plan_time + std::chrono::minutes(10), true},
      {"server time, written before the plan", std::nullopt, true, HoursAgo(3), false},
      {"local time: no time check", std::nullopt, false, plan_time + std::chrono::minutes(10), false},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    FakeBucket bucket(kBucket);
    PutFourDeployments(bucket);
    bucket.Put("www/d2/0", kObjectSize, c.written);
    PlanReport plan = FourDeploymentPlan();
    plan.now = plan_time;
    plan.server_time = c.server_time;
    plan.listed_at = c.listed_at;
    FakeBucketClient s3(bucket);
    const auto result = DeletePlanned(s3.client(), plan, KeepLastTwo(), {});
    const auto& d2 = OutcomeOf(result, "d2");
    EXPECT_EQ(d2.state, c.changed ? prune::DeploymentState::kChangedSincePlan : prune::DeploymentState::kDeleted)
        << d2.changed_since_plan;
    EXPECT_EQ(bucket.CurrentKeys().size(), c.changed ? 10u : 7u);  // d2 left whole, or gone
    EXPECT_EQ(OutcomeOf(result, "d1").state, prune::DeploymentState::kDeleted);
    EXPECT_EQ(VerdictOf(result, false), c.changed ? ApplyVerdict::kChanged : ApplyVerdict::kDone);
  }
}

TEST(DeletePlanned, HooksSeeEveryDeletedEntryAndStopTheRun) {
  FakeBucket bucket(kBucket);
  PutFourDeployments(bucket);
  FakeBucketClient s3(bucket);
  std::vector<std::string> logged;
  DeleteHooks hooks;
  hooks.on_deleted = [&](const std::vector<prune::DeletedEntry>& entries) {
    for (const auto& entry : entries) logged.push_back(entry.object.key);
  };
  DeletePlanned(s3.client(), FourDeploymentPlan(), KeepLastTwo(), std::move(hooks));
  std::ranges::sort(logged);
  EXPECT_EQ(Joined(logged), "www/d1/0 www/d1/1 www/d1/2 www/d2/0 www/d2/1 www/d2/2 ");

  FakeBucket untouched(kBucket);
  PutFourDeployments(untouched);
  FakeBucketClient s3_untouched(untouched);
  DeleteHooks stop_at_once;
  stop_at_once.should_stop = [] { return true; };
  const auto stopped = DeletePlanned(s3_untouched.client(), FourDeploymentPlan(), KeepLastTwo(), stop_at_once);
  EXPECT_TRUE(stopped.interrupted);
  EXPECT_TRUE(untouched.Requests(Operation::kDeleteObjects).empty());
  EXPECT_EQ(VerdictOf(stopped, false), ApplyVerdict::kInterrupted);
}

prune::DeploymentOutcome Outcome(prune::DeploymentState state) {
  prune::DeploymentOutcome outcome;
  outcome.id = "d1";
  outcome.objects_deleted = 1;
  outcome.state = state;
  return outcome;
}

TEST(VerdictOf, InterruptionThenFailuresThenChangesDecide) {
  const auto deleted = Outcome(prune::DeploymentState::kDeleted);
  const auto failed = Outcome(prune::DeploymentState::kFailed);
  const auto changed = Outcome(prune::DeploymentState::kChangedSincePlan);
  const auto gone = Outcome(prune::DeploymentState::kAlreadyGone);
  const prune::UploadOutcome aborted{"www/d1/big", "u1", std::nullopt};
  const prune::UploadOutcome not_aborted{"www/d1/big", "u1", s3::MakeError(s3::ErrorCode::kAccessDenied, "denied")};
  const struct {
    const char* name;
    prune::ExecutionResult result;
    bool audit_failed;
    ApplyVerdict verdict;
  } cases[] = {
      {"nothing to do", {}, false, ApplyVerdict::kDone},
      {"all deleted", {{deleted, gone}, {aborted}, std::nullopt, false}, false, ApplyVerdict::kDone},
      {"interrupted", {{deleted}, {}, std::nullopt, true}, false, ApplyVerdict::kInterrupted},
      {"interrupted with failures", {{failed, changed}, {}, std::nullopt, true}, true, ApplyVerdict::kInterrupted},
      {"the audit trail failed", {{deleted}, {}, std::nullopt, false}, true, ApplyVerdict::kPartial},
      {"the audit trail failed and one changed", {{changed}, {}, std::nullopt, false}, true, ApplyVerdict::kPartial},
      {"a deployment failed", {{deleted, failed}, {}, std::nullopt, false}, false, ApplyVerdict::kPartial},
      {"failed and changed", {{changed, failed}, {}, std::nullopt, false}, false, ApplyVerdict::kPartial},
      {"an upload not aborted", {{deleted}, {not_aborted}, std::nullopt, false}, false, ApplyVerdict::kPartial},
      {"uploads unlisted", {{deleted}, {}, s3::MakeError(s3::ErrorCode::kServerError, "500"), false}, false,
       ApplyVerdict::kPartial},
      {"uploads unlisted and one changed",
       {{changed}, {}, s3::MakeError(s3::ErrorCode::kServerError, "500"), false}, false, ApplyVerdict::kPartial},
      {"one changed", {{deleted, changed}, {aborted}, std::nullopt, false}, false, ApplyVerdict::kChanged},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(VerdictOf(c.result, c.audit_failed), c.verdict) << c.name;
  }
}

}  // namespace
}  // namespace s3prune::usecase
