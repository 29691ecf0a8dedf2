#include "usecase/saved_plan_guards.h"

#include "usecase/pointers.h"

#include <gtest/gtest.h>


namespace s3prune::usecase {
namespace {

using std::chrono::hours;

policy::Timestamp At(int hours_after) {
  return policy::Timestamp(std::chrono::sys_days(std::chrono::year{2026} / 11 / 1)) + hours(hours_after);
}

PlanReport Plan() {
  PlanReport plan;
  plan.bucket = "deploys";
  plan.prefix = "sites/";
  plan.now = At(10);
  plan.server_time = true;
  plan.policy.keep_named = {{"s3://deploys/live.txt", {"d2"}, {1}, ""}};
  plan.plan.decisions = {{{"d1", At(1), At(1), 2, 20, 0, 0, 0}, policy::Action::kDelete, {"old"}}};
  return plan;
}

TEST(SavedPlanGuards, AgeIsMeasuredAgainstTheLimit) {
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

TEST(SavedPlanGuards, PointersMustNameWhatTheyNamedAtPlanTime) {
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

TEST(SavedPlanGuards, VersioningMustGiveTheDeleteEffectPlanned) {
  PlanReport plan = Plan();
  plan.delete_effect = DeleteEffect::kPermanent;
  EXPECT_FALSE(VersioningChanged(plan, s3::VersioningStatus::kNeverEnabled));
  EXPECT_TRUE(VersioningChanged(plan, s3::VersioningStatus::kEnabled));
  EXPECT_TRUE(VersioningChanged(plan, s3::VersioningStatus::kSuspended));
  plan.versions = true;  // every version is deleted whatever the state
  EXPECT_FALSE(VersioningChanged(plan, s3::VersioningStatus::kEnabled));
}

TEST(SavedPlanGuards, MaxDeleteCountsObjectsAndWithVersionsOldVersionsToo) {
  PlanReport plan = Plan();  // one doomed deployment: 2 objects, 3 noncurrent versions
  plan.plan.decisions[0].deployment.noncurrent_versions = 3;
  const struct {
    bool versions;
    std::optional<std::uint64_t> max_delete;
    bool refused;
  } cases[] = {{false, std::nullopt, false}, {false, 2, false}, {false, 1, true}, {true, 5, false},
               {true, 4, true}, {true, 0, true}};
  for (const auto& c : cases) {
    plan.versions = c.versions;
    EXPECT_EQ(MaxDeleteRefusal(c.max_delete, plan).has_value(), c.refused)
        << "versions " << c.versions << " max " << c.max_delete.value_or(999);
  }
  const auto why = MaxDeleteRefusal(1, Plan());
  ASSERT_TRUE(why.has_value());
  EXPECT_NE(why->find("more than --max-delete 1"), std::string::npos) << *why;
}

TEST(SavedPlanGuards, RequestOfSavedPlanTakesTargetPolicyAndPointersFromThePlan) {
  PlanRequest how;
  how.concurrency = 3;
  how.max_delete = 7;
  PlanReport plan = Plan();
  plan.via_lifecycle = true;
  const auto request = RequestOfSavedPlan(plan, how);
  ASSERT_TRUE(request.has_value()) << request.error();
  EXPECT_EQ(request->root.bucket, "deploys");
  EXPECT_EQ(request->root.key, "sites/");
  EXPECT_EQ(request->via, Via::kLifecycle);
  EXPECT_EQ(request->versions, Versions::kCurrentOnly);
  EXPECT_EQ(request->concurrency, 3u);
  EXPECT_EQ(request->max_delete, 7u);
  ASSERT_EQ(request->keep_from.size(), 1u);
  EXPECT_EQ(request->keep_from[0].bucket, "deploys");
  plan.policy.keep_named[0].source = "not a url";
  EXPECT_FALSE(RequestOfSavedPlan(plan, how).has_value());
}

}  // namespace
}  // namespace s3prune::usecase
