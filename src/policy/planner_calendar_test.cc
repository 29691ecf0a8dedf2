// The planner's calendar rules (--keep-hourly ... --keep-yearly, --timezone), groups
// (--group-by) and --keep-within-of newest. planner_test.cc holds the other rules.
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
using std::chrono::sys_days;
using testing::ElementsAre;
using testing::Contains;

const Timestamp kNow = sys_days{2026y / std::chrono::December / 7} + 12h;

// A deployment whose objects were all written at `time`.
Deployment At(std::string id, Timestamp time) { return {std::move(id), time, time, 1, 100}; }
Deployment At(std::string id, std::chrono::year_month_day day, std::chrono::minutes time_of_day) {
  return At(std::move(id), sys_days{day} + time_of_day);
}
Deployment Aged(std::string id, std::chrono::milliseconds age) { return At(std::move(id), kNow - age); }

TimeZone Zone(std::string_view name) { return TimeZone::Load(name).value(); }

std::vector<std::string> Summary(const Plan& plan) {
  std::vector<std::string> lines;
  for (const Decision& decision : plan.decisions) {
    lines.push_back((decision.action == Action::kKeep ? "keep " : "delete ") + decision.deployment.id);
  }
  return lines;
}

struct PlanCase {
  std::string_view name;
  std::vector<Deployment> deployments;
  RetentionPolicy policy;
  std::vector<std::string> expected;  // Summary(plan)
};

void ExpectPlans(const std::vector<PlanCase>& cases) {
  for (const PlanCase& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(Summary(MakePlan(c.deployments, c.policy, kNow)), c.expected);
  }
}

const Decision& Find(const Plan& plan, std::string_view id) {
  for (const Decision& decision : plan.decisions) {
    if (decision.deployment.id == id) return decision;
  }
  ADD_FAILURE() << id << " is not in the plan";
  return plan.decisions.front();
}

using std::chrono::December;
using std::chrono::February;
using std::chrono::January;
using std::chrono::October;

TEST(CalendarRulesTest, KeepTheNewestOfEachOfTheLastNPeriodsThatHaveOne) {
  const std::vector<Deployment> days_with_gaps = {
      At("a", 2026y / December / 7, 10h), At("b", 2026y / December / 7, 8h), At("c", 2026y / December / 6, 23h),
      At("d", 2026y / December / 4, 12h), At("e", 2026y / December / 1, 12h)};
  // Same time: the order is by descending id, so "tie-b" is the newest of the day.
  const std::vector<Deployment> ties = {At("tie-a", 2026y / December / 6, 9h), At("tie-b", 2026y / December / 6, 9h),
                                        At("new", 2026y / December / 7, 9h)};
  const std::vector<Deployment> hours = {At("h10b", 2026y / December / 7, 10h + 50min),
                                         At("h10a", 2026y / December / 7, 10h + 5min),
                                         At("h09", 2026y / December / 7, 9h + 59min), At("h07", 2026y / December / 7, 7h)};
  const std::vector<Deployment> months = {At("dec", 2026y / December / 1, 0h), At("nov-late", 2026y / 11 / 30, 23h),
                                          At("nov-early", 2026y / 11 / 1, 0h), At("jun", 2026y / 6 / 15, 0h),
                                          At("last-year", 2025y / December / 31, 23h)};
  ExpectPlans({
      {"keep-daily 3 skips days without one", days_with_gaps, {.keep_daily = 3},
       {"keep a", "delete b", "keep c", "keep d", "delete e"}},
      {"keep-daily above the days present", days_with_gaps, {.keep_daily = 30},
       {"keep a", "delete b", "keep c", "keep d", "keep e"}},
      {"a calendar rule alone keeps only what it names", days_with_gaps, {.keep_daily = 1},
       {"keep a", "delete b", "delete c", "delete d", "delete e"}},
      {"ties: the greater id is the newer", ties, {.keep_daily = 2}, {"keep new", "keep tie-b", "delete tie-a"}},
      {"keep-hourly 2", hours, {.keep_hourly = 2}, {"keep h10b", "delete h10a", "keep h09", "delete h07"}},
      {"keep-monthly 3", months, {.keep_monthly = 3},
       {"keep dec", "keep nov-late", "delete nov-early", "keep jun", "delete last-year"}},
      {"keep-yearly 5 above the years present", months, {.keep_yearly = 5},
       {"keep dec", "delete nov-late", "delete nov-early", "delete jun", "keep last-year"}},
      {"restic thinning: last 1, daily 2, monthly 2", months,
       {.keep_last = 1, .keep_daily = 2, .keep_monthly = 2},
       {"keep dec", "keep nov-late", "delete nov-early", "delete jun", "delete last-year"}},
  });
}

TEST(CalendarRulesTest, IsoWeeksAcrossYearBoundariesAndWeek53) {
  // 2020-12-31 (Thu) and 2021-01-03 (Sun) are both in 2020-W53; 2021-01-04 opens 2021-W01.
  const std::vector<Deployment> week_53_of_2020 = {
      At("2021-01-04", 2021y / January / 4, 9h), At("2021-01-03", 2021y / January / 3, 9h),
      At("2020-12-31", 2020y / December / 31, 9h), At("2020-12-27", 2020y / December / 27, 9h)};
  // 2027-01-01 (Fri) is in 2026-W53, with 2026-12-28 (Mon).
  const std::vector<Deployment> week_53_of_2026 = {At("2027-01-04", 2027y / January / 4, 9h),
                                                   At("2027-01-01", 2027y / January / 1, 9h),
                                                   At("2026-12-28", 2026y / December / 28, 9h),
                                                   At("2026-12-27", 2026y / December / 27, 9h)};
  // 2024-12-30 (Mon) is in week 1 of 2025 but in the year 2024.
  const std::vector<Deployment> week_year_differs = {At("2025-01-02", 2025y / January / 2, 9h),
                                                     At("2024-12-30", 2024y / December / 30, 9h)};
  ExpectPlans({
      {"2020-W53", week_53_of_2020, {.keep_weekly = 2},
       {"keep 2021-01-04", "keep 2021-01-03", "delete 2020-12-31", "delete 2020-12-27"}},
      {"2026-W53", week_53_of_2026, {.keep_weekly = 9},
       {"keep 2027-01-04", "keep 2027-01-01", "delete 2026-12-28", "keep 2026-12-27"}},
      {"one ISO week", week_year_differs, {.keep_weekly = 9}, {"keep 2025-01-02", "delete 2024-12-30"}},
      {"two calendar years", week_year_differs, {.keep_yearly = 9}, {"keep 2025-01-02", "keep 2024-12-30"}},
  });
  const Plan plan = MakePlan(week_53_of_2026, {.keep_weekly = 2}, kNow);
  EXPECT_THAT(Find(plan, "2027-01-01").reasons, ElementsAre("newest of week 2026-W53"));
  EXPECT_THAT(Find(plan, "2026-12-28").reasons, ElementsAre("not kept by any rule", "not the newest of week 2026-W53"));
  EXPECT_THAT(Find(plan, "2026-12-27").reasons,
              ElementsAre("not kept by any rule", "week 2026-W52 is not among the 2 most recent weeks with a deployment"));
}

TEST(CalendarRulesTest, TimeZonesDaylightSavingAndLeapDays) {
  // Berlin goes back from 03:00 CEST to 02:00 CET at 01:00 UTC on 2026-10-25.
  const std::vector<Deployment> twice_2am = {At("cet-0230", 2026y / October / 25, 1h + 30min),
                                             At("cet-0210", 2026y / October / 25, 1h + 10min),
                                             At("cest-0230", 2026y / October / 25, 30min)};
  // The 25-hour day 2026-10-25 in Berlin: 00:30 CEST (22:30 UTC the day before) to 23:30 CET.
  const std::vector<Deployment> long_day = {At("late", 2026y / October / 25, 22h + 30min),
                                            At("early", 2026y / October / 24, 22h + 30min),
                                            At("day-before", 2026y / October / 24, 12h)};
  // 23:30 UTC on the leap day is already 1 March in Berlin.
  const std::vector<Deployment> leap_day = {At("leap-late", 2024y / February / 29, 23h + 30min),
                                            At("leap-early", 2024y / February / 29, 10h),
                                            At("feb-28", 2024y / February / 28, 10h), At("jan", 2024y / January / 15, 0h)};
  const TimeZone berlin = Zone("Europe/Berlin");
  ExpectPlans({
      {"the hour that happens twice is two hours", twice_2am, {.keep_hourly = 9, .time_zone = berlin},
       {"keep cet-0230", "delete cet-0210", "keep cest-0230"}},
      {"a 25-hour day is one day", long_day, {.keep_daily = 9, .time_zone = berlin},
       {"keep late", "delete early", "keep day-before"}},
      {"the same deployments in UTC days", long_day, {.keep_daily = 9},
       {"keep late", "keep early", "delete day-before"}},
      {"leap day in UTC months", leap_day, {.keep_monthly = 2},
       {"keep leap-late", "delete leap-early", "delete feb-28", "keep jan"}},
      {"leap day in Berlin months", leap_day, {.keep_monthly = 2, .time_zone = berlin},
       {"keep leap-late", "keep leap-early", "delete feb-28", "delete jan"}},
      {"leap day is its own day", leap_day, {.keep_daily = 3},
       {"keep leap-late", "delete leap-early", "keep feb-28", "keep jan"}},
  });
  const Plan plan = MakePlan(twice_2am, {.keep_hourly = 9, .time_zone = berlin}, kNow);
  EXPECT_THAT(Find(plan, "cet-0230").reasons, ElementsAre("newest of hour 2026-10-25 02:00+01:00"));
  EXPECT_THAT(Find(plan, "cest-0230").reasons, ElementsAre("newest of hour 2026-10-25 02:00+02:00"));
  EXPECT_THAT(Find(plan, "cet-0210").reasons,
              ElementsAre("not kept by any rule", "not the newest of hour 2026-10-25 02:00+01:00"));
}

TEST(CalendarRulesTest, ReasonsComeInRuleOrder) {
  const RetentionPolicy policy = {.keep_last = 1, .keep_within = ParseDuration("30d").value(), .keep_globs = {"r*"},
                                  .keep_daily = 1, .keep_yearly = 1};
  const Plan plan = MakePlan({At("r1", 2026y / December / 7, 9h)}, policy, kNow);
  EXPECT_THAT(plan.decisions[0].reasons, ElementsAre("the most recent", "newest of day 2026-12-07",
                                                     "newest of year 2026", "younger than 30d", "matches --keep 'r*'"));
}

TEST(GroupByTest, CountAndCalendarRulesCountWithinEachGroup) {
  const std::vector<Deployment> branches = {Aged("main-3", days{1}),   Aged("pr-1-b", days{2}), Aged("main-2", days{3}),
                                            Aged("pr-1-a", days{4}),   Aged("pr-2-a", days{5}), Aged("feature-x", days{6}),
                                            Aged("untagged", days{7}), Aged("main-1", days{8})};
  const std::string kBranches = "^(main|pr-[0-9]+)-";
  ExpectPlans({
      {"keep-last 1 per group", branches, {.keep_last = 1, .group_by = kBranches},
       {"keep main-3", "keep pr-1-b", "delete main-2", "delete pr-1-a", "keep pr-2-a", "keep feature-x",
        "delete untagged", "delete main-1"}},
      {"keep-last 2 per group", branches, {.keep_last = 2, .group_by = kBranches},
       {"keep main-3", "keep pr-1-b", "keep main-2", "keep pr-1-a", "keep pr-2-a", "keep feature-x", "keep untagged",
        "delete main-1"}},
      {"keep-daily 1 per group", branches, {.keep_daily = 1, .group_by = kBranches},
       {"keep main-3", "keep pr-1-b", "delete main-2", "delete pr-1-a", "keep pr-2-a", "keep feature-x",
        "delete untagged", "delete main-1"}},
      {"without --group-by", branches, {.keep_last = 1},
       {"keep main-3", "delete pr-1-b", "delete main-2", "delete pr-1-a", "delete pr-2-a", "delete feature-x",
        "delete untagged", "delete main-1"}},
      {"globs keep across groups", branches, {.keep_last = 1, .keep_globs = {"main-1"}, .group_by = kBranches},
       {"keep main-3", "keep pr-1-b", "delete main-2", "delete pr-1-a", "keep pr-2-a", "keep feature-x",
        "delete untagged", "keep main-1"}},
  });
  const Plan plan = MakePlan(branches, {.keep_last = 1, .group_by = kBranches}, kNow);
  std::vector<std::string> groups;
  for (const Decision& decision : plan.decisions) groups.push_back(decision.group);
  EXPECT_THAT(groups, ElementsAre("main", "pr-1", "main", "pr-1", "pr-2", "", "", "main"));
  EXPECT_THAT(Find(plan, "feature-x").reasons, ElementsAre("the most recent of its group"));
  EXPECT_THAT(Find(plan, "untagged").reasons, ElementsAre("not kept by any rule", "not the most recent of its group"));
  const Plan newest_only = MakePlan(branches, {.keep_within = ParseDuration("1h").value(), .group_by = kBranches}, kNow);
  EXPECT_THAT(Find(newest_only, "pr-2-a").reasons, ElementsAre("newest deployment of its group (always kept)"));
}

TEST(GroupByTest, AnEmptyCaptureIsNoGroupAndAnInvalidPatternGroupsNothing) {
  const std::vector<Deployment> deps = {Aged("x-1", days{1}), Aged("-2", days{2}), Aged("y-3", days{3})};
  const Plan plan = MakePlan(deps, {.keep_last = 1, .group_by = "^([a-z]*)-"}, kNow);
  EXPECT_EQ(Summary(plan), (std::vector<std::string>{"keep x-1", "keep -2", "keep y-3"}));
  EXPECT_EQ(Find(plan, "-2").group, "");
  // Validate refuses these; applied anyway, every deployment is in one group.
  EXPECT_EQ(Summary(MakePlan(deps, {.keep_last = 1, .group_by = "^[a-z]*-"}, kNow)),
            (std::vector<std::string>{"keep x-1", "delete -2", "delete y-3"}));
}

TEST(KeepWithinOfTest, NewestCountsFromTheNewestDeploymentOfEachGroup) {
  // A pipeline that stopped deploying 40 days ago.
  const std::vector<Deployment> stopped = {Aged("d40", days{40}), Aged("d45", days{45}), Aged("d69", days{69}),
                                           Aged("d71", days{71})};
  const Duration within = ParseDuration("30d").value();
  ExpectPlans({
      {"from now", stopped, {.keep_within = within}, {"keep d40", "delete d45", "delete d69", "delete d71"}},
      {"from the newest", stopped, {.keep_within = within, .keep_within_of = KeepWithinOf::kNewest},
       {"keep d40", "keep d45", "keep d69", "delete d71"}},
  });
  const Plan plan = MakePlan(stopped, {.keep_within = within, .keep_within_of = KeepWithinOf::kNewest}, kNow);
  EXPECT_THAT(Find(plan, "d45").reasons, ElementsAre("within 30d of the newest deployment"));
  EXPECT_THAT(Find(plan, "d71").reasons,
              ElementsAre("not kept by any rule", "30d or more before the newest deployment (31d before it)"));

  const std::vector<Deployment> two_branches = {Aged("a-new", days{1}), Aged("b-new", days{50}), Aged("a-old", days{40}),
                                                Aged("b-old", days{60})};
  const Plan grouped = MakePlan(
      two_branches, {.keep_within = within, .group_by = "^([ab])-", .keep_within_of = KeepWithinOf::kNewest}, kNow);
  EXPECT_EQ(Summary(grouped), (std::vector<std::string>{"keep a-new", "delete a-old", "keep b-new", "keep b-old"}));
  EXPECT_THAT(Find(grouped, "b-old").reasons, ElementsAre("within 30d of the newest deployment of its group"));
}

}  // namespace
}  // namespace s3prune::policy
