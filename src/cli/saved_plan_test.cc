#include "cli/saved_plan.h"

#include <gtest/gtest.h>

#include <fstream>

namespace s3prune::cli {
namespace {

using std::chrono::hours;
using std::chrono::seconds;

policy::Timestamp At(int hours_after) {
  return policy::Timestamp(std::chrono::sys_days(std::chrono::year{2026} / 11 / 1)) + hours(hours_after);
}

report::PlanReport Plan() {
  report::PlanReport plan;
  plan.bucket = "deploys";
  plan.prefix = "sites/";
  plan.now = At(10);
  plan.server_time = true;
  plan.policy.keep_named = {{"s3://deploys/live.txt", {"d2"}, {1}, ""}};
  plan.plan.decisions = {{{"d1", At(1), At(1), 2, 20, 0, 0, 0}, policy::Action::kDelete, {"old"}}};
  return plan;
}

TEST(SavedPlan, AgeIsMeasuredAgainstTheLimit) {
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

TEST(SavedPlan, PointersMustNameWhatTheyNamedAtPlanTime) {
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

TEST(SavedPlan, VersioningMustGiveTheDeleteEffectPlanned) {
  report::PlanReport plan = Plan();
  plan.delete_effect = report::DeleteEffect::kPermanent;
  EXPECT_FALSE(VersioningChanged(plan, s3::VersioningStatus::kNeverEnabled));
  EXPECT_TRUE(VersioningChanged(plan, s3::VersioningStatus::kEnabled));
  EXPECT_TRUE(VersioningChanged(plan, s3::VersioningStatus::kSuspended));
  plan.versions = true;  // every version is deleted whatever the state
  EXPECT_FALSE(VersioningChanged(plan, s3::VersioningStatus::kEnabled));
}

TEST(SavedPlan, OptionsComeFromThePlan) {
  Options typed;
  typed.concurrency = 3;
  typed.yes = true;
  report::PlanReport plan = Plan();
  plan.versions = true;
  const auto options = OptionsForSavedPlan(typed, plan);
  ASSERT_TRUE(options.has_value()) << options.error();
  EXPECT_EQ(options->root.bucket, "deploys");
  EXPECT_EQ(options->root.key, "sites/");
  EXPECT_TRUE(options->versions);
  EXPECT_EQ(options->concurrency, 3u);
  EXPECT_TRUE(options->yes);
  ASSERT_EQ(options->keep_from.size(), 1u);
  EXPECT_EQ(options->keep_from[0].key, "live.txt");
}

TEST(SavedPlan, FileRoundTripsAndBadFilesSayWhat) {
  const std::string path = ::testing::TempDir() + "saved_plan_test.json";
  ASSERT_TRUE(SavePlanFile(path, Plan()).has_value());
  const auto loaded = LoadPlanFile(path);
  ASSERT_TRUE(loaded.has_value()) << loaded.error();
  EXPECT_EQ(loaded->plan.decisions.size(), 1u);

  std::ofstream(path) << "{\"bucket\": 1}";
  const auto bad = LoadPlanFile(path);
  ASSERT_FALSE(bad.has_value());
  EXPECT_NE(bad.error().find(path), std::string::npos) << bad.error();
  EXPECT_NE(bad.error().find("plan --out"), std::string::npos) << bad.error();

  const auto missing = LoadPlanFile(path + ".missing");
  ASSERT_FALSE(missing.has_value());
  EXPECT_FALSE(SavePlanFile("/nonexistent-folder/plan.json", Plan()).has_value());

  report::PlanReport binary = Plan();
  binary.plan.decisions[0].deployment.id = "d\xff";  // a JSON file cannot hold it as it is
  const auto refused = SavePlanFile(path, binary);
  ASSERT_FALSE(refused.has_value());
  EXPECT_NE(refused.error().find("not valid UTF-8"), std::string::npos) << refused.error();
}

}  // namespace
}  // namespace s3prune::cli
