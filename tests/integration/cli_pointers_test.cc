// --keep-from pointers against a real bucket: a pointer inside the pruned prefix protects
// itself, a pointer line may name its id the ways people write it, and a pointer that
// protects nothing stops plan and apply (unless --allow-missing-keep-from).
#include <gtest/gtest.h>

#include "cli_fixtures.h"
#include "test_server.h"

namespace s3prune::testing {
namespace {

using Map = std::map<std::string, std::string>;

TEST(CliPointers, APointerUnderThePrunedPrefixIsNeverDeletedNorCounted) {
  S3PRUNE_REQUIRE_SERVER(server);
  ScopedBucket bucket(server, "pointers");
  SeedDeployments(bucket.client(), bucket.name(), "", {{"d1", {"index.html"}}, {"d2", {"index.html"}}, {"d3", {"index.html"}}});
  // Written last: as a deployment, "live" would be the most recent and take the --keep-last slot.
  PutObjects(bucket.client(), bucket.name(), {"live/current.txt"}, "d1\n");
  const std::string target = "s3://" + bucket.name() + "/";
  const std::string pointer = target + "live/current.txt";

  const auto plan = RunS3prune(server, {"plan", target, "--keep-last", "1", "--keep-from", pointer, "-o", "json"});
  ASSERT_EQ(plan.exit_code, 0) << Describe(plan);
  const auto document = ParseJson(plan);
  EXPECT_EQ(Actions(document), (Map{{"d1", "keep"}, {"d2", "delete"}, {"d3", "keep"}}));
  EXPECT_EQ(document["excluded"],
            nlohmann::json::parse(R"([{"id": "live", "reason": "holds the --keep-from pointer )" + pointer + R"("}])"));

  // Run twice: the second run needs the pointer the first one must not have deleted.
  for (int run = 0; run < 2; ++run) {
    const auto apply = RunS3prune(server, {"apply", target, "--keep-last", "1", "--keep-from", pointer, "--yes"});
    EXPECT_EQ(apply.exit_code, 0) << "run " << run << "\n" << Describe(apply);
  }
  EXPECT_EQ(AwsListKeys(server, bucket.name()),
            (std::vector<std::string>{"d1/index.html", "d3/index.html", "live/current.txt"}));
}

TEST(CliPointers, APointerLineMayNameItsIdTheWaysPeopleWriteIt) {
  S3PRUNE_REQUIRE_SERVER(server);
  ScopedBucket bucket(server, "pointers");
  SeedDeployments(bucket.client(), bucket.name(), "sites/www/", {{"d1", {"x"}}, {"d2", {"x"}}, {"d3", {"x"}}});
  const std::string target = "s3://" + bucket.name() + "/sites/www/";
  const std::string pointer = "s3://" + bucket.name() + "/live.txt";
  for (const std::string& line : std::vector<std::string>{"d1", "d1/", "sites/www/d1/", "sites/www/d1", target + "d1/"}) {
    PutObjects(bucket.client(), bucket.name(), {"live.txt"}, line + "\n");
    const auto plan = RunS3prune(server, {"plan", target, "--keep-last", "1", "--keep-from", pointer, "-o", "json"});
    ASSERT_EQ(plan.exit_code, 0) << line << "\n" << Describe(plan);
    const auto document = ParseJson(plan);
    EXPECT_EQ(Actions(document), (Map{{"d1", "keep"}, {"d2", "delete"}, {"d3", "keep"}})) << line;
    EXPECT_EQ(document["warnings"], nlohmann::json::array()) << line;
  }
}

TEST(CliPointers, APointerThatProtectsNothingStopsPlanAndApply) {
  S3PRUNE_REQUIRE_SERVER(server);
  ScopedBucket bucket(server, "pointers");
  SeedDeployments(bucket.client(), bucket.name(), "sites/www/", {{"d1", {"x"}}, {"d2", {"x"}}, {"d3", {"x"}}});
  const auto before = AwsListKeys(server, bucket.name());
  const std::string target = "s3://" + bucket.name() + "/sites/www/";
  const std::string pointer = "s3://" + bucket.name() + "/live.txt";
  struct Case {
    std::string text;
    std::string message;  // part of the one-line error
  };
  const Case cases[] = {
      {"", pointer + " is empty"},
      {"# only a comment\n\n", pointer + " is empty"},
      {"d1,d2\n", pointer + " line 1 names 'd1,d2', which is not a deployment here"},
      {"# live\nd9\n", pointer + " line 2 names 'd9', which is not a deployment here"},
      {"s3://other-bucket/sites/www/d1/\n", "line 1 names 's3://other-bucket/sites/www/d1'"},
      {"sites/d1\n", "line 1 names 'sites/d1'"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    PutObjects(bucket.client(), bucket.name(), {"live.txt"}, c.text);
    const auto plan = RunS3prune(server, {"plan", target, "--keep-last", "1", "--keep-from", pointer});
    const auto apply = RunS3prune(server, {"apply", target, "--keep-last", "1", "--keep-from", pointer, "--yes"});
    for (const auto* run : {&plan, &apply}) {
      EXPECT_EQ(run->exit_code, 1) << Describe(*run);
      EXPECT_NE(run->err.find(c.message), std::string::npos) << Describe(*run);
      EXPECT_NE(run->err.find("--allow-missing-keep-from"), std::string::npos) << Describe(*run);
      EXPECT_EQ(Lines(run->err).size(), 1u) << Describe(*run);
    }
    EXPECT_EQ(KeysOutside(AwsListKeys(server, bucket.name()), {"live.txt"}), before);
  }

  // A pointer object that does not exist is an error even with --allow-missing-keep-from:
  // the flag forgives a pointer that names nothing here, not one that cannot be read.
  const auto gone = RunS3prune(server, {"apply", target, "--keep-last", "1", "--keep-from", pointer + ".gone",
                                        "--allow-missing-keep-from", "--yes"});
  EXPECT_EQ(gone.exit_code, 1) << Describe(gone);
  EXPECT_NE(gone.err.find("does not exist"), std::string::npos) << Describe(gone);
  EXPECT_EQ(KeysOutside(AwsListKeys(server, bucket.name()), {"live.txt"}), before);

  // Told to go on, the problem is a warning and the plan runs as without the pointer.
  PutObjects(bucket.client(), bucket.name(), {"live.txt"}, "d9\n");
  const auto allowed = RunS3prune(server, {"plan", target, "--keep-last", "1", "--keep-from", pointer,
                                           "--allow-missing-keep-from", "-o", "json"});
  ASSERT_EQ(allowed.exit_code, 0) << Describe(allowed);
  const auto document = ParseJson(allowed);
  EXPECT_EQ(Actions(document), (Map{{"d1", "delete"}, {"d2", "delete"}, {"d3", "keep"}}));
  EXPECT_TRUE(AnyContains(document["warnings"], "names 'd9'")) << Describe(allowed);
  const auto applied = RunS3prune(server, {"apply", target, "--keep-last", "1", "--keep-from", pointer,
                                           "--allow-missing-keep-from", "--yes"});
  ASSERT_EQ(applied.exit_code, 0) << Describe(applied);
  EXPECT_NE(applied.err.find("warning: "), std::string::npos) << Describe(applied);
  EXPECT_EQ(AwsListKeys(server, bucket.name()), (std::vector<std::string>{"live.txt", "sites/www/d3/x"}));
}

}  // namespace
}  // namespace s3prune::testing
