#include "report/table_view.h"

#include <gtest/gtest.h>

#include <sstream>

#include "report/display_text.h"

namespace s3prune::report {
namespace {

using std::chrono::hours;

policy::Timestamp At(int hour) {
  return policy::Timestamp(std::chrono::sys_days(std::chrono::year{2026} / 11 / 1)) + hours(hour);
}

usecase::PlanReport SamplePlan() {
  usecase::PlanReport report;
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

TEST(WritePlanTable, WithAgeByOldestTheTimeAndAgeColumnsAreTheOldestObjects) {
  usecase::PlanReport report = SamplePlan();
  report.policy.age_by = policy::AgeBy::kOldest;
  std::ostringstream out;
  WritePlanTable(out, report);
  const std::string text = out.str();
  EXPECT_NE(text.find("OLDEST"), std::string::npos) << text;
  EXPECT_EQ(text.find("NEWEST"), std::string::npos) << text;
  // "old": oldest object at hour 9, now at hour 48: 39h, shown as 1d15h (newest would be 1d14h).
  EXPECT_NE(text.find("old         2026-11-01T09:00:00Z  1d15h"), std::string::npos) << text;
}

TEST(WritePlanTable, WithVersionsRowSizesAddUpToTheSummary) {
  usecase::PlanReport report = SamplePlan();
  report.versions = true;
  report.plan.decisions[1].deployment.noncurrent_versions = 3;
  report.plan.decisions[1].deployment.noncurrent_bytes = 3072;
  report.plan.decisions.push_back(
      {{"residue", At(5), At(5), 0, 0, 2, 2048}, policy::Action::kDelete, {"no current objects"}});
  std::ostringstream out;
  WritePlanTable(out, report);
  const std::string text = out.str();
  EXPECT_NE(text.find("2+3v     5.0 KiB"), std::string::npos) << text;  // 2048 current + 3072 old
  EXPECT_NE(text.find("0+2v     2.0 KiB"), std::string::npos) << text;  // residue: old versions only
  EXPECT_NE(text.find("delete 2 deployments (2 objects, 5 old versions, 7.0 KiB)"), std::string::npos) << text;
}

TEST(WritePlanTable, IdsAreEscapedAlignedByWidthAndShortened) {
  usecase::PlanReport report = SamplePlan();
  report.plan.decisions[0].deployment.id = "new\rDELETE";
  report.plan.decisions[0].deployment.id = std::string("x\rkeep    evil");
  report.plan.decisions[1].deployment.id = "\xe6\x97\xa5\xe6\x9c\xac";  // two wide characters
  report.plan.decisions.push_back({{std::string(300, 'z'), At(1), At(1), 1, 1, 0, 0}, policy::Action::kDelete, {"old"}});
  std::ostringstream out;
  WritePlanTable(out, report);
  const std::string text = out.str();
  EXPECT_EQ(text.find('\r'), std::string::npos) << text;
  EXPECT_NE(text.find("keep    x\\rkeep    evil"), std::string::npos) << text;
  EXPECT_NE(text.find(std::string(39, 'z') + "…  "), std::string::npos) << text;
  EXPECT_EQ(text.find(std::string(41, 'z')), std::string::npos) << text;
  // Every row's time column starts at the same display column.
  std::istringstream lines(text);
  std::string line;
  std::vector<std::size_t> columns;
  while (std::getline(lines, line) && !line.empty()) {
    const std::size_t at = line.find("2026-") != std::string::npos ? line.find("2026-") : line.find("NEWEST");
    columns.push_back(DisplayWidth(line.substr(0, at)));
  }
  ASSERT_EQ(columns.size(), 4u) << text;
  for (std::size_t column : columns) EXPECT_EQ(column, columns[0]) << text;
}

TEST(WriteListingTable, WithVersionsOldSizesAreShownAndAddUp) {
  usecase::ListingReport report;
  report.bucket = "deploys";
  report.now = At(48);
  report.versions = true;
  report.deployments = {{"d2", At(40), At(40), 1, 10, 2, 20}, {"d1", At(30), At(30), 0, 0, 4, 40}};
  std::ostringstream out;
  WriteListingTable(out, report);
  const std::string text = out.str();
  EXPECT_NE(text.find("OLD VERSIONS  OLD SIZE"), std::string::npos) << text;
  EXPECT_NE(text.find("0        0 B   4             40 B"), std::string::npos) << text;
  EXPECT_NE(text.find("2 deployments, 1 object, 6 old versions, 70 B under s3://deploys/"), std::string::npos) << text;
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
  applied.plan.delete_effect = usecase::DeleteEffect::kMarkerOnly;
  std::ostringstream versioned;
  WriteApplySummary(versioned, applied);
  EXPECT_NE(versioned.str().find("No space reclaimed"), std::string::npos) << versioned.str();
}

TEST(WriteApplySummary, ListsFailedKeys) {
  ApplyReport applied{SamplePlan(), {}, 0.023};
  prune::DeploymentOutcome outcome{"old", 1, 0, 1024, {}, {}, {}};
  outcome.failures.push_back({{"old/locked.html", "v1"}, "AccessDenied", "Access Denied"});
  outcome.state = prune::StateOf(outcome);  // as the executor settles it when the run ends
  applied.result.deployments.push_back(outcome);
  std::ostringstream out;
  WriteApplySummary(out, applied);
  EXPECT_NE(out.str().find("failed: old/locked.html (version v1): AccessDenied Access Denied"), std::string::npos)
      << out.str();
  EXPECT_NE(out.str().find("1 object could not be deleted."), std::string::npos) << out.str();
}

}  // namespace
}  // namespace s3prune::report
