// `apply --via lifecycle` against Ceph RGW with `rgw lc debug interval` set (scripts/s3-server:
// a lifecycle "day" lasts 10 s): the server's own lifecycle worker expires the doomed
// deployments; the user's rules, the kept deployments, excluded prefixes and root objects stay;
// stale rules are removed on the next run, and a rollback removes the rule of the deployment
// that became live (on every run, refused or plain). Rules carry their target's prefix, so two
// targets share a bucket; a deployment written to since the plan, or whose id XML cannot
// carry, gets no rule. The tests that need the server's worker wait for it, polling, with a
// deadline; the others write rules of 3650 days or check only the configuration.
// On a server without lifecycle (Swift) each test checks instead that --via lifecycle is
// refused clearly and changes nothing (S3PRUNE_LIFECYCLE_OR_REFUSAL).
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <thread>

#include "cli_fixtures.h"
#include "test_server.h"

namespace s3prune::testing {
namespace {

// Polls `done` once a second until it holds or `limit` passes; returns whether it held.
bool WaitFor(const std::function<bool()>& done, std::chrono::seconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::seconds(1));
  }
  return done();
}

nlohmann::json Rules(const TestServer& server, const std::string& bucket) {
  const auto aws = RunAws(server, {"s3api", "get-bucket-lifecycle-configuration", "--bucket", bucket});
  if (aws.exit_code != 0) return nlohmann::json::array();  // NoSuchLifecycleConfiguration
  return nlohmann::json::parse(aws.out)["Rules"];
}

nlohmann::json RuleNamed(const nlohmann::json& rules, const std::string& id) {
  for (const auto& rule : rules) {
    if (rule["ID"] == id) return rule;
  }
  return nullptr;
}

const char* kUserRule =
    R"({"Rules": [{"ID": "user-logs", "Filter": {"Prefix": "logs/"}, "Status": "Enabled",
                   "Expiration": {"Days": 3650}}]})";

TEST(CliLifecycle, TheServerExpiresTheDoomedDeploymentsAndNothingElse) {
  S3PRUNE_REQUIRE_SERVER(server);
  S3PRUNE_LIFECYCLE_OR_REFUSAL(server);
  ScopedBucket bucket(server, "lifecycle");
  SeedDeployments(bucket.client(), bucket.name(), "", {{"a", {"x", "y"}}, {"b", {"x"}}, {"c", {"x"}}});
  PutObjects(bucket.client(), bucket.name(), {"logs/app.log", "index.html", "a-b/kept-by-its-own-rule"});
  ASSERT_EQ(RunAws(server, {"s3api", "put-bucket-lifecycle-configuration", "--bucket", bucket.name(),
                            "--lifecycle-configuration", kUserRule})
                .exit_code,
            0);
  const auto user_rule = RuleNamed(Rules(server, bucket.name()), "user-logs");
  const std::string target = "s3://" + bucket.name() + "/";

  const auto run = RunS3prune(server, {"apply", target, "--keep-last", "2", "--exclude", "logs", "--via", "lifecycle",
                                       "--yes", "-o", "json"});
  ASSERT_EQ(run.exit_code, 0) << Describe(run);
  const auto document = ParseJson(run);
  EXPECT_EQ(document["lifecycle"]["added"], (nlohmann::json{"a", "b"})) << run.out;  // oldest first
  const auto rules = Rules(server, bucket.name());
  EXPECT_EQ(RuleNamed(rules, "user-logs"), user_rule) << rules.dump();
  // The prefix sits inside <Filter>: RGW would apply a rule-level <Prefix> to the whole bucket.
  EXPECT_EQ(RuleNamed(rules, "s3prune:a")["Filter"]["Prefix"], "a/") << rules.dump();
  EXPECT_FALSE(RuleNamed(rules, "s3prune:a").contains("Prefix")) << rules.dump();

  const bool expired = WaitFor(
      [&] {
        const auto keys = AwsListKeys(server, bucket.name());
        return KeysOutside(keys, {"a/", "b/"}).size() == keys.size();
      },
      std::chrono::seconds(150));
  EXPECT_TRUE(expired) << "RGW's lifecycle worker did not expire a/ and b/";
  EXPECT_EQ(Sorted(AwsListKeys(server, bucket.name())),
            (std::vector<std::string>{"a-b/kept-by-its-own-rule", "c/x", "index.html", "logs/app.log"}));

  // The next run removes the rules of the deployments that are gone, and keeps the user's.
  const auto again = RunS3prune(server, {"apply", target, "--keep-last", "2", "--exclude", "logs", "--via",
                                         "lifecycle", "--yes", "-o", "json"});
  ASSERT_EQ(again.exit_code, 0) << Describe(again);
  EXPECT_EQ(ParseJson(again)["lifecycle"]["removed"], (nlohmann::json{"a", "b"})) << again.out;
  const auto after = Rules(server, bucket.name());
  ASSERT_EQ(after.size(), 1u) << after.dump();
  EXPECT_EQ(after[0], user_rule);
}

TEST(CliLifecycle, ARollbackRemovesTheRuleOfTheDeploymentThatBecameLive) {
  S3PRUNE_REQUIRE_SERVER(server);
  S3PRUNE_LIFECYCLE_OR_REFUSAL(server);
  ScopedBucket bucket(server, "lifecycle");
  SeedDeployments(bucket.client(), bucket.name(), "site/", {{"d1", {"x"}}, {"d2", {"x"}}, {"d3", {"x"}}});
  const std::string target = "s3://" + bucket.name() + "/site/";
  const auto first = RunS3prune(server, {"apply", target, "--keep-last", "1", "--via", "lifecycle", "--yes", "-o", "json"});
  ASSERT_EQ(first.exit_code, 0) << Describe(first);
  EXPECT_EQ(RuleNamed(Rules(server, bucket.name()), "s3prune:site/d1")["Filter"]["Prefix"], "site/d1/");
  // ls marks what the lifecycle engine is expiring.
  const auto ls = ParseJson(RunS3prune(server, {"ls", target, "-o", "json"}));
  for (const auto& deployment : ls["deployments"]) {
    EXPECT_EQ(deployment["scheduled_for_expiry"], deployment["id"] != "d3") << deployment.dump();
  }
  const auto table = RunS3prune(server, {"ls", target});
  EXPECT_NE(table.out.find("scheduled (lifecycle)"), std::string::npos) << table.out;

  // A rollback: d1 is live again.
  PutObjects(bucket.client(), bucket.name(), {"pointers/live.txt"}, std::string("d1\n"));
  const auto rolled = RunS3prune(server, {"apply", target, "--keep-last", "1", "--keep-from",
                                          "s3://" + bucket.name() + "/pointers/live.txt", "--via", "lifecycle", "--yes",
                                          "-o", "json"});
  ASSERT_EQ(rolled.exit_code, 0) << Describe(rolled);
  const auto document = ParseJson(rolled);
  EXPECT_EQ(document["lifecycle"]["removed"], (nlohmann::json{"d1"})) << rolled.out;
  EXPECT_EQ(document["lifecycle"]["unchanged"], (nlohmann::json{"d2"})) << rolled.out;
  const auto rules = Rules(server, bucket.name());
  EXPECT_TRUE(RuleNamed(rules, "s3prune:site/d1").is_null()) << rules.dump();
  EXPECT_FALSE(RuleNamed(rules, "s3prune:site/d2").is_null()) << rules.dump();
}

TEST(CliLifecycle, ASavedPlanIsAppliedThroughLifecycleRulesToo) {
  S3PRUNE_REQUIRE_SERVER(server);
  S3PRUNE_LIFECYCLE_OR_REFUSAL(server);
  ScopedBucket bucket(server, "lifecycle");
  SeedDeployments(bucket.client(), bucket.name(), "", {{"d1", {"x"}}, {"d2", {"x"}}, {"d3", {"x"}}});
  const auto path = std::filesystem::temp_directory_path() / ("s3prune-lc-plan-" + std::to_string(::getpid()) + ".json");
  const auto plan = RunS3prune(server, {"plan", "s3://" + bucket.name() + "/", "--keep-last", "2", "--via", "lifecycle",
                                        "--out", path.string()});
  ASSERT_EQ(plan.exit_code, 0) << Describe(plan);
  // Newer deployments arriving meanwhile change nothing: the saved plan doomed d1 alone.
  SeedDeployments(bucket.client(), bucket.name(), "", {{"d4", {"x"}}});
  const auto apply = RunS3prune(server, {"apply", "--plan", path.string(), "--yes", "-o", "json"});
  ASSERT_EQ(apply.exit_code, 0) << Describe(apply);
  EXPECT_EQ(ParseJson(apply)["lifecycle"]["added"], (nlohmann::json{"d1"})) << apply.out;
  const auto rules = Rules(server, bucket.name());
  ASSERT_EQ(rules.size(), 1u) << rules.dump();
  EXPECT_EQ(rules[0]["ID"], "s3prune:d1");
  std::filesystem::remove(path);
}

// A rule as an earlier s3prune wrote it (its ID without the target prefix), or as today's
// writes it; 3650 days, so that RGW's worker expires nothing while the test runs.
nlohmann::json S3pruneRule(const std::string& id, const std::string& filter) {
  return {{"ID", id}, {"Filter", {{"Prefix", filter}}}, {"Status", "Enabled"}, {"Expiration", {{"Days", 3650}}}};
}

void PutRules(const TestServer& server, const std::string& bucket, const nlohmann::json& rules) {
  const auto put = RunAws(server, {"s3api", "put-bucket-lifecycle-configuration", "--bucket", bucket,
                                   "--lifecycle-configuration", nlohmann::json{{"Rules", rules}}.dump()});
  ASSERT_EQ(put.exit_code, 0) << Describe(put);
}

std::vector<std::string> RuleIds(const nlohmann::json& rules) {
  std::vector<std::string> ids;
  for (const auto& rule : rules) ids.push_back(rule["ID"]);
  return Sorted(ids);
}

TEST(CliLifecycle, ARefusedOrPlainRunRemovesTheRuleOfADeploymentKeptAgain) {
  S3PRUNE_REQUIRE_SERVER(server);
  S3PRUNE_LIFECYCLE_OR_REFUSAL(server);
  ScopedBucket bucket(server, "lifecycle");
  SeedDeployments(bucket.client(), bucket.name(), "site/", {{"d1", {"x"}}, {"d2", {"x"}}, {"d3", {"x"}}});
  // d1 and d2 were scheduled (d1 by an earlier version); then a rollback made d1 live.
  PutObjects(bucket.client(), bucket.name(), {"pointers/live.txt"}, std::string("d1\n"));
  const nlohmann::json scheduled = {S3pruneRule("s3prune:d1", "site/d1/"), S3pruneRule("s3prune:site/d2", "site/d2/")};
  PutRules(server, bucket.name(), scheduled);
  const std::string target = "s3://" + bucket.name() + "/site/";
  const std::vector<std::string> policy = {"--keep-last", "1", "--keep-from", "s3://" + bucket.name() + "/pointers/live.txt"};
  const auto with = [&](std::vector<std::string> head, const std::vector<std::string>& tail) {
    head.insert(head.end(), policy.begin(), policy.end());
    head.insert(head.end(), tail.begin(), tail.end());
    return head;
  };

  const auto plan = RunS3prune(server, with({"plan", target}, {}));
  ASSERT_EQ(plan.exit_code, 0) << Describe(plan);
  EXPECT_NE(plan.err.find("warning: lifecycle rule s3prune:d1 would expire deployment 'd1'"), std::string::npos)
      << plan.err;
  EXPECT_EQ(RuleIds(Rules(server, bucket.name())), (std::vector<std::string>{"s3prune:d1", "s3prune:site/d2"}));

  // Refused by --max-delete (d2 is doomed): the rule over d1 goes all the same.
  const auto refused = RunS3prune(server, with({"apply", target}, {"--via", "lifecycle", "--max-delete", "0", "--yes",
                                                                   "-o", "json"}));
  ASSERT_EQ(refused.exit_code, 1) << Describe(refused);
  EXPECT_EQ(ParseJson(refused)["error"]["code"], "refused") << refused.out;
  EXPECT_TRUE(AnyContains(ParseJson(refused)["plan"]["warnings"], "removed lifecycle rule s3prune:d1")) << refused.out;
  EXPECT_EQ(RuleIds(Rules(server, bucket.name())), (std::vector<std::string>{"s3prune:site/d2"}));

  // Refused for want of a confirmation (stdin is not a terminal, no --yes): the same.
  PutRules(server, bucket.name(), scheduled);
  const auto unconfirmed = RunS3prune(server, with({"apply", target}, {"--via", "lifecycle"}));
  ASSERT_EQ(unconfirmed.exit_code, 1) << Describe(unconfirmed);
  EXPECT_NE(unconfirmed.err.find("without confirmation"), std::string::npos) << unconfirmed.err;
  EXPECT_EQ(RuleIds(Rules(server, bucket.name())), (std::vector<std::string>{"s3prune:site/d2"}));

  // A plain apply with nothing to delete removes it too.
  PutRules(server, bucket.name(), scheduled);
  const auto plain = RunS3prune(server, {"apply", target, "--keep-last", "3", "--keep-from",
                                         "s3://" + bucket.name() + "/pointers/live.txt", "--yes"});
  ASSERT_EQ(plain.exit_code, 0) << Describe(plain);
  EXPECT_NE(plain.out.find("Nothing to delete"), std::string::npos) << plain.out;
  EXPECT_NE(plain.err.find("removed lifecycle rule s3prune:d1"), std::string::npos) << plain.err;
  EXPECT_TRUE(Rules(server, bucket.name()).empty()) << "d2 is kept by --keep-last 3: its rule goes too";
  EXPECT_EQ(AwsListKeys(server, bucket.name()).size(), 4u);
}

TEST(CliLifecycle, ASavedPlanGivesNoRuleToADeploymentRedeployedSinceIt) {
  S3PRUNE_REQUIRE_SERVER(server);
  S3PRUNE_LIFECYCLE_OR_REFUSAL(server);
  ScopedBucket bucket(server, "lifecycle");
  SeedDeployments(bucket.client(), bucket.name(), "site/", {{"d1", {"x"}}, {"d2", {"x"}}, {"d3", {"x"}}});
  const auto path = std::filesystem::temp_directory_path() / ("s3prune-lc-redeploy-" + std::to_string(::getpid()) + ".json");
  const auto plan = RunS3prune(server, {"plan", "s3://" + bucket.name() + "/site/", "--keep-last", "1", "--via",
                                        "lifecycle", "--out", path.string()});
  ASSERT_EQ(plan.exit_code, 0) << Describe(plan);
  PutObjects(bucket.client(), bucket.name(), {"site/d2/x", "site/d2/y"});  // d2 is deployed again
  const auto apply = RunS3prune(server, {"apply", "--plan", path.string(), "--yes", "-o", "json"});
  EXPECT_EQ(apply.exit_code, 4) << Describe(apply);
  const auto document = ParseJson(apply);
  ASSERT_EQ(document["changed_since_plan"].size(), 1u) << apply.out;
  EXPECT_EQ(document["changed_since_plan"][0]["deployment"], "d2");
  EXPECT_EQ(document["lifecycle"]["added"], (nlohmann::json{"d1"})) << apply.out;
  EXPECT_EQ(RuleIds(Rules(server, bucket.name())), (std::vector<std::string>{"s3prune:site/d1"}));
  std::filesystem::remove(path);
}

TEST(CliLifecycle, TwoTargetsInOneBucketKeepEachOthersRules) {
  S3PRUNE_REQUIRE_SERVER(server);
  S3PRUNE_LIFECYCLE_OR_REFUSAL(server);
  ScopedBucket bucket(server, "lifecycle");
  for (const std::string site : {"siteA/", "siteB/"}) {
    SeedDeployments(bucket.client(), bucket.name(), site, {{"d1", {"x"}}, {"d2", {"x"}}, {"d3", {"x"}}});
  }
  for (const std::string site : {"siteA/", "siteB/"}) {
    const auto run = RunS3prune(server, {"apply", "s3://" + bucket.name() + "/" + site, "--keep-last", "1", "--via",
                                         "lifecycle", "--yes", "-o", "json"});
    ASSERT_EQ(run.exit_code, 0) << Describe(run);
    EXPECT_EQ(ParseJson(run)["lifecycle"]["removed"], nlohmann::json::array()) << run.out;
  }
  const auto rules = Rules(server, bucket.name());
  EXPECT_EQ(RuleIds(rules), (std::vector<std::string>{"s3prune:siteA/d1", "s3prune:siteA/d2", "s3prune:siteB/d1",
                                                      "s3prune:siteB/d2"}));
  EXPECT_EQ(RuleNamed(rules, "s3prune:siteA/d1")["Filter"]["Prefix"], "siteA/d1/") << rules.dump();
  EXPECT_EQ(RuleNamed(rules, "s3prune:siteB/d1")["Filter"]["Prefix"], "siteB/d1/") << rules.dump();
}

TEST(CliLifecycle, ADeploymentWhoseIdXmlCannotCarryIsLeftOutWithAWarning) {
  S3PRUNE_REQUIRE_SERVER(server);
  S3PRUNE_LIFECYCLE_OR_REFUSAL(server);
  ScopedBucket bucket(server, "lifecycle");
  SeedDeployments(bucket.client(), bucket.name(), "", {{"d\x01", {"x"}}, {"d2", {"x"}}, {"d3", {"x"}}});
  const auto run = RunS3prune(server, {"apply", "s3://" + bucket.name() + "/", "--keep-last", "1", "--via",
                                       "lifecycle", "--yes"});
  ASSERT_EQ(run.exit_code, 0) << Describe(run);
  EXPECT_NE(run.err.find("warning: deployment 'd\\x01' is left out of --via lifecycle"), std::string::npos) << run.err;
  EXPECT_EQ(RuleIds(Rules(server, bucket.name())), (std::vector<std::string>{"s3prune:d2"}));
}

TEST(CliLifecycle, AVersionedBucketEndsWithNoVersionsUnderTheDoomedPrefixes) {
  S3PRUNE_REQUIRE_SERVER(server);
  S3PRUNE_LIFECYCLE_OR_REFUSAL(server);
  ScopedBucket bucket(server, "lifecycle", ScopedBucket::Versioning::kEnabled);
  SeedDeployments(bucket.client(), bucket.name(), "", {{"old", {"x"}}, {"new", {"x"}}});
  // A second version of each, one after the other, so that "new" stays the most recent.
  PutObjects(bucket.client(), bucket.name(), {"old/x"});
  PutObjects(bucket.client(), bucket.name(), {"new/x"});
  const auto run = RunS3prune(server, {"apply", "s3://" + bucket.name() + "/", "--keep-last", "1", "--versions",
                                       "--via", "lifecycle", "--yes"});
  ASSERT_EQ(run.exit_code, 0) << Describe(run);
  EXPECT_TRUE(RuleNamed(Rules(server, bucket.name()), "s3prune:old:markers")["Expiration"]["ExpiredObjectDeleteMarker"]);
  const bool purged = WaitFor([&] { return AwsVersionCount(server, bucket.name(), "old/") == 0; }, std::chrono::seconds(240));
  EXPECT_TRUE(purged) << AwsVersionCount(server, bucket.name(), "old/") << " versions and markers left under old/";
  EXPECT_EQ(AwsVersionCount(server, bucket.name(), "new/"), 2u);
}

}  // namespace
}  // namespace s3prune::testing
