// `s3prune plan` and `ls` against a real bucket: every policy rule, the prefix and id
// boundaries, the JSON schema, and the mirror test that a plan changes nothing.
// Deployments are seeded in order, so upload order is age order (see cli_fixtures.h).
#include <regex>

#include <gtest/gtest.h>

#include "cli_fixtures.h"
#include "test_server.h"

namespace s3prune::testing {
namespace {

using Map = std::map<std::string, std::string>;

class CliPlan : public ::testing::Test {
 protected:
  // Runs `plan <target> <args> --output json` and returns the document.
  static nlohmann::json Plan(const TestServer& server, const std::string& target, std::vector<std::string> args) {
    args.insert(args.begin(), {"plan", target});
    args.insert(args.end(), {"--output", "json"});
    const auto run = RunS3prune(server, args);
    EXPECT_EQ(run.exit_code, 0) << Describe(run);
    return ParseJson(run);
  }
};

TEST_F(CliPlan, KeepLastKeepsTheMostRecentAndThePlanChangesNothing) {
  S3PRUNE_REQUIRE_SERVER(server);
  ScopedBucket bucket(server, "plan");
  SeedDeployments(bucket.client(), bucket.name(), "",
                  {{"a", {"index.html", "app.js"}}, {"b", {"index.html"}}, {"c", {"index.html"}}, {"d", {"index.html"}}});
  PutObjects(bucket.client(), bucket.name(), {"index.html"});
  const auto before = AwsListKeys(server, bucket.name());
  const std::string target = "s3://" + bucket.name() + "/";

  const auto table = RunS3prune(server, {"plan", target, "--keep-last", "2"});
  EXPECT_EQ(table.exit_code, 0) << Describe(table);
  EXPECT_NE(table.out.find("nothing was deleted"), std::string::npos) << table.out;
  const auto document = Plan(server, target, {"--keep-last", "2"});
  EXPECT_EQ(Actions(document), (Map{{"a", "delete"}, {"b", "delete"}, {"c", "keep"}, {"d", "keep"}}));
  EXPECT_EQ(document["deployments"][0]["id"], "d");  // most recent first
  EXPECT_TRUE(AnyContains(FindDeployment(document, "b")["reasons"], "not among the 2 most recent"));
  EXPECT_TRUE(AnyContains(FindDeployment(document, "c")["reasons"], "among the 2 most recent"));
  EXPECT_EQ(document["summary"]["objects_to_delete"], 3);
  EXPECT_EQ(document["root_objects"], 1);

  // The mirror of apply: same arguments, nothing deleted, as an independent client sees it.
  EXPECT_EQ(AwsListKeys(server, bucket.name()), before);
}

TEST_F(CliPlan, KeepWithinKeepsWhatIsYoung) {
  S3PRUNE_REQUIRE_SERVER(server);
  ScopedBucket bucket(server, "plan");
  SeedDeployments(bucket.client(), bucket.name(), "", {{"a", {"x"}}, {"b", {"x"}}, {"c", {"x"}}});
  const std::string target = "s3://" + bucket.name() + "/";

  // Everything was uploaded seconds ago: a day keeps it all, alone or beside --keep-last.
  for (const auto& args : std::vector<std::vector<std::string>>{{"--keep-within", "1d"},
                                                                {"--keep-within", "1d", "--keep-last", "1"}}) {
    const auto document = Plan(server, target, args);
    EXPECT_EQ(Actions(document), (Map{{"a", "keep"}, {"b", "keep"}, {"c", "keep"}}));
    for (const auto& deployment : document["deployments"]) {
      EXPECT_TRUE(AnyContains(deployment["reasons"], "younger than 1d")) << deployment.dump();
    }
    EXPECT_EQ(document["policy"]["keep_within"], "1d");
    EXPECT_EQ(document["policy"]["keep_within_seconds"], 86400);
  }
}

TEST_F(CliPlan, KeepGlobsKeepOldDeploymentsByName) {
  S3PRUNE_REQUIRE_SERVER(server);
  ScopedBucket bucket(server, "plan");
  SeedDeployments(bucket.client(), bucket.name(), "",
                  {{"release-1", {"x"}}, {"feature-a", {"x"}}, {"pinned", {"x"}}, {"release-2", {"x"}}, {"zz", {"x"}}});
  const auto document = Plan(server, "s3://" + bucket.name(), {"--keep-last", "1", "--keep", "release-*", "--keep", "pinned"});
  EXPECT_EQ(Actions(document), (Map{{"release-1", "keep"},
                                    {"feature-a", "delete"},
                                    {"pinned", "keep"},
                                    {"release-2", "keep"},
                                    {"zz", "keep"}}));
  EXPECT_TRUE(AnyContains(FindDeployment(document, "release-1")["reasons"], "matches --keep 'release-*'"));
  EXPECT_TRUE(AnyContains(FindDeployment(document, "pinned")["reasons"], "matches --keep 'pinned'"));
  EXPECT_EQ(document["policy"]["keep"], nlohmann::json::array({"release-*", "pinned"}));
}

TEST_F(CliPlan, KeepFromReadsLivePointersWithCommentsAndBlankLines) {
  S3PRUNE_REQUIRE_SERVER(server);
  ScopedBucket bucket(server, "plan");
  SeedDeployments(bucket.client(), bucket.name(), "",
                  {{"v1", {"x"}}, {"v2", {"x"}}, {"v3", {"x"}}, {"v4", {"x"}}, {"v5", {"x"}}});
  // Pointer objects sit at the root, beside the deployments: root objects are never touched.
  PutObjects(bucket.client(), bucket.name(), {"live.txt"}, "# production\n\nv2\n   \n# v3 was rolled back\n");
  PutObjects(bucket.client(), bucket.name(), {"canary.txt"}, "v1\n");
  const std::string target = "s3://" + bucket.name() + "/";
  const std::string live = target + "live.txt";
  const std::string canary = target + "canary.txt";

  const auto document = Plan(server, target, {"--keep-last", "1", "--keep-from", live, "--keep-from", canary});
  EXPECT_EQ(Actions(document),
            (Map{{"v1", "keep"}, {"v2", "keep"}, {"v3", "delete"}, {"v4", "delete"}, {"v5", "keep"}}));
  EXPECT_TRUE(AnyContains(FindDeployment(document, "v2")["reasons"], "named in " + live));
  EXPECT_TRUE(AnyContains(FindDeployment(document, "v1")["reasons"], "named in " + canary));
  EXPECT_EQ(document["policy"]["keep_from"], nlohmann::json::array({live, canary}));
  EXPECT_EQ(document["warnings"], nlohmann::json::array());
}

TEST_F(CliPlan, MissingKeepFromPointerIsAnErrorAndNothingIsDeleted) {
  S3PRUNE_REQUIRE_SERVER(server);
  ScopedBucket bucket(server, "plan");
  SeedDeployments(bucket.client(), bucket.name(), "", {{"v1", {"x"}}, {"v2", {"x"}}});
  const auto before = AwsListKeys(server, bucket.name());
  const std::string target = "s3://" + bucket.name() + "/";

  const std::string missing_key = target + "missing-live.txt";
  const std::string missing_bucket = "s3://" + UniqueBucketName("nopointer") + "/live.txt";
  for (const auto& pointer : {missing_key, missing_bucket}) {
    const auto plan = RunS3prune(server, {"plan", target, "--keep-last", "1", "--keep-from", pointer});
    const auto apply = RunS3prune(server, {"apply", target, "--keep-last", "1", "--keep-from", pointer, "--yes"});
    for (const auto* run : {&plan, &apply}) {
      EXPECT_EQ(run->exit_code, 1) << pointer << "\n" << Describe(*run);
      EXPECT_NE(run->err.find(pointer), std::string::npos) << "the message names the pointer\n" << Describe(*run);
      EXPECT_EQ(Lines(run->err).size(), 1u) << Describe(*run);
      EXPECT_EQ(run->out, "") << "no plan is shown without the pointer";
    }
  }
  EXPECT_EQ(AwsListKeys(server, bucket.name()), before);
}

TEST_F(CliPlan, ExcludedPrefixesAreNeitherCountedNorDeleted) {
  S3PRUNE_REQUIRE_SERVER(server);
  ScopedBucket bucket(server, "plan");
  SeedDeployments(bucket.client(), bucket.name(), "",
                  {{"old-assets", {"logo.png"}}, {"v1", {"x"}}, {"v2", {"x"}}, {"assets", {"logo.png"}}});
  const std::string target = "s3://" + bucket.name() + "/";
  const std::vector<std::string> args = {"--keep-last", "1", "--exclude", "assets", "--exclude", "old-*"};

  // "assets" is the newest prefix but not a deployment: it takes no --keep-last slot.
  const auto document = Plan(server, target, args);
  EXPECT_EQ(Actions(document), (Map{{"v1", "delete"}, {"v2", "keep"}}));
  EXPECT_EQ(document["excluded"], nlohmann::json::parse(R"([{"id": "assets", "reason": "matches --exclude 'assets'"},
                                                            {"id": "old-assets", "reason": "matches --exclude 'old-*'"}])"));
  EXPECT_EQ(document["summary"]["deployments"], 2);

  auto apply_args = args;
  apply_args.insert(apply_args.begin(), {"apply", target});
  apply_args.push_back("--yes");
  const auto applied = RunS3prune(server, apply_args);
  EXPECT_EQ(applied.exit_code, 0) << Describe(applied);
  EXPECT_EQ(AwsListKeys(server, bucket.name()),
            (std::vector<std::string>{"assets/logo.png", "old-assets/logo.png", "v2/x"}));
}

TEST_F(CliPlan, AgeByOldestOrNewestChangesTheDecision) {
  S3PRUNE_REQUIRE_SERVER(server);
  ScopedBucket bucket(server, "plan");
  // "long" started first and was written to last; "short" was written in between.
  // (On a server of whole-second times each write waits for the next second: seeding.)
  PutObjects(bucket.client(), bucket.name(), {"long/first"});
  AwaitALaterServerSecond(bucket.client(), bucket.name(), "long/");
  PutObjects(bucket.client(), bucket.name(), {"short/only"});
  AwaitALaterServerSecond(bucket.client(), bucket.name(), "short/");
  PutObjects(bucket.client(), bucket.name(), {"long/last"});
  const std::string target = "s3://" + bucket.name() + "/";

  const auto by_newest = Plan(server, target, {"--keep-last", "1"});
  EXPECT_EQ(Actions(by_newest), (Map{{"long", "keep"}, {"short", "delete"}}));
  EXPECT_EQ(by_newest["policy"]["age_by"], "newest");
  const auto by_oldest = Plan(server, target, {"--keep-last", "1", "--age-by", "oldest"});
  EXPECT_EQ(Actions(by_oldest), (Map{{"long", "delete"}, {"short", "keep"}}));
  EXPECT_EQ(by_oldest["policy"]["age_by"], "oldest");
  const auto long_entry = FindDeployment(by_oldest, "long");
  EXPECT_LT(long_entry["oldest"].get<std::string>(), long_entry["newest"].get<std::string>());
  EXPECT_EQ(long_entry["objects"], 2);
}

TEST_F(CliPlan, IdsMatchWholeSegmentsOnly) {
  S3PRUNE_REQUIRE_SERVER(server);
  ScopedBucket bucket(server, "plan");
  SeedDeployments(bucket.client(), bucket.name(), "",
                  {{"dep10", {"a", "b"}}, {"dep1", {"a"}}, {"dep1-x", {"a"}}, {"dep2", {"a"}}});
  PutObjects(bucket.client(), bucket.name(), {"dep1", "dep10.txt"});  // root objects, not deployments
  const std::string target = "s3://" + bucket.name() + "/";

  const auto document = Plan(server, target, {"--keep-last", "1", "--keep", "dep1"});
  EXPECT_EQ(Actions(document), (Map{{"dep1", "keep"}, {"dep10", "delete"}, {"dep1-x", "delete"}, {"dep2", "keep"}}));
  EXPECT_EQ(FindDeployment(document, "dep1")["objects"], 1);
  EXPECT_EQ(FindDeployment(document, "dep10")["objects"], 2);
  EXPECT_EQ(document["root_objects"], 2);
}

TEST_F(CliPlan, PrefixScopesDeploymentsToItsOwnSegment) {
  S3PRUNE_REQUIRE_SERVER(server);
  ScopedBucket bucket(server, "plan");
  SeedDeployments(bucket.client(), bucket.name(), "", {{"d1", {"outside"}}});
  SeedDeployments(bucket.client(), bucket.name(), "sites/www-old/", {{"d1", {"sibling"}}});
  SeedDeployments(bucket.client(), bucket.name(), "sites/www/", {{"d1", {"index.html"}}, {"d2", {"index.html"}}});
  PutObjects(bucket.client(), bucket.name(), {"sites/www/robots.txt", "sites/other.txt"});

  for (const std::string& target : {"s3://" + bucket.name() + "/sites/www/", "s3://" + bucket.name() + "/sites/www"}) {
    const auto document = Plan(server, target, {"--keep-last", "1"});
    EXPECT_EQ(document["prefix"], "sites/www/") << target;
    EXPECT_EQ(Actions(document), (Map{{"d1", "delete"}, {"d2", "keep"}})) << target;
    EXPECT_EQ(document["root_objects"], 1) << target;
  }
}

TEST_F(CliPlan, JsonDocumentCarriesTheContractFields) {
  S3PRUNE_REQUIRE_SERVER(server);
  ScopedBucket bucket(server, "plan");
  SeedDeployments(bucket.client(), bucket.name(), "site/", {{"a", {"x", "yy"}}, {"b", {"x"}}, {"c", {"x"}}});
  const auto document = Plan(server, "s3://" + bucket.name() + "/site/", {"--keep-last", "2", "--keep", "nothing-*"});

  const std::regex rfc3339_utc(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z)");
  EXPECT_EQ(document["bucket"], bucket.name());
  EXPECT_EQ(document["prefix"], "site/");
  EXPECT_TRUE(std::regex_match(document["now"].get<std::string>(), rfc3339_utc)) << document["now"];
  const auto& policy = document["policy"];
  for (const char* field : {"keep_last", "keep_within", "keep", "keep_from", "exclude", "age_by", "versions"}) {
    EXPECT_TRUE(policy.contains(field)) << field;
  }
  EXPECT_EQ(policy["keep_last"], 2);
  EXPECT_TRUE(policy["keep_within"].is_null());
  ASSERT_EQ(document["deployments"].size(), 3u);
  for (const auto& deployment : document["deployments"]) {
    for (const char* field : {"id", "action", "reasons", "newest", "oldest", "objects", "bytes"}) {
      EXPECT_TRUE(deployment.contains(field)) << field << " in " << deployment.dump();
    }
    EXPECT_TRUE(deployment["action"] == "keep" || deployment["action"] == "delete") << deployment.dump();
    EXPECT_GE(deployment["reasons"].size(), 1u) << deployment.dump();
    EXPECT_TRUE(std::regex_match(deployment["newest"].get<std::string>(), rfc3339_utc)) << deployment.dump();
    EXPECT_TRUE(std::regex_match(deployment["oldest"].get<std::string>(), rfc3339_utc)) << deployment.dump();
  }
  const auto a = FindDeployment(document, "a");
  EXPECT_EQ(a["objects"], 2);
  EXPECT_EQ(a["bytes"], std::string("site/a/x").size() + std::string("site/a/yy").size());  // body = key
  EXPECT_EQ(a["action"], "delete");
  EXPECT_EQ(a["reasons"][0], "not kept by any rule");
  const auto& summary = document["summary"];
  EXPECT_EQ(summary["deployments"], 3);
  EXPECT_EQ(summary["keep"], 2);
  EXPECT_EQ(summary["delete"], 1);
  EXPECT_EQ(summary["objects_to_delete"], 2);
  EXPECT_EQ(summary["bytes_to_delete"], a["bytes"]);
  EXPECT_FALSE(document.contains("result"));  // only apply reports a result
}

// A calendar rule alone, in a named zone, counted within each --group-by group. Everything
// is uploaded within seconds, so it is all one year: each group keeps its newest only.
TEST_F(CliPlan, CalendarRulesAndGroupsEndToEnd) {
  S3PRUNE_REQUIRE_SERVER(server);
  ScopedBucket bucket(server, "plan");
  SeedDeployments(bucket.client(), bucket.name(), "",
                  {{"main-1", {"x"}}, {"pr-7-a", {"x"}}, {"main-2", {"x"}}, {"pr-7-b", {"x"}}, {"other", {"x"}}});
  const std::string target = "s3://" + bucket.name() + "/";
  const std::vector<std::string> calendar = {"--keep-yearly", "1", "--timezone", "Europe/Berlin"};

  const auto alone = Plan(server, target, calendar);
  EXPECT_EQ(Actions(alone), (Map{{"main-1", "delete"}, {"pr-7-a", "delete"}, {"main-2", "delete"}, {"pr-7-b", "delete"},
                                 {"other", "keep"}}));
  EXPECT_TRUE(AnyContains(FindDeployment(alone, "other")["reasons"], "newest of year "));
  EXPECT_TRUE(AnyContains(FindDeployment(alone, "main-2")["reasons"], "not the newest of year "));
  EXPECT_EQ(alone["policy"]["keep_yearly"], 1);
  EXPECT_EQ(alone["policy"]["timezone"], "Europe/Berlin");
  EXPECT_FALSE(FindDeployment(alone, "other").contains("group"));

  std::vector<std::string> grouped_args = calendar;
  grouped_args.insert(grouped_args.end(), {"--group-by", "^(main|pr-[0-9]+)-"});
  const auto grouped = Plan(server, target, grouped_args);
  EXPECT_EQ(Actions(grouped), (Map{{"main-1", "delete"}, {"pr-7-a", "delete"}, {"main-2", "keep"}, {"pr-7-b", "keep"},
                                   {"other", "keep"}}));
  EXPECT_EQ(FindDeployment(grouped, "main-1")["group"], "main");
  EXPECT_EQ(FindDeployment(grouped, "pr-7-b")["group"], "pr-7");
  EXPECT_TRUE(FindDeployment(grouped, "other")["group"].is_null());
  EXPECT_EQ(grouped["policy"]["group_by"], "^(main|pr-[0-9]+)-");

  std::vector<std::string> table_args = {"plan", target};
  table_args.insert(table_args.end(), grouped_args.begin(), grouped_args.end());
  const auto table = RunS3prune(server, table_args);
  EXPECT_EQ(table.exit_code, 0) << Describe(table);
  EXPECT_NE(table.out.find("GROUP"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("(no match)"), std::string::npos) << table.out;

  const auto refused = RunS3prune(server, {"plan", target, "--keep-daily", "1", "--group-by", "^main-"});
  EXPECT_EQ(refused.exit_code, 2) << Describe(refused);
  EXPECT_NE(refused.err.find("--group-by '^main-' must have exactly one capture group"), std::string::npos)
      << refused.err;
}

TEST_F(CliPlan, LsListsDeploymentsAsTableAndJson) {
  S3PRUNE_REQUIRE_SERVER(server);
  ScopedBucket bucket(server, "plan");
  SeedDeployments(bucket.client(), bucket.name(), "", {{"a", {"x", "y"}}, {"b", {"x"}}});
  PutObjects(bucket.client(), bucket.name(), {"root.txt"});
  const std::string target = "s3://" + bucket.name() + "/";

  const auto json_run = RunS3prune(server, {"ls", target, "--output", "json"});
  ASSERT_EQ(json_run.exit_code, 0) << Describe(json_run);
  const auto document = ParseJson(json_run);
  ASSERT_EQ(document["deployments"].size(), 2u);
  const auto a = FindDeployment(document, "a");
  EXPECT_EQ(a["objects"], 2);
  EXPECT_EQ(a["bytes"], 6);  // "a/x" + "a/y"
  for (const char* field : {"id", "newest", "oldest", "objects", "bytes", "age_seconds"}) {
    EXPECT_TRUE(a.contains(field)) << field;
  }
  EXPECT_EQ(document["deployments"][0]["id"], "b");
  EXPECT_EQ(document["root_objects"], 1);

  const auto table = RunS3prune(server, {"ls", target});
  ASSERT_EQ(table.exit_code, 0) << Describe(table);
  const auto lines = Lines(table.out);
  ASSERT_GE(lines.size(), 3u) << table.out;
  EXPECT_TRUE(lines[0].starts_with("DEPLOYMENT")) << table.out;
  EXPECT_TRUE(lines[1].starts_with("b ")) << table.out;
  EXPECT_TRUE(lines[2].starts_with("a ")) << table.out;
  EXPECT_NE(table.out.find("1 root object"), std::string::npos) << table.out;
}

}  // namespace
}  // namespace s3prune::testing
