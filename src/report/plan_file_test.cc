#include "report/plan_file.h"

#include <gtest/gtest.h>

#include "policy/planner.h"
#include "usecase/saved_plan_guards.h"

namespace s3prune::report {
namespace {

using std::chrono::hours;

policy::Timestamp At(int hours_after) {
  return policy::Timestamp(std::chrono::sys_days(std::chrono::year{2026} / 11 / 1)) + hours(hours_after) +
         std::chrono::milliseconds(999);
}

usecase::PlanReport SamplePlan() {
  usecase::PlanReport report;
  report.bucket = "deploys";
  report.prefix = "sites/";
  report.now = At(48);
  report.server_time = true;
  report.versions = true;
  report.delete_effect = usecase::DeleteEffect::kPermanent;
  report.policy.keep_last = 1;
  report.policy.keep_globs = {"release-*"};
  report.policy.keep_named = {{"s3://deploys/live.txt", {"new"}, {1}, ""}};
  report.plan.decisions = {
      {{"new", At(47), At(46), 3, 300, 1, 10, 0}, policy::Action::kKeep, {"among the 1 most recent"}},
      {{"old", At(10), At(9), 2, 200, 4, 40, 5}, policy::Action::kDelete, {"not kept by any rule", "not the most recent"}},
  };
  report.plan.decisions[0].deployment.current_digest = 0x0123456789abcdefull;
  report.plan.decisions[1].deployment.current_digest = 0xfedcba9876543210ull;
  report.plan.decisions[1].deployment.versions_digest = 0x00000000000000ffull;
  report.plan.decisions[1].deployment.deletion_time = policy::DeletionTime::kUnknown;
  report.plan.excluded = {{"live", "matches --exclude 'live'"}};
  report.root_objects = 2;
  report.made_against = usecase::MadeAgainst{"http://127.0.0.1:7480", "eu-west-1", "111122223333"};
  return report;
}

TEST(PlanFile, RoundTripsWhatApplyNeeds) {
  const usecase::PlanReport saved = SamplePlan();
  const auto loaded = ParsePlanFile(PlanFileJson(saved).dump(2));
  ASSERT_TRUE(loaded.has_value()) << loaded.error();
  EXPECT_EQ(loaded->bucket, "deploys");
  EXPECT_EQ(loaded->prefix, "sites/");
  EXPECT_EQ(loaded->now, saved.now);
  EXPECT_TRUE(loaded->server_time);
  EXPECT_TRUE(loaded->versions);
  EXPECT_EQ(loaded->delete_effect, usecase::DeleteEffect::kPermanent);
  ASSERT_EQ(loaded->plan.decisions.size(), 2u);
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(loaded->plan.decisions[i].deployment, saved.plan.decisions[i].deployment) << i;
    EXPECT_EQ(loaded->plan.decisions[i].action, saved.plan.decisions[i].action) << i;
    EXPECT_EQ(loaded->plan.decisions[i].reasons, saved.plan.decisions[i].reasons) << i;
  }
  EXPECT_EQ(loaded->plan.excluded, saved.plan.excluded);
  ASSERT_EQ(loaded->policy.keep_named.size(), 1u);
  EXPECT_EQ(loaded->policy.keep_named[0].source, "s3://deploys/live.txt");
  EXPECT_EQ(loaded->policy.keep_named[0].ids, std::vector<std::string>{"new"});
  EXPECT_EQ(loaded->root_objects, 2u);
  EXPECT_EQ(loaded->made_against, saved.made_against);
}

// --time-from and what each marker said travel in the file, so apply --plan decides again
// from what the plan decided on.
TEST(PlanFile, CarriesTheTimeSourceAndWhatEachMarkerSaid) {
  usecase::PlanReport saved = SamplePlan();
  saved.policy.time_from = policy::ParseTimeSource("object:.deployed-at").value();
  saved.plan.decisions[0].deployment.marker = policy::MarkerReading{At(5), ""};
  saved.plan.decisions[1].deployment.marker = policy::MarkerReading{std::nullopt, "its marker .deployed-at is missing"};
  const auto loaded = ParsePlanFile(PlanFileJson(saved).dump(2));
  ASSERT_TRUE(loaded.has_value()) << loaded.error();
  EXPECT_EQ(loaded->policy.time_from, saved.policy.time_from);
  EXPECT_EQ(loaded->plan.decisions[0].deployment, saved.plan.decisions[0].deployment);
  EXPECT_EQ(loaded->plan.decisions[1].deployment, saved.plan.decisions[1].deployment);

  // A plan saved before --time-from dates by its objects.
  auto old = PlanFileJson(SamplePlan());
  old["policy"].erase("time_from");
  const auto loaded_old = ParsePlanFile(old.dump());
  ASSERT_TRUE(loaded_old.has_value()) << loaded_old.error();
  EXPECT_EQ(loaded_old->policy.time_from.from, policy::TimeFrom::kObjects);

  auto bad = PlanFileJson(saved);
  bad["policy"]["time_from"] = "id:%Y";
  EXPECT_FALSE(ParsePlanFile(bad.dump()).has_value());
  bad = PlanFileJson(saved);
  bad["deployments"][0]["marker"]["problem"] = "both";
  EXPECT_FALSE(ParsePlanFile(bad.dump()).has_value());
}

// The calendar rules, their zone, the groups and --keep-within-of are saved, so that apply
// --plan decides the plan again under the same policy (usecase/saved_plan_guards.h).
TEST(PlanFile, CalendarRulesGroupsAndKeepWithinOfAreSavedAndDecidedAgain) {
  usecase::PlanReport saved;
  saved.bucket = "deploys";
  saved.now = At(48);
  saved.made_against = usecase::MadeAgainst{"http://127.0.0.1:7480", "eu-west-1", ""};
  saved.policy.keep_daily = 1;
  saved.policy.keep_hourly = 2;
  saved.policy.keep_weekly = 3;
  saved.policy.keep_monthly = 4;
  saved.policy.keep_yearly = 5;
  saved.policy.time_zone = policy::TimeZone::Load("Europe/Berlin").value();
  saved.policy.group_by = "^(main|pr-[0-9]+)-";
  saved.policy.keep_within = policy::ParseDuration("1h").value();
  saved.policy.keep_within_of = policy::KeepWithinOf::kNewest;
  // 23:30 and 22:30 UTC on Sunday 1 November are two days and two ISO weeks in Berlin (00:30
  // on Monday the 2nd, 23:30 on Sunday the 1st): main-1 is kept by the hourly and weekly rules.
  saved.plan = policy::MakePlan({{"main-2", At(23) + std::chrono::minutes(30), At(23), 1, 1},
                                 {"main-1", At(22) + std::chrono::minutes(30), At(22), 1, 1},
                                 {"pr-7-a", At(1), At(1), 1, 1}},
                                saved.policy, saved.now);
  ASSERT_EQ(saved.plan.decisions[1].action, policy::Action::kKeep);  // the newest of its hour

  const auto loaded = ParsePlanFile(PlanFileJson(saved).dump(2));
  ASSERT_TRUE(loaded.has_value()) << loaded.error();
  EXPECT_EQ(loaded->policy.keep_hourly, 2);
  EXPECT_EQ(loaded->policy.keep_daily, 1);
  EXPECT_EQ(loaded->policy.keep_weekly, 3);
  EXPECT_EQ(loaded->policy.keep_monthly, 4);
  EXPECT_EQ(loaded->policy.keep_yearly, 5);
  EXPECT_EQ(loaded->policy.time_zone.name(), "Europe/Berlin");
  EXPECT_EQ(loaded->policy.group_by, "^(main|pr-[0-9]+)-");
  EXPECT_EQ(loaded->policy.keep_within_of, policy::KeepWithinOf::kNewest);
  EXPECT_EQ(loaded->plan.decisions[2].group, "pr-7");
  EXPECT_FALSE(usecase::PlanDisagreesWithItself(*loaded));

  // Without those calendar rules the same deployments are decided otherwise: a file that lost
  // or changed them is refused.
  usecase::PlanReport lost = *loaded;
  lost.policy.keep_hourly.reset();
  lost.policy.keep_weekly.reset();
  EXPECT_TRUE(usecase::PlanDisagreesWithItself(lost));

  nlohmann::json unknown_zone = PlanFileJson(saved);
  unknown_zone["policy"]["timezone"] = "Mars/Olympus";
  const auto refused = ParsePlanFile(unknown_zone.dump());
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().find("unknown time zone 'Mars/Olympus'"), std::string::npos) << refused.error();
}

TEST(PlanFile, RefusesWhatIsNotASavedPlan) {
  auto without = [](const char* field) {
    auto document = PlanFileJson(SamplePlan());
    document.erase(field);
    return document.dump();
  };
  auto with = [](const char* field, nlohmann::json value) {
    auto document = PlanFileJson(SamplePlan());
    document[field] = std::move(value);
    return document.dump();
  };
  struct Case {
    std::string text;
    std::string error;
  };
  const Case cases[] = {
      {"", "not JSON"},
      {"{", "not JSON"},
      {"[]", "missing \"format\""},
      {with("format", "s3prune-plan/0"), "\"format\" is not s3prune-plan/1"},
      {without("bucket"), "missing \"bucket\""},
      {with("now", "yesterday"), "\"now\" is not an RFC 3339 time"},
      {with("root_objects", "two"), "\"root_objects\" has the wrong type"},
      {without("keep_from_lists"), "missing \"keep_from_lists\""},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text.substr(0, 40));
    const auto loaded = ParsePlanFile(c.text);
    ASSERT_FALSE(loaded.has_value());
    EXPECT_EQ(loaded.error(), c.error);
  }
  auto bad_digest = PlanFileJson(SamplePlan());
  bad_digest["deployments"][1]["versions_digest"] = "12";
  EXPECT_EQ(ParsePlanFile(bad_digest.dump()).error(), "\"versions_digest\" '12' is not 16 hex digits");
  // A plan edited by hand to delete what it did not decide is still only what it says.
  auto edited = PlanFileJson(SamplePlan());
  edited["deployments"][0]["action"] = "destroy";
  EXPECT_EQ(ParsePlanFile(edited.dump()).error(), "unknown \"action\" 'destroy'");
}

// Plans saved before apply compared digests (issue 22, case 5) have none: they still load,
// and apply compares their times and counts only.
TEST(PlanFile, APlanSavedWithoutDigestsStillLoads) {
  auto document = PlanFileJson(SamplePlan());
  ASSERT_EQ(document["deployments"][1]["current_digest"], "fedcba9876543210");
  ASSERT_EQ(document["deployments"][1]["versions_digest"], "00000000000000ff");
  ASSERT_EQ(document["deployments"][1]["deletion_time"], "unknown");
  for (auto& deployment : document["deployments"]) {
    deployment.erase("current_digest");
    deployment.erase("versions_digest");
    deployment.erase("deletion_time");
  }
  const auto loaded = ParsePlanFile(document.dump());
  ASSERT_TRUE(loaded.has_value()) << loaded.error();
  ASSERT_EQ(loaded->plan.decisions.size(), 2u);
  EXPECT_EQ(loaded->plan.decisions[1].deployment.current_digest, std::nullopt);
  EXPECT_EQ(loaded->plan.decisions[1].deployment.versions_digest, std::nullopt);
  EXPECT_EQ(loaded->plan.decisions[1].deployment.deletion_time, policy::DeletionTime::kKnown);
}

}  // namespace
}  // namespace s3prune::report
