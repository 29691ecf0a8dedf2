// --via lifecycle against an in-memory bucket that keeps a lifecycle configuration: the rules
// scheduled and written cover exactly the doomed deployments, others' rules survive verbatim,
// and a plan from an inventory report leaves out what changed since it. Which rules a
// configuration gets is tested pure in prune/lifecycle_schedule_test.cc.
#include "usecase/lifecycle_mode.h"

#include <gtest/gtest.h>

#include "s3/bucket_operations.h"
#include "usecase/usecase_test_fixtures.h"

namespace s3prune::usecase {
namespace {

using namespace test;

constexpr const char* kForeignRule =
    "<Rule><ID>archive-logs</ID><Filter><Prefix>logs/</Prefix></Filter><Status>Enabled</Status>"
    "<Transition><Days>30</Days><StorageClass>GLACIER</StorageClass></Transition></Rule>";

// A rule as s3prune writes it for deployment `id` of s3://deploys/www/ (`earlier`: as versions
// before the target prefix joined the ID wrote it).
std::string OurRule(const std::string& id, bool earlier = false) {
  return "<Rule><ID>s3prune:" + std::string(earlier ? "" : "www/") + id + "</ID><Filter><Prefix>www/" + id +
         "/</Prefix></Filter><Status>Enabled</Status><Expiration><Days>1</Days></Expiration></Rule>";
}

std::string Configuration(const std::string& rules) {
  return R"(<LifecycleConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">)" + rules +
         "</LifecycleConfiguration>";
}

std::vector<std::string> RuleIds(const s3::LifecycleConfiguration& configuration) {
  std::vector<std::string> ids;
  for (const auto& rule : configuration.rules) ids.push_back(rule.id);
  return ids;
}

// The bucket's configuration as the client reads it back.
s3::LifecycleConfiguration Stored(FakeBucket& bucket) {
  FakeBucketClient s3(bucket);
  auto configuration = s3::GetBucketLifecycle(s3.client(), kBucket);
  if (!configuration) ADD_FAILURE() << configuration.error().message;
  return configuration.value_or(s3::LifecycleConfiguration{});
}

TEST(ScheduleLifecycle, RulesCoverExactlyTheDoomedDeploymentsOldestFirst) {
  const struct {
    bool versions;
    std::vector<std::string> rules;
  } cases[] = {
      {false, {"s3prune:www/d1", "s3prune:www/d2"}},
      {true, {"s3prune:www/d1", "s3prune:www/d1:markers", "s3prune:www/d2", "s3prune:www/d2:markers"}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.versions ? "--versions" : "current only");
    FakeBucket bucket(kBucket);
    PutFourDeployments(bucket);
    FakeBucketClient s3(bucket);
    PlanReport report = FourDeploymentPlan();
    report.versions = c.versions;
    ASSERT_TRUE(ScheduleLifecycle(s3.client(), report));
    ASSERT_TRUE(report.lifecycle.has_value());
    EXPECT_TRUE(report.via_lifecycle);
    EXPECT_EQ(report.lifecycle->added, (std::vector<std::string>{"d1", "d2"}));
    EXPECT_EQ(RuleIds(report.lifecycle->configuration), c.rules);
    for (const auto& rule : report.lifecycle->configuration.rules) {
      EXPECT_EQ(rule.prefix, "www/" + prune::DeploymentOfRule(rule, "www/").value_or("?") + "/") << rule.id;
    }
    EXPECT_EQ(bucket.Requests(Operation::kGetLifecycle).size(), 1u);
    EXPECT_TRUE(bucket.Requests(Operation::kPutLifecycle).empty()) << "scheduling wrote the configuration";
  }
}

TEST(ScheduleLifecycle, AnUnreadableConfigurationIsReturned) {
  FakeBucket bucket(kBucket);
  bucket.AddRule(IsOperation(Operation::kGetLifecycle), Reply(403, ErrorXml("AccessDenied", "Access Denied")));
  FakeBucketClient s3(bucket);
  PlanReport report = FourDeploymentPlan();
  const auto scheduled = ScheduleLifecycle(s3.client(), report);
  ASSERT_FALSE(scheduled);
  EXPECT_EQ(scheduled.error().code, s3::ErrorCode::kAccessDenied);
  EXPECT_FALSE(report.lifecycle.has_value());
}

TEST(ScheduleLifecycle, AnIdNoRuleCanNameIsKeptWithAWarningNamingItAndTheRestIsScheduled) {
  const struct {
    const char* name;
    std::string id;
  } cases[] = {{"a control character", "d\x01"}, {"too long for a rule ID", std::string(250, 'x')}};
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    FakeBucket bucket(kBucket);
    FakeBucketClient s3(bucket);
    PlanReport report = FourDeploymentPlan();
    report.plan.decisions[3].deployment.id = c.id;  // the oldest doomed one
    ASSERT_TRUE(ScheduleLifecycle(s3.client(), report));
    EXPECT_EQ(report.lifecycle->added, (std::vector<std::string>{"d2"}));
    EXPECT_EQ(IdsOf(DoomedDeployments(report.plan)), (std::vector<std::string>{"d2"}));
    EXPECT_EQ(report.plan.decisions[3].action, policy::Action::kKeep);
    ASSERT_EQ(report.warnings.size(), 1u);
    EXPECT_TRUE(Contains(report.warnings[0], "'" + c.id + "' is left out of --via lifecycle")) << report.warnings[0];
    EXPECT_TRUE(Contains(report.warnings[0], "delete it directly")) << report.warnings[0];
  }
}

TEST(ScheduleLifecycle, DeploymentsBeyondTheRuleLimitWaitWithAWarning) {
  FakeBucket bucket(kBucket);
  std::string rules;
  for (int i = 0; i < 999; ++i) {
    rules += "<Rule><ID>other-" + std::to_string(i) + "</ID><Filter><Prefix>other/" + std::to_string(i) +
             "/</Prefix></Filter><Status>Enabled</Status><Expiration><Days>9</Days></Expiration></Rule>";
  }
  bucket.SetLifecycle(Configuration(rules));
  FakeBucketClient s3(bucket);
  PlanReport report = FourDeploymentPlan();
  ASSERT_TRUE(ScheduleLifecycle(s3.client(), report));
  EXPECT_EQ(report.lifecycle->added, (std::vector<std::string>{"d1"}));
  EXPECT_EQ(report.lifecycle->deferred, (std::vector<std::string>{"d2"}));
  ASSERT_EQ(report.warnings.size(), 1u);
  EXPECT_TRUE(Contains(report.warnings[0], "1 doomed deployments wait for the next run")) << report.warnings[0];
}

TEST(WriteLifecycle, StaleRulesGoForeignRulesStayVerbatimAndDoomedOnesAreAdded) {
  FakeBucket bucket(kBucket);
  PutFourDeployments(bucket);
  // d0 is gone, d3 is kept now (a rollback), d2 was scheduled by an earlier run.
  bucket.SetLifecycle(Configuration(OurRule("d0") + kForeignRule + OurRule("d3") + OurRule("d2", true)));
  FakeBucketClient s3(bucket);
  PlanReport plan = FourDeploymentPlan();
  const auto left_out = WriteLifecycle(s3.client(), plan);
  ASSERT_TRUE(left_out) << left_out.error().message;
  EXPECT_TRUE(left_out->empty());
  EXPECT_EQ(plan.lifecycle->removed, (std::vector<std::string>{"d0", "d3"}));
  EXPECT_EQ(plan.lifecycle->unchanged, (std::vector<std::string>{"d2"}));
  EXPECT_EQ(plan.lifecycle->added, (std::vector<std::string>{"d1"}));
  EXPECT_EQ(plan.lifecycle->foreign_rules, 1u);
  const auto puts = bucket.Requests(Operation::kPutLifecycle);
  ASSERT_EQ(puts.size(), 1u);
  EXPECT_FALSE(puts[0].Header("Content-MD5").empty()) << "S3 refuses a configuration without it";
  EXPECT_TRUE(bucket.Requests(Operation::kDeleteLifecycle).empty());
  ASSERT_TRUE(bucket.Lifecycle().has_value());
  EXPECT_TRUE(Contains(*bucket.Lifecycle(), kForeignRule)) << *bucket.Lifecycle();
  EXPECT_EQ(RuleIds(Stored(bucket)), (std::vector<std::string>{"archive-logs", "s3prune:www/d2", "s3prune:www/d1"}));
}

TEST(WriteLifecycle, DeletesTheConfigurationWhenNoRuleRemains) {
  FakeBucket bucket(kBucket);
  PutFourDeployments(bucket);
  bucket.SetLifecycle(Configuration(OurRule("d1")));
  FakeBucketClient s3(bucket);
  PlanReport plan = FourDeploymentPlan();
  for (auto& decision : plan.plan.decisions) decision.action = policy::Action::kKeep;  // a rollback keeps all
  const auto left_out = WriteLifecycle(s3.client(), plan);
  ASSERT_TRUE(left_out) << left_out.error().message;
  EXPECT_EQ(plan.lifecycle->removed, (std::vector<std::string>{"d1"}));
  EXPECT_EQ(bucket.Requests(Operation::kDeleteLifecycle).size(), 1u);
  EXPECT_TRUE(bucket.Requests(Operation::kPutLifecycle).empty());
  EXPECT_FALSE(bucket.Lifecycle().has_value()) << *bucket.Lifecycle();
}

TEST(LeaveOutChanged, ADoomedDeploymentWrittenToSinceTheReportIsKeptWithItsReason) {
  const struct {
    const char* name;
    const char* key;
    int hours_ago;  // when it was written; the report is 5 hours old
    bool left_out;
  } cases[] = {
      {"rewritten after the report", "www/d2/0", 1, true},
      {"rewritten before the report", "www/d2/0", 6, false},
      {"an object added before the report", "www/d2/9", 6, true},  // more objects than the report saw
      {"a kept deployment rewritten", "www/d3/0", 1, false},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    FakeBucket bucket(kBucket);
    PutFourDeployments(bucket);
    bucket.Put(c.key, kObjectSize, HoursAgo(c.hours_ago));
    FakeBucketClient s3(bucket);
    PlanReport plan = FourDeploymentPlan();
    plan.listed_at = kReportCreated;
    const auto left_out = LeaveOutChanged(s3.client(), plan, 4);  // listed in parallel
    ASSERT_TRUE(left_out) << left_out.error().message;
    const std::vector<std::string> doomed = c.left_out ? std::vector<std::string>{"d1"}
                                                       : std::vector<std::string>{"d2", "d1"};
    EXPECT_EQ(IdsOf(DoomedDeployments(plan.plan)), doomed);
    ASSERT_EQ(left_out->size(), c.left_out ? 1u : 0u);
    if (!c.left_out) continue;
    EXPECT_EQ((*left_out)[0].id, "d2");
    EXPECT_FALSE((*left_out)[0].reason.empty());
    const auto& d2 = plan.plan.decisions[2];
    ASSERT_EQ(d2.deployment.id, "d2");
    EXPECT_EQ(d2.action, policy::Action::kKeep);
    ASSERT_EQ(d2.reasons.size(), 1u);
    EXPECT_TRUE(Contains(d2.reasons[0], "changed since the inventory report (" + (*left_out)[0].reason + ")"))
        << d2.reasons[0];
  }
}

TEST(WriteLifecycle, WithAnInventoryReportWritesNoRuleForWhatChangedSinceIt) {
  FakeBucket bucket(kBucket);
  PutFourDeployments(bucket);
  bucket.Put("www/d2/0", kObjectSize, HoursAgo(1));
  FakeBucketClient s3(bucket);
  PlanReport plan = FourDeploymentPlan();
  plan.listed_at = kReportCreated;
  const auto left_out = WriteLifecycle(s3.client(), plan);
  ASSERT_TRUE(left_out) << left_out.error().message;
  ASSERT_EQ(left_out->size(), 1u);
  EXPECT_EQ((*left_out)[0].id, "d2");
  EXPECT_EQ(RuleIds(Stored(bucket)), (std::vector<std::string>{"s3prune:www/d1"}));
}

TEST(WriteLifecycle, ADeploymentWrittenToSinceThePlanGetsNoRule) {
  const struct {
    const char* name;
    const char* key;
    int hours_ago;
  } cases[] = {
      {"an object rewritten after the plan", "www/d2/0", -1},
      {"an object added (in the plan's second)", "www/d2/9", 0},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    FakeBucket bucket(kBucket);
    PutFourDeployments(bucket);
    bucket.Put(c.key, kObjectSize, HoursAgo(c.hours_ago));
    FakeBucketClient s3(bucket);
    PlanReport plan = FourDeploymentPlan();  // a plan without an inventory report
    plan.server_time = true;
    const auto left_out = WriteLifecycle(s3.client(), plan);
    ASSERT_TRUE(left_out) << left_out.error().message;
    ASSERT_EQ(left_out->size(), 1u);
    EXPECT_EQ((*left_out)[0].id, "d2");
    EXPECT_TRUE(Contains(plan.plan.decisions[2].reasons.at(0), "changed since the plan"))
        << plan.plan.decisions[2].reasons.at(0);
    EXPECT_EQ(RuleIds(Stored(bucket)), (std::vector<std::string>{"s3prune:www/d1"}));
  }
}

TEST(WriteLifecycle, ADeploymentThatCannotBeListedAgainStopsTheRunWithNothingWritten) {
  FakeBucket bucket(kBucket);
  PutFourDeployments(bucket);
  bucket.AddRule(IsOperation(Operation::kListObjects), Reply(403, ErrorXml("AccessDenied", "Access Denied")));
  FakeBucketClient s3(bucket);
  PlanReport plan = FourDeploymentPlan();
  const auto left_out = WriteLifecycle(s3.client(), plan, 4);
  ASSERT_FALSE(left_out);
  EXPECT_EQ(left_out.error().code, s3::ErrorCode::kAccessDenied);
  EXPECT_TRUE(bucket.Requests(Operation::kPutLifecycle).empty());
  EXPECT_EQ(IdsOf(DoomedDeployments(plan.plan)), (std::vector<std::string>{"d2", "d1"}));
}

TEST(WriteLifecycle, AConfigurationChangedBeforeTheWriteIsMergedAgainFromTheNewRead) {
  FakeBucket bucket(kBucket);
  PutFourDeployments(bucket);
  // The first read sees no configuration; the owner adds a rule before the read that checks it.
  bucket.SetLifecycle(Configuration(kForeignRule));
  bucket.AddRule(IsOperation(Operation::kGetLifecycle), Reply(404, ErrorXml("NoSuchLifecycleConfiguration", "none")), 1);
  FakeBucketClient s3(bucket);
  PlanReport plan = FourDeploymentPlan();
  const auto left_out = WriteLifecycle(s3.client(), plan);
  ASSERT_TRUE(left_out) << left_out.error().message;
  EXPECT_EQ(RuleIds(Stored(bucket)), (std::vector<std::string>{"archive-logs", "s3prune:www/d1", "s3prune:www/d2"}));
  EXPECT_TRUE(Contains(*bucket.Lifecycle(), kForeignRule)) << *bucket.Lifecycle();
  EXPECT_EQ(plan.lifecycle->foreign_rules, 1u);
  EXPECT_EQ(bucket.Requests(Operation::kPutLifecycle).size(), 1u);
}

TEST(WriteLifecycle, AConfigurationThatKeepsChangingIsRefusedWithNothingWritten) {
  FakeBucket bucket(kBucket);
  PutFourDeployments(bucket);
  for (int i = 0; i <= kMergeAttempts; ++i) {
    const std::string rule = "<Rule><ID>owner-" + std::to_string(i) +
                             "</ID><Filter><Prefix>logs/</Prefix></Filter><Status>Enabled</Status>"
                             "<Expiration><Days>30</Days></Expiration></Rule>";
    bucket.AddRule(IsOperation(Operation::kGetLifecycle), Reply(200, Configuration(rule)), 1);
  }
  FakeBucketClient s3(bucket);
  PlanReport plan = FourDeploymentPlan();
  const auto left_out = WriteLifecycle(s3.client(), plan);
  ASSERT_FALSE(left_out);
  EXPECT_EQ(left_out.error().code, s3::ErrorCode::kRefused);
  EXPECT_TRUE(Contains(left_out.error().message, "changed while s3prune merged")) << left_out.error().message;
  EXPECT_TRUE(bucket.Requests(Operation::kPutLifecycle).empty());
  EXPECT_TRUE(bucket.Requests(Operation::kDeleteLifecycle).empty());
}

TEST(RepairKeptRules, ApplyRemovesOnlyTheRulesOverKeptDeployments) {
  FakeBucket bucket(kBucket);
  PutFourDeployments(bucket);
  // d3 and d4 were scheduled by earlier runs (d4 in the earlier ID form) and are kept now; d2
  // is still doomed; another target's rule over its own d3 is not this target's.
  const std::string elsewhere = "<Rule><ID>s3prune:other/d3</ID><Filter><Prefix>other/d3/</Prefix></Filter>"
                                "<Status>Enabled</Status><Expiration><Days>1</Days></Expiration></Rule>";
  bucket.SetLifecycle(Configuration(kForeignRule + OurRule("d3") + OurRule("d4", true) + OurRule("d2") + elsewhere));
  FakeBucketClient s3(bucket);
  PlanReport plan = FourDeploymentPlan();
  ASSERT_TRUE(RepairKeptRules(s3.client(), plan, KeptRules::kRemove));
  EXPECT_EQ(RuleIds(Stored(bucket)), (std::vector<std::string>{"archive-logs", "s3prune:www/d2", "s3prune:other/d3"}));
  EXPECT_TRUE(Contains(*bucket.Lifecycle(), kForeignRule)) << *bucket.Lifecycle();
  EXPECT_EQ(plan.kept_rules_removed, (std::vector<std::string>{"d3", "d4"}));
  ASSERT_EQ(plan.warnings.size(), 2u);
  EXPECT_TRUE(Contains(plan.warnings[0], "removed lifecycle rule s3prune:www/d3")) << plan.warnings[0];
  EXPECT_EQ(IdsOf(DoomedDeployments(plan.plan)), (std::vector<std::string>{"d2", "d1"})) << "the plan is unchanged";
}

TEST(RepairKeptRules, PlanOnlyWarnsAndABucketWithoutRulesCostsOneRead) {
  FakeBucket bucket(kBucket);
  PutFourDeployments(bucket);
  bucket.SetLifecycle(Configuration(OurRule("d4")));
  FakeBucketClient s3(bucket);
  PlanReport plan = FourDeploymentPlan();
  ASSERT_TRUE(RepairKeptRules(s3.client(), plan, KeptRules::kWarn));
  ASSERT_EQ(plan.warnings.size(), 1u);
  EXPECT_TRUE(Contains(plan.warnings[0], "lifecycle rule s3prune:www/d4 would expire deployment 'd4'"))
      << plan.warnings[0];
  EXPECT_TRUE(Contains(plan.warnings[0], "apply removes the rule")) << plan.warnings[0];
  EXPECT_TRUE(bucket.Requests(Operation::kPutLifecycle).empty());

  FakeBucket empty(kBucket);
  PutFourDeployments(empty);
  FakeBucketClient empty_s3(empty);
  PlanReport clean = FourDeploymentPlan();
  ASSERT_TRUE(RepairKeptRules(empty_s3.client(), clean, KeptRules::kRemove));
  EXPECT_TRUE(clean.warnings.empty());
  EXPECT_EQ(empty.Requests(Operation::kGetLifecycle).size(), 1u);
  EXPECT_TRUE(empty.Requests(Operation::kPutLifecycle).empty());
  EXPECT_TRUE(empty.Requests(Operation::kDeleteLifecycle).empty());
}

TEST(RepairKeptRules, AConfigurationThatCannotBeReadIsAWarningForAPlainRun) {
  FakeBucket bucket(kBucket);
  bucket.AddRule(IsOperation(Operation::kGetLifecycle), Reply(403, ErrorXml("AccessDenied", "no")));
  FakeBucketClient s3(bucket);
  PlanReport plan = FourDeploymentPlan();
  ASSERT_TRUE(RepairKeptRules(s3.client(), plan, KeptRules::kRemove));
  ASSERT_EQ(plan.warnings.size(), 1u);
  EXPECT_TRUE(Contains(plan.warnings[0], "could not read the bucket's lifecycle rules")) << plan.warnings[0];
}

TEST(RepairKeptRules, AStoreWithoutLifecycleHasNoRuleToRepairAndNothingToSay) {
  FakeBucket bucket(kBucket);
  bucket.AddRule(IsOperation(Operation::kGetLifecycle), Reply(501, ErrorXml("NotImplemented", "no")));
  FakeBucketClient s3(bucket);
  PlanReport plan = FourDeploymentPlan();
  ASSERT_TRUE(RepairKeptRules(s3.client(), plan, KeptRules::kRemove));
  EXPECT_TRUE(plan.warnings.empty()) << plan.warnings.front();
  EXPECT_EQ(bucket.Requests(Operation::kGetLifecycle).size(), 1u) << "NotImplemented is not retried";
}

TEST(WriteLifecycle, RulesTheRepairRemovedCountAsRemoved) {
  FakeBucket bucket(kBucket);
  PutFourDeployments(bucket);
  bucket.SetLifecycle(Configuration(OurRule("d3") + OurRule("d0")));
  FakeBucketClient s3(bucket);
  PlanReport plan = FourDeploymentPlan();
  ASSERT_TRUE(RepairKeptRules(s3.client(), plan, KeptRules::kRemove));
  ASSERT_TRUE(WriteLifecycle(s3.client(), plan));
  EXPECT_EQ(plan.lifecycle->removed, (std::vector<std::string>{"d0", "d3"}));
  EXPECT_EQ(RuleIds(Stored(bucket)), (std::vector<std::string>{"s3prune:www/d1", "s3prune:www/d2"}));
}

}  // namespace
}  // namespace s3prune::usecase
