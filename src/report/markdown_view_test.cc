#include "report/markdown_view.h"

#include <gtest/gtest.h>

#include <sstream>

namespace s3prune::report {
namespace {

policy::Timestamp At(int hour) {
  return policy::Timestamp(std::chrono::sys_days(std::chrono::year{2026} / 11 / 1)) + std::chrono::hours(hour);
}

usecase::PlanReport SamplePlan() {
  usecase::PlanReport report;
  report.bucket = "deploys";
  report.now = At(48);
  report.plan.decisions = {
      {{"new", At(47), At(46), 3, 3072, 0, 0}, policy::Action::kKeep, {"the most recent"}},
      {{"old|x", At(10), At(9), 2, 2048, 0, 0}, policy::Action::kDelete, {"not kept by any rule"}},
  };
  report.warnings = {"--keep 'rel*' matches no deployment, so it keeps nothing"};
  return report;
}

TEST(WritePlanMarkdown, ATableTheTotalsAndTheWarnings) {
  std::ostringstream out;
  WritePlanMarkdown(out, SamplePlan());
  const std::string text = out.str();
  EXPECT_NE(text.find("### s3prune plan for `s3://deploys/`"), std::string::npos) << text;
  EXPECT_NE(text.find("| Action | Deployment | Newest | Age | Objects | Size | Why |"), std::string::npos) << text;
  EXPECT_NE(text.find("| **DELETE** | old\\|x | 2026-11-01T10:00:00Z | 1d14h | 2 | 2.0 KiB | not kept by any rule |"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("**Keep 1, delete 1 deployment** (2 objects, 2.0 KiB; reclaims 2.0 KiB)."), std::string::npos) << text;
  EXPECT_NE(text.find("- --keep 'rel\\*' matches no deployment"), std::string::npos) << text;
}

TEST(WritePlanMarkdown, WithGroupByAGroupColumn) {
  usecase::PlanReport report = SamplePlan();
  report.policy.group_by = "^(new|old)";
  report.plan.decisions[0].group = "new";  // "old|x" is in no group
  std::ostringstream out;
  WritePlanMarkdown(out, report);
  const std::string text = out.str();
  EXPECT_NE(text.find("| Action | Deployment | Group | Newest | Age | Objects | Size | Why |\n|---|---|---|---|---|---:|---:|---|"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("| keep | new | new | 2026-11-02T23:00:00Z |"), std::string::npos) << text;
  EXPECT_NE(text.find("| **DELETE** | old\\|x | (no match) | 2026-11-01T10:00:00Z |"), std::string::npos) << text;
}

TEST(WriteApplyMarkdown, WhatWasDeletedAndWhatFailed) {
  ApplyReport applied{SamplePlan(), {}, 0.023};
  prune::DeploymentOutcome outcome{"old|x", 1, 0, 1024, {}, {}, {}};
  outcome.failures.push_back({{"old|x/locked.html", "v1"}, "AccessDenied", "Access Denied"});
  outcome.state = prune::StateOf(outcome);  // as the executor settles it when the run ends
  applied.result.deployments.push_back(outcome);
  std::ostringstream out;
  WriteApplyMarkdown(out, applied);
  const std::string text = out.str();
  EXPECT_NE(text.find("#### Result"), std::string::npos) << text;
  EXPECT_NE(text.find("**1 object could not be deleted:**"), std::string::npos) << text;
  EXPECT_NE(text.find("- old\\|x/locked.html: AccessDenied Access Denied"), std::string::npos) << text;
}

}  // namespace
}  // namespace s3prune::report

namespace s3prune::report {
namespace {

// With --time-from, the time column is the source's and a last column carries the time note.
TEST(WritePlanMarkdown, ATimeSourceHasItsTimeColumnAndATimeNoteColumn) {
  usecase::PlanReport report;
  report.bucket = "deploys";
  report.now = At(48);
  report.policy.keep_last = 1;
  report.policy.time_from = policy::ParseTimeSource("order:natural").value();
  report.plan = policy::MakePlan({{.id = "v10", .newest = At(1), .oldest = At(1), .objects = 1},
                                  {.id = "v9", .newest = At(47), .oldest = At(47), .objects = 1}},
                                 report.policy, report.now);
  std::ostringstream out;
  WritePlanMarkdown(out, report);
  const std::string text = out.str();
  EXPECT_NE(text.find("Times from --time-from order:natural."), std::string::npos) << text;
  EXPECT_NE(text.find("| Action | Deployment | Time | Age | Objects | Size | Why | Time note |"), std::string::npos) << text;
  EXPECT_NE(text.find("| keep | v10 | - | - | 1 | 0 B | the most recent |  |"), std::string::npos) << text;
  EXPECT_NE(text.find("| **DELETE** | v9 | - | - |"), std::string::npos) << text;
}

}  // namespace
}  // namespace s3prune::report
