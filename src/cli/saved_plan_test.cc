#include "cli/saved_plan.h"

#include <gtest/gtest.h>

#include <fstream>

namespace s3prune::cli {
namespace {

using std::chrono::hours;

policy::Timestamp At(int hours_after) {
  return policy::Timestamp(std::chrono::sys_days(std::chrono::year{2026} / 11 / 1)) + hours(hours_after);
}

usecase::PlanReport Plan() {
  usecase::PlanReport plan;
  plan.bucket = "deploys";
  plan.prefix = "sites/";
  plan.now = At(10);
  plan.server_time = true;
  plan.policy.keep_named = {{"s3://deploys/live.txt", {"d2"}, {1}, ""}};
  plan.plan.decisions = {{{"d1", At(1), At(1), 2, 20, 0, 0, 0}, policy::Action::kDelete, {"old"}}};
  return plan;
}

TEST(SavedPlan, OptionsComeFromThePlan) {
  Options typed;
  typed.request.concurrency = 3;
  typed.yes = true;
  usecase::PlanReport plan = Plan();
  plan.versions = true;
  const auto options = OptionsForSavedPlan(typed, plan);
  ASSERT_TRUE(options.has_value()) << options.error();
  EXPECT_EQ(options->request.root.bucket, "deploys");
  EXPECT_EQ(options->request.root.key, "sites/");
  EXPECT_EQ(options->request.versions, usecase::Versions::kAll);
  EXPECT_EQ(options->request.concurrency, 3u);
  EXPECT_TRUE(options->yes);
  ASSERT_EQ(options->request.keep_from.size(), 1u);
  EXPECT_EQ(options->request.keep_from[0].key, "live.txt");
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

  usecase::PlanReport binary = Plan();
  binary.plan.decisions[0].deployment.id = "d\xff";  // a JSON file cannot hold it as it is
  const auto refused = SavePlanFile(path, binary);
  ASSERT_FALSE(refused.has_value());
  EXPECT_NE(refused.error().find("not valid UTF-8"), std::string::npos) << refused.error();
}

}  // namespace
}  // namespace s3prune::cli
