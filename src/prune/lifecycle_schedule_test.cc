#include "prune/lifecycle_schedule.h"

#include <gtest/gtest.h>

#include <optional>

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

// A rule as s3prune writes it for deployment `id` of s3://b/www/.
s3::LifecycleRule Ours(const std::string& id) {
  s3::LifecycleRule rule;
  rule.id = "s3prune:www/" + id;
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
  EXPECT_EQ(Ids(schedule->configuration), (std::vector<std::string>{"user-logs", "s3prune:www/old-1", "s3prune:www/old-2"}));
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
            (std::vector<std::string>{"u", "s3prune:www/still-doomed", "s3prune:www/new-doomed"}));
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
}

TEST(ScheduleExpiry, AnIdNoRuleCanNameIsLeftOutAndTheRestIsScheduled) {
  const struct {
    const char* name;
    std::string prefix;
    std::string id;
  } cases[] = {
      {"a control character", "www/", std::string("bad\x01id")},
      {"invalid UTF-8", "www/", std::string("bad\xffid")},
      {"a rule ID over 255 bytes", "www/", std::string(240, 'x')},
      {"a prefix that makes the ID too long", std::string(200, 'p') + "/", std::string(50, 'x')},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    auto schedule = ScheduleExpiry({}, c.prefix, {c.id, "fine"}, {"new"}, false);
    ASSERT_TRUE(schedule) << schedule.error();
    EXPECT_EQ(schedule->added, (std::vector<std::string>{"fine"}));
    ASSERT_EQ(schedule->unschedulable.size(), 1u);
    EXPECT_EQ(schedule->unschedulable[0].id, c.id);
    EXPECT_FALSE(schedule->unschedulable[0].reason.empty());
    EXPECT_EQ(Ids(schedule->configuration), (std::vector<std::string>{"s3prune:" + c.prefix + "fine"}));
  }
  auto tab = ScheduleExpiry({}, "", {"tab\tid"}, {}, false);  // XML carries tab, LF and CR
  ASSERT_TRUE(tab);
  EXPECT_EQ(tab->added, (std::vector<std::string>{"tab\tid"}));
}

TEST(ScheduleExpiry, AnotherTargetsRulesInTheSameBucketAreNeverTouched) {
  // siteA scheduled its d1 and d2; siteB has its own d1, d2, d3 and keeps d3.
  s3::LifecycleConfiguration current;
  for (const std::string id : {"d1", "d2"}) {
    s3::LifecycleRule rule;
    rule.id = "s3prune:siteA/" + id;
    rule.prefix = "siteA/" + id + "/";
    rule.expiration_days = 1;
    current.rules.push_back(rule);
  }
  auto schedule = ScheduleExpiry(current, "siteB/", {"d1"}, {"d2", "d3"}, false);
  ASSERT_TRUE(schedule) << schedule.error();
  EXPECT_EQ(Ids(schedule->configuration), (std::vector<std::string>{"s3prune:siteA/d1", "s3prune:siteA/d2", "s3prune:siteB/d1"}));
  EXPECT_EQ(schedule->configuration.rules[0], current.rules[0]);
  EXPECT_TRUE(schedule->removed.empty());
  EXPECT_EQ(schedule->added, (std::vector<std::string>{"d1"}));
  EXPECT_EQ(schedule->foreign_rules, 2u);
  const auto repair = RemoveRulesOfKept(current, "siteB/", {"d1", "d2"});
  EXPECT_TRUE(repair.rule_ids.empty());
  EXPECT_EQ(repair.configuration, current);
}

TEST(ScheduleExpiry, ARuleOfAnEarlierVersionWithoutThePrefixIsStillThisTargets) {
  s3::LifecycleRule old_form = Ours("d1");
  old_form.id = "s3prune:d1";
  auto schedule = ScheduleExpiry({{old_form}}, "www/", {"d1"}, {"d2"}, false);
  ASSERT_TRUE(schedule) << schedule.error();
  EXPECT_EQ(schedule->unchanged, (std::vector<std::string>{"d1"}));
  EXPECT_EQ(Ids(schedule->configuration), (std::vector<std::string>{"s3prune:www/d1"})) << "rewritten in today's form";
  auto gone = ScheduleExpiry({{old_form}}, "www/", {}, {"d1"}, false);
  ASSERT_TRUE(gone) << gone.error();
  EXPECT_EQ(gone->removed, (std::vector<std::string>{"d1"}));
  EXPECT_TRUE(gone->configuration.rules.empty());
}

TEST(RemoveRulesOfKept, OnlyThisTargetsRulesOverKeptDeploymentsGo) {
  s3::LifecycleRule old_form = Ours("d1");
  old_form.id = "s3prune:d1";
  s3::LifecycleRule markers = Ours("d1");
  markers.id += ":markers";
  s3::LifecycleRule elsewhere = Ours("d1");
  elsewhere.id = "s3prune:other/d1";
  elsewhere.prefix = "other/d1/";
  const s3::LifecycleConfiguration current{{Foreign("user", "www/d1/"), old_form, markers, Ours("d2"), elsewhere}};
  const auto repair = RemoveRulesOfKept(current, "www/", {"d1", "d3"});
  EXPECT_EQ(repair.rule_ids, (std::vector<std::string>{"s3prune:d1", "s3prune:www/d1:markers"}));
  EXPECT_EQ(repair.kept, (std::vector<std::string>{"d1"}));
  EXPECT_EQ(Ids(repair.configuration), (std::vector<std::string>{"user", "s3prune:www/d2", "s3prune:other/d1"}))
      << "a user's rule is the user's, even over a kept deployment";
  EXPECT_TRUE(RemoveRulesOfKept(current, "www/", {"d3"}).rule_ids.empty());
}

TEST(DeploymentOfRule, OnlyThisTargetsS3pruneRulesWithTheirOwnFilter) {
  const struct {
    const char* id;
    const char* filter;
    std::optional<std::string> deployment;  // for the target s3://b/www/
  } cases[] = {
      {"s3prune:www/d1", "www/d1/", "d1"},
      {"s3prune:www/d1:markers", "www/d1/", "d1"},
      {"s3prune:d1", "www/d1/", "d1"},  // an earlier version's ID
      {"s3prune:d1:markers", "www/d1/", "d1"},
      {"s3prune:www/x:markers", "www/x:markers/", "x:markers"},  // an id may end in ":markers"
      {"s3prune:other/d1", "other/d1/", std::nullopt},          // another target's
      {"s3prune:d1", "other/d1/", std::nullopt},                // another target's, earlier form
      {"s3prune:www/d1", "www/d2/", std::nullopt},              // ID and filter disagree
      {"s3prune:www/d1", "www/d1", std::nullopt},               // not a whole segment
      {"s3prune:www/d1", "www/", std::nullopt},
      {"s3prune:www/a/b", "www/a/b/", std::nullopt},            // not one deployment
      {"user rule", "www/d1/", std::nullopt},
  };
  for (const auto& c : cases) {
    s3::LifecycleRule rule;
    rule.id = c.id;
    rule.prefix = c.filter;
    EXPECT_EQ(DeploymentOfRule(rule, "www/"), c.deployment) << c.id << " over " << c.filter;
  }
  s3::LifecycleRule root;
  root.id = "s3prune:d1";
  root.prefix = "d1/";
  EXPECT_EQ(DeploymentOfRule(root, ""), "d1");
  EXPECT_EQ(RuleIdOf("www/", "d1"), "s3prune:www/d1");
}

}  // namespace
}  // namespace s3prune::prune
