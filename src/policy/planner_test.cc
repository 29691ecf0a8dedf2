#include "policy/planner.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace s3prune::policy {
namespace {

using namespace std::chrono_literals;
using std::chrono::days;
using std::chrono::milliseconds;
using testing::ElementsAre;
using testing::IsEmpty;

const Timestamp kNow = std::chrono::sys_days{std::chrono::June / 1 / 2024} + 12h;

// A deployment whose newest and oldest objects are that old at kNow.
Deployment Dep(std::string id, milliseconds newest_age, milliseconds oldest_age) {
  return {std::move(id), kNow - newest_age, kNow - oldest_age, 10, 1000};
}
Deployment Dep(std::string id, milliseconds age) { return Dep(std::move(id), age, age); }

Duration Within(std::string_view text) { return ParseDuration(text).value(); }

// "keep <id>" / "delete <id>" in plan order, so a failure shows the whole plan.
std::vector<std::string> Summary(const Plan& plan) {
  std::vector<std::string> lines;
  for (const Decision& decision : plan.decisions) {
    lines.push_back((decision.action == Action::kKeep ? "keep " : "delete ") +
                    decision.deployment.id);
  }
  return lines;
}

struct PlanCase {
  std::string_view name;
  std::vector<Deployment> deployments;
  RetentionPolicy policy;
  std::vector<std::string> expected;  // Summary(plan)
  std::vector<std::string> excluded = {};
};

void ExpectPlans(const std::vector<PlanCase>& cases) {
  for (const PlanCase& c : cases) {
    SCOPED_TRACE(c.name);
    const Plan plan = MakePlan(c.deployments, c.policy, kNow);
    EXPECT_EQ(Summary(plan), c.expected);
    std::vector<std::string> excluded;
    for (const Exclusion& exclusion : plan.excluded) excluded.push_back(exclusion.id);
    EXPECT_EQ(excluded, c.excluded);
    for (const Decision& decision : plan.decisions) {
      EXPECT_THAT(decision.reasons, testing::Not(IsEmpty())) << decision.deployment.id;
    }
  }
}

TEST(MakePlanTest, CountAndAgeRules) {
  const std::vector<Deployment> four = {Dep("a", days{1}), Dep("b", days{2}), Dep("c", days{3}),
                                        Dep("d", days{4})};
  const std::vector<Deployment> ages_1_29_31_60 = {Dep("d1", days{1}), Dep("d29", days{29}),
                                                   Dep("d31", days{31}), Dep("d60", days{60})};
  const std::vector<Deployment> all_old = {Dep("o40", days{40}), Dep("o50", days{50}),
                                           Dep("o60", days{60}), Dep("o70", days{70})};
  const std::vector<Deployment> many_young = {Dep("y1", days{1}), Dep("y2", days{2}),
                                              Dep("y3", days{3}), Dep("o40", days{40})};
  ExpectPlans({
      {"keep-last 2", four, {.keep_last = 2}, {"keep a", "keep b", "delete c", "delete d"}},
      {"keep-last above the count", four, {.keep_last = 9},
       {"keep a", "keep b", "keep c", "keep d"}},
      {"keep-within 30d", ages_1_29_31_60, {.keep_within = Within("30d")},
       {"keep d1", "keep d29", "delete d31", "delete d60"}},
      {"older than 30d but keep at least 3: all old", all_old,
       {.keep_last = 3, .keep_within = Within("30d")},
       {"keep o40", "keep o50", "keep o60", "delete o70"}},
      {"older than 30d but keep at least 2: many young", many_young,
       {.keep_last = 2, .keep_within = Within("30d")},
       {"keep y1", "keep y2", "keep y3", "delete o40"}},
      {"empty deployment list", {}, {.keep_last = 1}, {}},
  });
}

TEST(MakePlanTest, GlobsNamedListsAndExcludes) {
  const std::vector<Deployment> mixed = {Dep("main-9", days{1}), Dep("release-1", days{50}),
                                         Dep("feature-x", days{10}), Dep("release-2", days{60})};
  const std::vector<Deployment> with_logs = {Dep("_logs", 0ms), Dep("a", days{1}),
                                             Dep("b", days{2}), Dep("c", days{3})};
  ExpectPlans({
      {"keep glob", mixed, {.keep_last = 1, .keep_globs = {"release-*"}},
       {"keep main-9", "delete feature-x", "keep release-1", "keep release-2"}},
      {"named list", mixed,
       {.keep_last = 1, .keep_named = {{"s3://b/current.txt", {"release-2", "feature-x"}}}},
       {"keep main-9", "keep feature-x", "delete release-1", "keep release-2"}},
      {"exclude takes no keep-last slot", with_logs, {.keep_last = 2, .exclude_globs = {"_*"}},
       {"keep a", "keep b", "delete c"}, {"_logs"}},
      {"exclude is not the newest deployment", with_logs,
       {.keep_within = Within("1s"), .exclude_globs = {"_*"}},
       {"keep a", "delete b", "delete c"}, {"_logs"}},
      {"exclude wins over keep", with_logs,
       {.keep_last = 1, .keep_globs = {"_*"}, .exclude_globs = {"_*"}},
       {"keep a", "delete b", "delete c"}, {"_logs"}},
  });
}

TEST(MakePlanTest, IdsAreExactStrings) {
  const std::vector<Deployment> deps = {Dep("x", days{1}), Dep("dep1", days{5}),
                                        Dep("dep10", days{6}), Dep("dep2", days{7}),
                                        Dep("feature", days{8})};
  ExpectPlans({
      {"glob without wildcards", deps, {.keep_last = 1, .keep_globs = {"dep1"}},
       {"keep x", "keep dep1", "delete dep10", "delete dep2", "delete feature"}},
      {"bracket glob", deps, {.keep_last = 1, .keep_globs = {"dep[12]"}},
       {"keep x", "keep dep1", "delete dep10", "keep dep2", "delete feature"}},
      {"named id", deps, {.keep_last = 1, .keep_named = {{"s3://b/l", {"dep1"}}}},
       {"keep x", "keep dep1", "delete dep10", "delete dep2", "delete feature"}},
      {"named id is not a glob", deps, {.keep_last = 1, .keep_named = {{"s3://b/l", {"feat*"}}}},
       {"keep x", "delete dep1", "delete dep10", "delete dep2", "delete feature"}},
      {"exclude", deps, {.keep_last = 1, .exclude_globs = {"dep1"}},
       {"keep x", "delete dep10", "delete dep2", "delete feature"}, {"dep1"}},
  });
}

TEST(MakePlanTest, AgeByChangesAgeAndOrder) {
  // x was created long ago but written to recently; y is the reverse.
  const std::vector<Deployment> deps = {Dep("x", days{1}, days{50}), Dep("y", days{5}, days{6}),
                                        Dep("z", days{3}, days{40})};
  ExpectPlans({
      {"keep-within by newest", deps, {.keep_within = Within("30d")},
       {"keep x", "keep z", "keep y"}},
      {"keep-within by oldest", deps, {.keep_within = Within("30d"), .age_by = AgeBy::kOldest},
       {"keep y", "delete z", "delete x"}},
      {"keep-last by newest", deps, {.keep_last = 2}, {"keep x", "keep z", "delete y"}},
      {"keep-last by oldest", deps, {.keep_last = 2, .age_by = AgeBy::kOldest},
       {"keep y", "keep z", "delete x"}},
  });
}

TEST(MakePlanTest, NewestIsAlwaysKeptAndFutureIsYoung) {
  const std::vector<Deployment> old = {Dep("b", days{20}), Dep("a", days{10})};
  const std::vector<Deployment> skewed = {Dep("a", days{2}), Dep("future", -2h),
                                          Dep("b", days{3})};
  ExpectPlans({
      {"newest kept when nothing is young", old, {.keep_within = Within("1s")},
       {"keep a", "delete b"}},
      {"newest kept with no rule at all", old, {}, {"keep a", "delete b"}},
      {"a future time counts as young", skewed, {.keep_within = Within("1d")},
       {"keep future", "delete a", "delete b"}},
      {"a future time is the most recent", skewed, {.keep_last = 2},
       {"keep future", "keep a", "delete b"}},
  });
}

TEST(MakePlanTest, TiesAreBrokenByDescendingIdWhateverTheInputOrder) {
  std::vector<Deployment> deps = {Dep("a", days{3}), Dep("b", days{3}), Dep("c", days{3}),
                                  Dep("d", days{3}), Dep("old", days{9})};
  std::ranges::sort(deps, {}, &Deployment::id);
  const std::vector<std::string> expected = {"keep d", "keep c", "delete b", "delete a",
                                             "delete old"};
  int permutations = 0;
  do {
    ++permutations;
    std::string input_order;
    for (const Deployment& deployment : deps) input_order += deployment.id + " ";
    EXPECT_EQ(Summary(MakePlan(deps, {.keep_last = 2}, kNow)), expected)
        << "input order: " << input_order;
  } while (std::ranges::next_permutation(deps, {}, &Deployment::id).found);
  EXPECT_EQ(permutations, 120);
}

TEST(MakePlanTest, KeepReasonsListEveryMatchingRule) {
  const RetentionPolicy policy = {
      .keep_last = 2,
      .keep_within = Within("30d"),
      .keep_globs = {"rel-*", "*-1", "nothing"},
      .keep_named = {{"s3://b/one.txt", {"rel-1"}}, {"s3://b/two.txt", {"x", "rel-1"}}},
  };
  const Plan plan = MakePlan({Dep("rel-1", days{1})}, policy, kNow);
  ASSERT_EQ(plan.decisions.size(), 1u);
  EXPECT_EQ(plan.decisions[0].action, Action::kKeep);
  EXPECT_THAT(plan.decisions[0].reasons,
              ElementsAre("among the 2 most recent", "younger than 30d", "matches --keep 'rel-*'",
                          "matches --keep '*-1'", "named in s3://b/one.txt",
                          "named in s3://b/two.txt"));
}

TEST(MakePlanTest, ReasonsForEachRule) {
  struct Case {
    std::string_view name;
    RetentionPolicy policy;
    Deployment subject;  // the third most recent: planned after "top1" and "top2"
    std::vector<std::string> expected;
  };
  const Case cases[] = {
      {"count and age", {.keep_last = 2, .keep_within = Within("30d")},
       Dep("s", days{41} + 3h + 5min),
       {"not kept by any rule", "not among the 2 most recent", "older than 30d (age 41d3h)"}},
      {"count of one", {.keep_last = 1}, Dep("s", days{1}),
       {"not kept by any rule", "not the most recent"}},
      {"count of three", {.keep_last = 3}, Dep("s", days{1}), {"among the 3 most recent"}},
      {"duration as written", {.keep_within = Within("1d12h")}, Dep("s", days{2}),
       {"not kept by any rule", "older than 1d12h (age 2d)"}},
      {"young", {.keep_within = Within("1d12h")}, Dep("s", 1h), {"younger than 1d12h"}},
      {"exactly at the limit", {.keep_within = Within("30d")}, Dep("s", days{30}),
       {"not kept by any rule", "not younger than 30d (age 30d)"}},
      {"glob only", {.keep_last = 1, .keep_globs = {"s*"}}, Dep("s", days{1}),
       {"matches --keep 's*'"}},
      {"named only", {.keep_last = 1, .keep_named = {{"s3://b/current.txt", {"s"}}}},
       Dep("s", days{1}), {"named in s3://b/current.txt"}},
      {"no rule", {}, Dep("s", days{1}), {"not kept by any rule"}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const Plan plan = MakePlan({c.subject, Dep("top1", 0ms), Dep("top2", 0ms)}, c.policy, kNow);
    ASSERT_EQ(plan.decisions.size(), 3u);
    EXPECT_EQ(plan.decisions[2].deployment.id, "s");
    EXPECT_EQ(plan.decisions[2].reasons, c.expected);
  }
}

TEST(MakePlanTest, ReasonsForTheNewestDeployment) {
  struct Case {
    std::string_view name;
    RetentionPolicy policy;
    Deployment newest;
    std::vector<std::string> expected;
  };
  const Case cases[] = {
      {"safety rule only when no rule keeps it", {.keep_within = Within("1s")}, Dep("s", days{9}),
       {"newest deployment (always kept)"}},
      {"a rule keeps it", {.keep_last = 1}, Dep("s", days{9}), {"the most recent"}},
      {"dated in the future", {.keep_within = Within("1d")}, Dep("s", -(2h + 30s)),
       {"younger than 1d (dated 2h in the future)"}},
      {"less than a second ahead", {.keep_within = Within("1d")}, Dep("s", -500ms),
       {"younger than 1d"}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const Plan plan = MakePlan({c.newest, Dep("older", days{100})}, c.policy, kNow);
    ASSERT_EQ(plan.decisions.size(), 2u);
    EXPECT_EQ(plan.decisions[0].action, Action::kKeep);
    EXPECT_EQ(plan.decisions[0].reasons, c.expected);
  }
}

TEST(CheckPointersTest, ReportsEmptyListsAndIdsThatAreNoDeployment) {
  const RetentionPolicy policy = {
      .keep_last = 1,
      .keep_named = {{"s3://b/current.txt", {"abc", "real", "_logs", "gone"}, {3, 4, 6, 7}},
                     {"s3://b/empty.txt", {}}},
      .exclude_globs = {"_*"},
  };
  Plan plan = MakePlan({Dep("real", days{1}), Dep("_logs", days{2})}, policy, kNow);
  AddResidue(plan, {Dep("gone", days{3})}, policy, kNow);
  CheckPointers(plan, policy);
  EXPECT_THAT(plan.pointer_problems,
              ElementsAre(PointerProblem{"s3://b/current.txt", 3,
                                         "s3://b/current.txt line 3 names 'abc', which is not a deployment here", "abc"},
                          PointerProblem{"s3://b/empty.txt", 0, "s3://b/empty.txt is empty: it names no deployment"}));

  Plan clean = MakePlan({Dep("real", days{1})}, {.keep_last = 1}, kNow);
  CheckPointers(clean, {.keep_last = 1});
  EXPECT_THAT(clean.pointer_problems, IsEmpty());
}

TEST(MakePlanTest, ThePrefixHoldingAPointerIsNoDeployment) {
  RetentionPolicy policy{.keep_last = 1, .exclude_globs = {"assets"}};
  policy.keep_named = {{"s3://b/live/current.txt", {"d1"}, {1}, "live"}};
  // "live" is the most recent prefix: as a deployment it would take the only keep-last slot.
  const Plan plan = MakePlan({Dep("live", 1s), Dep("assets", 2s), Dep("d2", 1h), Dep("d1", 2h)}, policy, kNow);
  EXPECT_THAT(Summary(plan), ElementsAre("keep d2", "keep d1"));
  EXPECT_THAT(plan.excluded, ElementsAre(Exclusion{"live", "holds the --keep-from pointer s3://b/live/current.txt"},
                                         Exclusion{"assets", "matches --exclude 'assets'"}));
}

TEST(MakePlanTest, AgeByPicksTheTimeThatOrdersTheDeployments) {
  std::vector<Deployment> deps = {Dep("_logs", 0ms), Dep("a", days{1}, days{4}),
                                  Dep("b", days{2}), Dep("c", days{3})};
  const Plan plan = MakePlan(deps, {.keep_last = 1, .exclude_globs = {"_*"}}, kNow);
  ASSERT_EQ(plan.decisions.size(), 3u);
  EXPECT_EQ(plan.decisions[0].deployment, deps[1]);  // a (1d), b (2d), c (3d) by newest
  const RetentionPolicy by_oldest = {.exclude_globs = {"_*"}, .age_by = AgeBy::kOldest};
  const Plan oldest_plan = MakePlan(deps, by_oldest, kNow);
  ASSERT_EQ(oldest_plan.decisions.size(), 3u);
  EXPECT_EQ(oldest_plan.decisions[2].deployment.id, "a");  // b (2d), c (3d), a (4d)
}

TEST(MakePlanTest, HundredThousandDeployments) {
  constexpr int kCount = 100'000;
  std::vector<Deployment> deps;
  deps.reserve(kCount);
  for (int i = 0; i < kCount; ++i) {
    char id[16];
    std::snprintf(id, sizeof id, "dep-%06d", i);
    deps.push_back(Dep(id, std::chrono::minutes{i}));
  }
  std::ranges::shuffle(deps, std::mt19937{42});
  const RetentionPolicy policy = {
      .keep_last = 10, .keep_within = Within("30d"), .keep_globs = {"dep-09999*"}};
  const Plan plan = MakePlan(std::move(deps), policy, kNow);

  ASSERT_EQ(plan.decisions.size(), static_cast<std::size_t>(kCount));
  EXPECT_EQ(plan.decisions.front().deployment.id, "dep-000000");
  EXPECT_EQ(plan.decisions.back().deployment.id, "dep-099999");
  constexpr std::size_t kYoung = 30 * 24 * 60;  // one deployment a minute
  const auto kept = std::ranges::count_if(plan.decisions, [](const Decision& d) { return d.action == Action::kKeep; });
  EXPECT_EQ(static_cast<std::size_t>(kept), kYoung + 10);  // plus the ten dep-09999x
}

TEST(AddResidue, DeletedDeploymentsGoUnlessNamedOrExcluded) {
  RetentionPolicy policy;
  policy.keep_last = 1;
  policy.keep_globs = {"release-*"};
  policy.keep_named = {{"s3://b/live.txt", {"named"}}};
  policy.exclude_globs = {"live"};
  Plan plan = MakePlan({Dep("current", 1h)}, policy, kNow);
  // Residue never takes a keep-last slot and is never "the newest", however recent.
  AddResidue(plan, {Dep("gone", days{8}), Dep("release-1", days{9}), Dep("named", days{10}), Dep("live", days{11})},
             policy, kNow);
  EXPECT_THAT(Summary(plan), ElementsAre("keep current", "delete gone", "keep release-1", "keep named"));
  EXPECT_THAT(plan.excluded, ElementsAre(Exclusion{"live", "matches --exclude 'live'"}));
  EXPECT_THAT(plan.decisions[1].reasons,
              ElementsAre("no current objects: only old versions and delete markers remain",
                          "deleted 8d ago, older than --undo-window 7d"));
  EXPECT_THAT(plan.decisions[2].reasons, ElementsAre("matches --keep 'release-*'"));
  EXPECT_THAT(plan.decisions[3].reasons, ElementsAre("named in s3://b/live.txt"));
}

TEST(UnmatchedGlobs, WarnsForEachGlobThatMatchesNothing) {
  RetentionPolicy policy;
  policy.keep_last = 1;
  policy.keep_globs = {"release-*", "gone*", "typo-*"};
  policy.exclude_globs = {"live/", "assets"};
  Plan plan = MakePlan({Dep("current", 1h), Dep("release-1", days{3}), Dep("live", days{4})}, policy, kNow);
  AddResidue(plan, {Dep("gone-1", days{9})}, policy, kNow);
  EXPECT_THAT(UnmatchedGlobs(plan, policy),
              ElementsAre("--keep 'typo-*' matches no deployment, so it keeps nothing",
                          "--exclude 'assets' matches no prefix, so it excludes nothing"));
  EXPECT_THAT(plan.excluded, ElementsAre(Exclusion{"live", "matches --exclude 'live/'"}));
}

// A mistaken apply leaves residue; the undo window (and --keep-within) keep it restorable.
TEST(AddResidue, FreshResidueIsKeptForTheUndoWindowAndKeepWithin) {
  struct Case {
    std::string_view name;
    RetentionPolicy policy;
    milliseconds deleted_ago;
    std::vector<std::string> expected;
  };
  const Case cases[] = {
      {"seconds after the mistake", {.keep_last = 3}, 5s,
       {"keep: deleted 5s ago, within --undo-window 7d"}},
      {"just past the window", {.keep_last = 3}, days{7} + 1s,
       {"delete: no current objects: only old versions and delete markers remain",
        "delete: deleted 7d ago, older than --undo-window 7d"}},
      {"a shorter window", {.keep_last = 3, .undo_window = Within("1h")}, 2h,
       {"delete: no current objects: only old versions and delete markers remain",
        "delete: deleted 2h ago, older than --undo-window 1h"}},
      {"keep-within protects it too", {.keep_within = Within("30d")}, days{10},
       {"keep: younger than 30d"}},
      {"both windows passed", {.keep_within = Within("30d")}, days{31},
       {"delete: no current objects: only old versions and delete markers remain",
        "delete: deleted 31d ago, older than --undo-window 7d", "delete: older than 30d (age 31d)"}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Plan plan = MakePlan({Dep("current", 1h)}, c.policy, kNow);
    AddResidue(plan, {Dep("residue", c.deleted_ago)}, c.policy, kNow);
    ASSERT_EQ(plan.decisions.size(), 2u);
    const Decision& decision = plan.decisions[1];
    std::vector<std::string> shown;
    for (const auto& reason : decision.reasons) {
      shown.push_back((decision.action == Action::kKeep ? "keep: " : "delete: ") + reason);
    }
    EXPECT_EQ(shown, c.expected);
  }
}

// Issue 22, case 4: OpenStack Swift leaves no delete marker when deleting in a Suspended
// bucket, so residue is dated only by its newest write. That time used to be taken for the
// deletion time ("deleted 11m56s ago" for something deleted a second ago), bypassing the
// undo window. Case 5: Swift rounds times up, so a marker written this second is dated
// after `now`; --undo-window 0 used to keep it ("deleted 0s ago, within --undo-window 0").
TEST(AddResidue, ADeletionTimeThatIsUnknownOrRoundedUpIsNotTakenAsOld) {
  struct Case {
    std::string_view name;
    DeletionTime deletion_time;
    milliseconds dated_ago;
    Duration undo_window;
    std::vector<std::string> expected;
  };
  const Duration no_window{std::chrono::seconds{0}, "0"};
  const Case cases[] = {
      {"no marker, written long ago", DeletionTime::kUnknown, 11min + 56s, Within("7d"),
       {"keep: deleted at an unknown time (no delete marker; newest version written 11m56s ago), so it may be "
        "within --undo-window 7d"}},
      {"no marker, written before any window", DeletionTime::kUnknown, days{400}, Within("1h"),
       {"keep: deleted at an unknown time (no delete marker; newest version written 400d ago), so it may be "
        "within --undo-window 1h"}},
      {"no marker, no window", DeletionTime::kUnknown, days{400}, no_window,
       {"delete: no current objects: only old versions and delete markers remain",
        "delete: deleted at an unknown time (no delete marker; newest version written 400d ago), --undo-window 0"}},
      {"marker dated 400 ms ahead, no window", DeletionTime::kKnown, -400ms, no_window,
       {"delete: no current objects: only old versions and delete markers remain",
        "delete: deleted 0s ago, older than --undo-window 0"}},
      {"marker dated 400 ms ahead, a window", DeletionTime::kKnown, -400ms, Within("7d"),
       {"keep: deleted 0s ago, within --undo-window 7d"}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const RetentionPolicy policy{.keep_last = 3, .undo_window = c.undo_window};
    Plan plan = MakePlan({Dep("current", 1h)}, policy, kNow);
    Deployment residue = Dep("residue", c.dated_ago);
    residue.deletion_time = c.deletion_time;
    AddResidue(plan, {residue}, policy, kNow);
    ASSERT_EQ(plan.decisions.size(), 2u);
    const Decision& decision = plan.decisions[1];
    std::vector<std::string> shown;
    for (const auto& reason : decision.reasons) {
      shown.push_back((decision.action == Action::kKeep ? "keep: " : "delete: ") + reason);
    }
    EXPECT_EQ(shown, c.expected);
  }
}

}  // namespace
}  // namespace s3prune::policy
