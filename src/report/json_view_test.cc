#include "report/json_view.h"

#include <gtest/gtest.h>

namespace s3prune::report {
namespace {

using std::chrono::hours;

policy::Timestamp At(int hours_after_epoch_day) {
  return policy::Timestamp(std::chrono::sys_days(std::chrono::year{2026} / 11 / 1)) + hours(hours_after_epoch_day);
}

usecase::PlanReport SamplePlan() {
  usecase::PlanReport report;
  report.bucket = "deploys";
  report.prefix = "sites/";
  report.now = At(48);
  report.policy.keep_last = 1;
  report.plan.decisions = {
      {{"new", At(47), At(46), 3, 300, 0, 0}, policy::Action::kKeep, {"among the 1 most recent"}},
      {{"old", At(10), At(9), 2, 200, 0, 0}, policy::Action::kDelete, {"not kept by any rule"}},
  };
  report.plan.excluded = {{"live", "matches --exclude 'live'"}};
  report.warnings = {"a warning"};
  return report;
}

TEST(PlanJson, HasTheDocumentedSchema) {
  const auto document = PlanJson(SamplePlan());
  for (const char* key : {"bucket", "prefix", "now", "policy", "deployments", "excluded", "warnings", "summary"}) {
    EXPECT_TRUE(document.contains(key)) << key;
  }
  EXPECT_EQ(document["now"], "2026-11-03T00:00:00Z");
  EXPECT_EQ(document["policy"]["keep_last"], 1);
  EXPECT_TRUE(document["policy"]["keep_within"].is_null());
  ASSERT_EQ(document["deployments"].size(), 2u);
  const auto& old = document["deployments"][1];
  EXPECT_EQ(old["id"], "old");
  EXPECT_EQ(old["action"], "delete");
  EXPECT_EQ(old["reasons"][0], "not kept by any rule");
  EXPECT_EQ(old["newest"], "2026-11-01T10:00:00Z");
  EXPECT_EQ(old["oldest"], "2026-11-01T09:00:00Z");
  EXPECT_EQ(old["objects"], 2);
  EXPECT_EQ(old["bytes"], 200);
  EXPECT_EQ(document["summary"]["delete"], 1);
  EXPECT_EQ(document["summary"]["keep"], 1);
  EXPECT_EQ(document["summary"]["objects_to_delete"], 2);
  EXPECT_EQ(document["summary"]["bytes_to_delete"], 200);
}

TEST(PlanJson, CalendarRulesGroupsAndKeepWithinOfAreInThePolicyAndGroupsInEachDeployment) {
  usecase::PlanReport report = SamplePlan();
  const auto plain = PlanJson(report);
  EXPECT_TRUE(plain["policy"]["keep_daily"].is_null());
  EXPECT_EQ(plain["policy"]["timezone"], "UTC");
  EXPECT_TRUE(plain["policy"]["group_by"].is_null());
  EXPECT_EQ(plain["policy"]["keep_within_of"], "now");
  EXPECT_FALSE(plain["deployments"][0].contains("group"));

  report.policy.keep_daily = 7;
  report.policy.keep_weekly = 4;
  report.policy.time_zone = policy::TimeZone::Load("Europe/Berlin").value();
  report.policy.group_by = "^(new)";
  report.policy.keep_within_of = policy::KeepWithinOf::kNewest;
  report.plan.decisions[0].group = "new";
  const auto document = PlanJson(report);
  EXPECT_EQ(document["policy"]["keep_daily"], 7);
  EXPECT_EQ(document["policy"]["keep_weekly"], 4);
  EXPECT_TRUE(document["policy"]["keep_hourly"].is_null());
  EXPECT_EQ(document["policy"]["timezone"], "Europe/Berlin");
  EXPECT_EQ(document["policy"]["group_by"], "^(new)");
  EXPECT_EQ(document["policy"]["keep_within_of"], "newest");
  EXPECT_EQ(document["deployments"][0]["group"], "new");
  EXPECT_TRUE(document["deployments"][1]["group"].is_null());  // in no group
}

TEST(PlanJson, AgeSecondsIsTheAgeOfTheTimeAgeBySelects) {
  usecase::PlanReport report = SamplePlan();
  EXPECT_EQ(PlanJson(report)["deployments"][1]["age_seconds"], 38 * 3600);
  EXPECT_EQ(PlanJson(report)["deployments"][1]["age_of"], "newest");
  report.policy.age_by = policy::AgeBy::kOldest;
  const auto document = PlanJson(report);
  EXPECT_EQ(document["deployments"][1]["age_seconds"], 39 * 3600);
  EXPECT_EQ(document["deployments"][1]["age_of"], "oldest");
  EXPECT_EQ(document["policy"]["age_by"], "oldest");
}

TEST(ApplyJson, ReportsEveryFailedKey) {
  ApplyReport applied{SamplePlan(), {}, 0.023};
  prune::DeploymentOutcome outcome{"old", 1, 0, 100, {}, {}, {}};
  outcome.failures.push_back({{"old/locked.html", ""}, "AccessDenied", "Access Denied"});
  outcome.state = prune::StateOf(outcome);  // as the executor settles it when the run ends
  applied.result.deployments.push_back(outcome);
  const auto document = ApplyJson(applied);
  const auto& result = document["result"];
  EXPECT_EQ(result["complete"], false);
  EXPECT_EQ(result["objects_deleted"], 1);
  EXPECT_EQ(result["objects_failed"], 1);
  EXPECT_EQ(result["deployments_deleted"], 0);
  ASSERT_EQ(result["failed"].size(), 1u);
  EXPECT_EQ(result["failed"][0]["key"], "old/locked.html");
  EXPECT_EQ(result["failed"][0]["code"], "AccessDenied");
}

TEST(ListingJson, ListsDeployments) {
  usecase::ListingReport listing{"deploys", "", At(48), {{"a", At(47), At(46), 1, 10, 0, 0}}, 2, false};
  const auto document = ListingJson(listing);
  ASSERT_EQ(document["deployments"].size(), 1u);
  EXPECT_EQ(document["deployments"][0]["age_seconds"], 3600);
  EXPECT_EQ(document["root_objects"], 2);
  EXPECT_FALSE(document["deployments"][0].contains("noncurrent_versions"));
}

}  // namespace
}  // namespace s3prune::report

namespace s3prune::report {
namespace {

TEST(JsonText, BytesThatAreNotUtf8AreReplacedAndSaidSo) {
  bool replaced = true;
  EXPECT_EQ(JsonText(nlohmann::json{{"key", "caf\xC3\xA9"}}, &replaced), "{\n  \"key\": \"caf\xC3\xA9\"\n}");
  EXPECT_FALSE(replaced);
  EXPECT_EQ(JsonText(nlohmann::json{{"key", "d1/\xff"}}, &replaced), "{\n  \"key\": \"d1/\xEF\xBF\xBD\"\n}");
  EXPECT_TRUE(replaced);
}

}  // namespace
}  // namespace s3prune::report

namespace s3prune::report {
namespace {

// A plan dated by --time-from id:PATTERN: the source in the policy, each deployment's time, why
// one has none, and the note where the id's time and LastModified disagree.
TEST(PlanJson, ATimeSourceGivesEachDeploymentItsTimeOrWhyItHasNone) {
  usecase::PlanReport report;
  report.bucket = "deploys";
  report.now = At(48);
  report.policy.keep_last = 1;
  report.policy.time_from = policy::ParseTimeSource("id:%Y%m%d").value();
  report.plan = policy::MakePlan({{.id = "20261101", .newest = At(47), .oldest = At(47), .objects = 1},
                                  {.id = "latest", .newest = At(47), .oldest = At(47), .objects = 1}},
                                 report.policy, report.now);
  const auto document = PlanJson(report);
  EXPECT_EQ(document["policy"]["time_from"], "id:%Y%m%d");
  const auto& dated = document["deployments"][0];
  EXPECT_EQ(dated["id"], "20261101");
  EXPECT_EQ(dated["time"], "2026-11-01T00:00:00Z");
  EXPECT_EQ(dated["time_age_seconds"], 48 * 3600);
  EXPECT_EQ(dated["time_note"], "its newest object's LastModified is 1d23h later than its --time-from id:%Y%m%d time");
  const auto& unknown = document["deployments"][1];
  EXPECT_TRUE(unknown["time"].is_null());
  EXPECT_EQ(unknown["time_unknown"], "id does not match --time-from id:%Y%m%d");
  // Without a source, nothing is added: the documents of existing users do not change.
  EXPECT_FALSE(PlanJson(SamplePlan())["deployments"][0].contains("time"));
}

}  // namespace
}  // namespace s3prune::report
