#include "report/table_view.h"

#include <gtest/gtest.h>

#include <sstream>

namespace s3prune::report {
namespace {

using std::chrono::hours;

policy::Timestamp At(int hour) {
  return policy::Timestamp(std::chrono::sys_days(std::chrono::year{2026} / 11 / 1)) + hours(hour);
}

PlanReport SamplePlan() {
  PlanReport report;
  report.bucket = "deploys";
  report.now = At(48);
  report.plan.decisions = {
      {{"new", At(47), At(46), 3, 3072, 0, 0}, policy::Action::kKeep, {"among the 1 most recent"}},
      {{"old", At(10), At(9), 2, 2048, 0, 0}, policy::Action::kDelete, {"not kept by any rule", "not among the 1 most recent"}},
  };
  return report;
}

TEST(WritePlanTable, OneRowPerDeploymentWithReasonsAndASummary) {
  std::ostringstream out;
  WritePlanTable(out, SamplePlan());
  const std::string text = out.str();
  EXPECT_NE(text.find("keep    new"), std::string::npos) << text;
  EXPECT_NE(text.find("DELETE  old"), std::string::npos) << text;
  EXPECT_NE(text.find("not kept by any rule; not among the 1 most recent"), std::string::npos) << text;
  EXPECT_NE(text.find("keep 1, delete 1 deployment (2 objects, 2.0 KiB)"), std::string::npos) << text;
  EXPECT_NE(text.find("2026-11-01T10:00:00Z"), std::string::npos) << text;
}

TEST(ConfirmationQuestion, NamesCountsAndSize) {
  EXPECT_EQ(ConfirmationQuestion(SamplePlan()), "Delete 1 deployment (2 objects, 2.0 KiB)? [y/N] ");
}

TEST(WriteApplySummary, SavingOrTheVersionedWarning) {
  ApplyReport applied{SamplePlan(), {}, 0.023};
  applied.result.deployments.push_back({"old", 2, 0, 2048, {}, {}, {}});
  std::ostringstream reclaimed;
  WriteApplySummary(reclaimed, applied);
  EXPECT_NE(reclaimed.str().find("Deleted 1 deployment: 2 objects, 2.0 KiB."), std::string::npos) << reclaimed.str();
  EXPECT_NE(reclaimed.str().find("Estimated saving: $0.00 per month (at $0.023 per GB-month)"), std::string::npos)
      << reclaimed.str();
  applied.plan.delete_effect = DeleteEffect::kMarkerOnly;
  std::ostringstream versioned;
  WriteApplySummary(versioned, applied);
  EXPECT_NE(versioned.str().find("No space reclaimed"), std::string::npos) << versioned.str();
}

TEST(WriteApplySummary, ListsFailedKeys) {
  ApplyReport applied{SamplePlan(), {}, 0.023};
  prune::DeploymentOutcome outcome{"old", 1, 0, 1024, {}, {}, {}};
  outcome.failures.push_back({{"old/locked.html", "v1"}, "AccessDenied", "Access Denied"});
  applied.result.deployments.push_back(outcome);
  std::ostringstream out;
  WriteApplySummary(out, applied);
  EXPECT_NE(out.str().find("failed: old/locked.html (version v1): AccessDenied Access Denied"), std::string::npos)
      << out.str();
  EXPECT_NE(out.str().find("1 object could not be deleted."), std::string::npos) << out.str();
}

}  // namespace
}  // namespace s3prune::report
