#include "prune/lifecycle_schedule.h"

#include <gtest/gtest.h>

namespace s3prune::prune {
namespace {

s3::LifecycleRule Foreign(std::string id, std::string prefix) {
  s3::LifecycleRule rule;
  rule.id = std::move(id);
  rule.prefix = std::move(prefix);
  rule.expiration_days = 30;
  rule.source_xml = "<Rule><ID>" + rule.id + "</ID></Rule>";
  return rule;
}

s3::LifecycleRule Ours(const std::string& id) {
  s3::LifecycleRule rule;
  rule.id = "s3prune:" + id;
  rule.prefix = "www/" + id + "/";
  rule.expiration_days = 1;
  return rule;
}

std::vector<std::string> Ids(const s3::LifecycleConfiguration& configuration) {
  std::vector<std::string> ids;
  for (const auto& rule : configuration.rules) ids.push_back(rule.id);
  return ids;
}

TEST(ScheduleExpiry, OneRulePerDoomedDeploymentInsideAFilterAfterTheOthersRules) {
  const s3::LifecycleConfiguration current{{Foreign("user-logs", "logs/")}};
  auto schedule = ScheduleExpiry(current, "www/", {"old-1", "old-2"}, {"new"}, false);
  ASSERT_TRUE(schedule) << schedule.error();
  EXPECT_EQ(Ids(schedule->configuration), (std::vector<std::string>{"user-logs", "s3prune:old-1", "s3prune:old-2"}));
  EXPECT_EQ(schedule->configuration.rules[0].source_xml, current.rules[0].source_xml) << "written back as read";
  const auto& rule = schedule->configuration.rules[1];
  EXPECT_EQ(rule.prefix, "www/old-1/");
  EXPECT_EQ(rule.expiration_days, 1);
  EXPECT_EQ(rule.abort_incomplete_multipart_days, 1);
  EXPECT_FALSE(rule.noncurrent_version_expiration_days);
  EXPECT_EQ(schedule->added, (std::vector<std::string>{"old-1", "old-2"}));
  EXPECT_EQ(schedule->foreign_rules, 1u);
}

TEST(ScheduleExpiry, WithVersionsOldVersionsAndTheMarkersGoToo) {
  auto schedule = ScheduleExpiry({}, "", {"old"}, {"new"}, true);
  ASSERT_TRUE(schedule);
  ASSERT_EQ(schedule->configuration.rules.size(), 2u);
  EXPECT_EQ(schedule->configuration.rules[0].noncurrent_version_expiration_days, 1);
  EXPECT_EQ(schedule->configuration.rules[1].id, "s3prune:old:markers");
  EXPECT_TRUE(schedule->configuration.rules[1].expired_object_delete_marker);
  EXPECT_FALSE(schedule->configuration.rules[1].expiration_days) << "S3 refuses Days with ExpiredObjectDeleteMarker";
}

TEST(ScheduleExpiry, RulesOfDeploymentsGoneOrKeptNowAreRemoved) {
  const s3::LifecycleConfiguration current{{Ours("rolled-back"), Ours("gone"), Ours("still-doomed"), Foreign("u", "")}};
  auto schedule = ScheduleExpiry(current, "www/", {"still-doomed", "new-doomed"}, {"rolled-back", "live"}, false);
  ASSERT_TRUE(schedule) << schedule.error();
  EXPECT_EQ(schedule->removed, (std::vector<std::string>{"gone", "rolled-back"}));
  EXPECT_EQ(schedule->unchanged, (std::vector<std::string>{"still-doomed"}));
  EXPECT_EQ(schedule->added, (std::vector<std::string>{"new-doomed"}));
  EXPECT_EQ(Ids(schedule->configuration),
            (std::vector<std::string>{"u", "s3prune:still-doomed", "s3prune:new-doomed"}));
}

TEST(ScheduleExpiry, AtMostAThousandRulesOldestFirstTheRestWait) {
  s3::LifecycleConfiguration current;
  for (int i = 0; i < 997; ++i) current.rules.push_back(Foreign("user-" + std::to_string(i), "u/"));
  auto schedule = ScheduleExpiry(current, "", {"oldest", "older", "old", "recent"}, {"new"}, false);
  ASSERT_TRUE(schedule);
  EXPECT_EQ(schedule->added, (std::vector<std::string>{"oldest", "older", "old"}));
  EXPECT_EQ(schedule->deferred, (std::vector<std::string>{"recent"}));
  EXPECT_EQ(schedule->configuration.rules.size(), kMaxLifecycleRules);
  auto versioned = ScheduleExpiry(current, "", {"oldest", "older"}, {"new"}, true);
  ASSERT_TRUE(versioned);
  EXPECT_EQ(versioned->added, (std::vector<std::string>{"oldest"}));
  EXPECT_EQ(versioned->deferred, (std::vector<std::string>{"older"}));
}

TEST(ScheduleExpiry, ARuleIsNeverWrittenOverAKeptDeploymentAndDep1IsNotDep10) {
  auto fine = ScheduleExpiry({}, "www/", {"dep1"}, {"dep10", "dep1-b"}, false);
  ASSERT_TRUE(fine) << fine.error();
  EXPECT_EQ(fine->configuration.rules[0].prefix, "www/dep1/");
  // A doomed id that is also kept (a bug upstream) must not produce a rule.
  auto both = ScheduleExpiry({}, "www/", {"dep1"}, {"dep1"}, false);
  ASSERT_FALSE(both);
  EXPECT_NE(both.error().find("would match kept deployment 'dep1'"), std::string::npos);
  auto too_long = ScheduleExpiry({}, "", {std::string(300, 'x')}, {}, false);
  ASSERT_FALSE(too_long);
  EXPECT_NE(too_long.error().find("too long for a lifecycle rule ID"), std::string::npos);
}

TEST(DeploymentOfRule, OnlyS3prunesRules) {
  EXPECT_EQ(DeploymentOfRule("s3prune:d1"), "d1");
  EXPECT_EQ(DeploymentOfRule("s3prune:d1:markers"), "d1");
  EXPECT_EQ(DeploymentOfRule("user rule"), "");
}

}  // namespace
}  // namespace s3prune::prune
