// The planner under each --time-from source (time_source.h): what orders the deployments,
// what ages them, and what happens to one whose time cannot be read.
#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "policy/planner.h"

namespace s3prune::policy {
namespace {

using namespace std::chrono_literals;
using std::chrono::days;
using testing::ElementsAre;
using testing::HasSubstr;

const Timestamp kNow = std::chrono::sys_days{std::chrono::June / 1 / 2024} + 12h;

// Every deployment is uploaded at `written` (a copy or a restore: LastModified says little).
Deployment Written(std::string id, Timestamp written) { return {std::move(id), written, written, 3, 300}; }

Deployment WithMarker(std::string id, Timestamp written, std::optional<Timestamp> marker_time,
                      std::string problem = "") {
  Deployment deployment = Written(std::move(id), written);
  deployment.marker = MarkerReading{marker_time, std::move(problem)};
  return deployment;
}

TimeSource Source(std::string_view text) { return ParseTimeSource(text).value(); }

std::vector<std::string> Summary(const Plan& plan) {
  std::vector<std::string> lines;
  for (const Decision& decision : plan.decisions) {
    lines.push_back((decision.action == Action::kKeep ? "keep " : "delete ") + decision.deployment.id);
  }
  return lines;
}

struct Case {
  std::string_view name;
  std::vector<Deployment> deployments;
  RetentionPolicy policy;
  std::vector<std::string> expected;
};

TEST(PlannerTimeFromTest, EachSourceOrdersAndAgesByItsOwnTime) {
  // Uploaded in the opposite order of their names: the oldest-named last.
  const std::vector<Deployment> reversed = {
      Written("20240101000000", kNow - 1h),
      Written("20240301000000", kNow - 2h),
      Written("20240501000000", kNow - 3h),
  };
  const Case cases[] = {
      {"objects (LastModified) keeps the last upload",
       reversed,
       {.keep_last = 1},
       {"keep 20240101000000", "delete 20240301000000", "delete 20240501000000"}},
      {"id:%Y%m%d%H%M%S keeps the newest name",
       reversed,
       {.keep_last = 1, .time_from = Source("id:%Y%m%d%H%M%S")},
       {"keep 20240501000000", "delete 20240301000000", "delete 20240101000000"}},
      {"id times age --keep-within: only May is younger than 60d",
       reversed,
       {.keep_within = ParseDuration("60d").value(), .time_from = Source("id:%Y%m%d%H%M%S")},
       {"keep 20240501000000", "delete 20240301000000", "delete 20240101000000"}},
      {"order:natural: build 10 after build 9 whatever was written last",
       {Written("build-10", kNow - 3h), Written("build-9", kNow - 2h), Written("build-8", kNow - 1h)},
       {.keep_last = 2, .time_from = Source("order:natural")},
       {"keep build-10", "keep build-9", "delete build-8"}},
      {"order:natural: v1.2.10 after v1.2.9",
       {Written("v1.2.9", kNow), Written("v1.2.10", kNow - days{30}), Written("v1.10.0", kNow - days{60})},
       {.keep_last = 1, .time_from = Source("order:natural")},
       {"keep v1.10.0", "delete v1.2.10", "delete v1.2.9"}},
      {"object:NAME orders by the marker's time",
       {WithMarker("a", kNow - 1h, kNow - days{9}), WithMarker("b", kNow - 2h, kNow - days{1}),
        WithMarker("c", kNow - 3h, kNow - days{5})},
       {.keep_last = 2, .time_from = Source("object:.deployed-at")},
       {"keep b", "keep c", "delete a"}},
      {"meta:KEY ages by the marker's time",
       {WithMarker("a", kNow, kNow - days{9}), WithMarker("b", kNow, kNow - days{1})},
       {.keep_within = ParseDuration("7d").value(), .time_from = Source("meta:deployed-at")},
       {"keep b", "delete a"}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(Summary(MakePlan(c.deployments, c.policy, kNow)), c.expected);
  }
}

TEST(PlannerTimeFromTest, AnUnreadableTimeIsKeptAndTakesNoKeepLastSlot) {
  const Case cases[] = {
      {"an id that does not match is kept; the two dated ones share the slots",
       {Written("20240501000000", kNow - 3h), Written("latest", kNow), Written("20240301000000", kNow - 2h),
        Written("20240101000000", kNow - 1h)},
       {.keep_last = 2, .time_from = Source("id:%Y%m%d%H%M%S")},
       {"keep 20240501000000", "keep 20240301000000", "delete 20240101000000", "keep latest"}},
      {"an impossible date is kept, never deleted by --keep-within",
       {Written("20230229000000", kNow - days{400}), Written("20240501000000", kNow)},
       {.keep_within = ParseDuration("1d").value(), .time_from = Source("id:%Y%m%d%H%M%S")},
       {"keep 20240501000000", "keep 20230229000000"}},
      {"a missing marker is kept; the newest dated one is still always kept",
       {WithMarker("old", kNow - days{300}, std::nullopt, "its marker .deployed-at is missing"),
        WithMarker("new", kNow - days{300}, kNow - days{200}), WithMarker("mid", kNow, kNow - days{250})},
       {.keep_within = ParseDuration("7d").value(), .time_from = Source("object:.deployed-at")},
       {"keep new", "delete mid", "keep old"}},
      {"a marker never read is kept too",
       {Written("x", kNow - days{300}), WithMarker("y", kNow, kNow)},
       {.keep_last = 1, .time_from = Source("object:.deployed-at")},
       {"keep y", "keep x"}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const Plan plan = MakePlan(c.deployments, c.policy, kNow);
    EXPECT_EQ(Summary(plan), c.expected);
  }
}

TEST(PlannerTimeFromTest, TheReasonSaysWhyTheTimeIsUnknown) {
  const Plan impossible = MakePlan({Written("20230229000000", kNow - days{400}), Written("20240501000000", kNow)},
                                   {.keep_within = ParseDuration("1d").value(), .time_from = Source("id:%Y%m%d%H%M%S")},
                                   kNow);
  ASSERT_EQ(impossible.decisions.size(), 2u);
  EXPECT_THAT(impossible.decisions[1].reasons.front(), HasSubstr("there is no date 2023-02-29"));

  const RetentionPolicy policy{.keep_last = 1, .time_from = Source("id:release-%Y%m%d-*")};
  const Plan plan = MakePlan({Written("release-2024051-x", kNow), Written("release-20240501-a", kNow)}, policy, kNow);
  ASSERT_EQ(plan.decisions.size(), 2u);
  EXPECT_EQ(plan.decisions[1].deployment.id, "release-2024051-x");
  EXPECT_EQ(plan.decisions[1].action, Action::kKeep);
  EXPECT_THAT(plan.decisions[1].reasons,
              ElementsAre("time unknown: id does not match --time-from id:release-%Y%m%d-* (kept: never deleted on "
                          "a guess)"));
}

TEST(PlannerTimeFromTest, SaysWhenTheSourceAndLastModifiedDisagreeByMoreThanADay) {
  const RetentionPolicy policy{.keep_last = 5, .time_from = Source("id:%Y%m%d")};
  const Plan plan = MakePlan({Written("20240520", kNow), Written("20240601", kNow - 1h)}, policy, kNow);
  ASSERT_EQ(plan.decisions.size(), 2u);
  EXPECT_EQ(plan.decisions[0].deployment.id, "20240601");
  EXPECT_EQ(plan.decisions[0].time_note, "");  // 1h before noon on the same day: within a day
  EXPECT_EQ(plan.decisions[1].time_note,
            "its newest object's LastModified is 12d12h later than its --time-from id:%Y%m%d time");
  // LastModified alone is never compared with itself.
  const Plan by_objects = MakePlan({Written("20240520", kNow)}, {.keep_last = 1}, kNow);
  EXPECT_EQ(by_objects.decisions[0].time_note, "");
}

TEST(PlannerTimeFromTest, ValidateRefusesAnAgeRuleWithNaturalOrder) {
  const RetentionPolicy natural_age{.keep_within = ParseDuration("7d").value(), .time_from = Source("order:natural")};
  const auto checked = Validate(natural_age);
  ASSERT_FALSE(checked.has_value());
  EXPECT_THAT(checked.error(), HasSubstr("order:natural gives only an order"));
  EXPECT_TRUE(Validate({.keep_last = 3, .time_from = Source("order:natural")}).has_value());
  // A calendar rule needs a time as much as an age rule does.
  RetentionPolicy natural_daily{.time_from = Source("order:natural")};
  natural_daily.keep_daily = 7;
  const auto daily = Validate(natural_daily);
  ASSERT_FALSE(daily.has_value());
  EXPECT_THAT(daily.error(), HasSubstr("--keep-daily needs a deployment time"));
}

// The calendar rules and groups count by the --time-from time, never by LastModified, and a
// deployment whose time cannot be read takes no calendar slot and stays, in its group.
TEST(PlannerTimeFromTest, CalendarRulesAndGroupsCountByTheTimeFromTime) {
  RetentionPolicy policy{.time_from = Source("id:*-%Y%m%d")};
  policy.keep_daily = 2;
  policy.group_by = "^(main|pr-[0-9]+)-";
  // Uploaded in the opposite order of their dates (a sync of old releases last).
  const std::vector<Deployment> deployments = {
      Written("main-20240530", kNow - 3h), Written("main-20240529", kNow - 2h), Written("main-20240528", kNow - 1h),
      Written("pr-7-20240520", kNow - 4h), Written("pr-7-20240519", kNow - 5h), Written("main-latest", kNow),
  };
  const Plan plan = MakePlan(deployments, policy, kNow);
  EXPECT_THAT(Summary(plan), ElementsAre("keep main-20240530", "keep main-20240529", "delete main-20240528",
                                         "keep pr-7-20240520", "keep pr-7-20240519", "keep main-latest"));
  EXPECT_THAT(plan.decisions[0].reasons, ElementsAre("newest of day 2024-05-30"));
  EXPECT_EQ(plan.decisions[3].group, "pr-7");
  EXPECT_EQ(plan.decisions[5].group, "main");
  EXPECT_THAT(plan.decisions[5].reasons[0], HasSubstr("time unknown"));
}

}  // namespace
}  // namespace s3prune::policy
