// `apply --via lifecycle` against Ceph RGW with `rgw lc debug interval` set (scripts/s3-server:
// a lifecycle "day" lasts 10 s): the server's own lifecycle worker expires the doomed
// deployments; the user's rules, the kept deployments, excluded prefixes and root objects stay;
// stale rules are removed on the next run, and a rollback removes the rule of the deployment
// that became live. The tests wait for the server's worker, polling, with a deadline.
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
  ScopedBucket bucket(server, "lifecycle");
  SeedDeployments(bucket.client(), bucket.name(), "site/", {{"d1", {"x"}}, {"d2", {"x"}}, {"d3", {"x"}}});
  const std::string target = "s3://" + bucket.name() + "/site/";
  const auto first = RunS3prune(server, {"apply", target, "--keep-last", "1", "--via", "lifecycle", "--yes", "-o", "json"});
  ASSERT_EQ(first.exit_code, 0) << Describe(first);
  EXPECT_EQ(RuleNamed(Rules(server, bucket.name()), "s3prune:d1")["Filter"]["Prefix"], "site/d1/");
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
  EXPECT_TRUE(RuleNamed(rules, "s3prune:d1").is_null()) << rules.dump();
  EXPECT_FALSE(RuleNamed(rules, "s3prune:d2").is_null()) << rules.dump();
}

TEST(CliLifecycle, ASavedPlanIsAppliedThroughLifecycleRulesToo) {
  S3PRUNE_REQUIRE_SERVER(server);
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

TEST(CliLifecycle, AVersionedBucketEndsWithNoVersionsUnderTheDoomedPrefixes) {
  S3PRUNE_REQUIRE_SERVER(server);
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
