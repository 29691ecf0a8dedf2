// What a newcomer types and reads, against a real bucket: warnings for globs that match
// nothing and for a plan apply would refuse, options in any order, keys with an empty first
// segment kept in view, and output that cannot be written failing the run.
#include <gtest/gtest.h>

#include "cli/exit_codes.h"
#include "cli_fixtures.h"
#include "test_server.h"

namespace s3prune::testing {
namespace {

using cli::kExitFailure;
using cli::kExitSuccess;

TEST(CliNewcomer, GlobsThatMatchNothingWarnAndATrailingSlashIsIgnored) {
  S3PRUNE_REQUIRE_SERVER(server);
  ScopedBucket bucket(server, "newcomer");
  SeedDeployments(bucket.client(), bucket.name(), "", {{"live", {"x"}}, {"a", {"x"}}, {"b", {"x"}}});
  const std::string target = "s3://" + bucket.name() + "/";

  const auto run = RunS3prune(server, {"plan", target, "--keep-last", "1", "--keep", "release-*", "--exclude", "live/",
                                       "--exclude", "asset*", "-o", "json"});
  ASSERT_EQ(run.exit_code, kExitSuccess) << Describe(run);
  const auto document = ParseJson(run);
  EXPECT_EQ(document["excluded"][0]["id"], "live") << document.dump();
  const auto& warnings = document["warnings"];
  EXPECT_TRUE(AnyContains(warnings, "--keep 'release-*' matches no deployment")) << warnings.dump();
  EXPECT_TRUE(AnyContains(warnings, "--exclude 'asset*' matches no prefix")) << warnings.dump();
  EXPECT_FALSE(AnyContains(warnings, "'live/'")) << warnings.dump();
  EXPECT_NE(run.err.find("warning: --keep 'release-*' matches no deployment"), std::string::npos) << run.err;
}

TEST(CliNewcomer, PlanSaysWhenApplyWouldRefuseUnderMaxDelete) {
  S3PRUNE_REQUIRE_SERVER(server);
  ScopedBucket bucket(server, "newcomer");
  SeedDeployments(bucket.client(), bucket.name(), "", {{"a", {"x", "y"}}, {"b", {"x"}}, {"c", {"x"}}});
  const std::string target = "s3://" + bucket.name() + "/";
  const auto before = AwsListKeys(server, bucket.name());

  const auto plan = RunS3prune(server, {"plan", target, "--keep-last", "1", "--max-delete", "2", "-o", "json"});
  ASSERT_EQ(plan.exit_code, kExitSuccess) << Describe(plan);
  EXPECT_TRUE(AnyContains(ParseJson(plan)["warnings"],
                          "apply would refuse this plan: the plan deletes 3 objects, more than --max-delete 2"))
      << plan.out;
  const auto table = RunS3prune(server, {"plan", target, "--keep-last", "1", "--max-delete", "2"});
  EXPECT_NE(table.err.find("warning: apply would refuse this plan"), std::string::npos) << Describe(table);
  const auto apply = RunS3prune(server, {"apply", target, "--keep-last", "1", "--max-delete", "2", "--yes"});
  EXPECT_EQ(apply.exit_code, kExitFailure) << Describe(apply);
  EXPECT_EQ(AwsListKeys(server, bucket.name()), before);
  const auto enough = RunS3prune(server, {"plan", target, "--keep-last", "1", "--max-delete", "3", "-o", "json"});
  EXPECT_FALSE(AnyContains(ParseJson(enough)["warnings"], "apply would refuse")) << enough.out;
}

TEST(CliNewcomer, RepeatableOptionsDoNotSwallowTheTarget) {
  S3PRUNE_REQUIRE_SERVER(server);
  ScopedBucket bucket(server, "newcomer");
  SeedDeployments(bucket.client(), bucket.name(), "", {{"e1", {"x"}}, {"f1", {"x"}}, {"g1", {"x"}}});
  const auto run = RunS3prune(server, {"plan", "--keep", "e*", "s3://" + bucket.name() + "/", "--keep-last", "1",
                                       "-o", "json"});
  ASSERT_EQ(run.exit_code, kExitSuccess) << Describe(run);
  EXPECT_EQ(Actions(ParseJson(run)), (std::map<std::string, std::string>{
                                         {"e1", "keep"}, {"f1", "delete"}, {"g1", "keep"}}));
}

TEST(CliNewcomer, KeysWithAnEmptyFirstSegmentAreShownAsRootObjectsAndNeverDeleted) {
  S3PRUNE_REQUIRE_SERVER(server);
  ScopedBucket bucket(server, "newcomer");
  SeedDeployments(bucket.client(), bucket.name(), "", {{"a", {"x"}}, {"b", {"x"}}});
  PutObjects(bucket.client(), bucket.name(), {"/lead/index.html", "//x", "index.html"});
  const std::string target = "s3://" + bucket.name() + "/";

  const auto ls = RunS3prune(server, {"ls", target});
  ASSERT_EQ(ls.exit_code, kExitSuccess) << Describe(ls);
  EXPECT_NE(ls.out.find("(plus 3 root objects, never touched)"), std::string::npos) << ls.out;
  const auto apply = RunS3prune(server, {"apply", target, "--keep-last", "1", "--yes"});
  ASSERT_EQ(apply.exit_code, kExitSuccess) << Describe(apply);
  EXPECT_EQ(Sorted(AwsListKeys(server, bucket.name())),
            (std::vector<std::string>{"//x", "/lead/index.html", "b/x", "index.html"}));
}

TEST(CliNewcomer, APointerThatCannotBeReadIsNamedNotTheBucketBeingPruned) {
  S3PRUNE_REQUIRE_SERVER(server);
  S3PRUNE_REQUIRE_FEATURE(server, Feature::kBucketPolicy);
  ScopedBucket bucket(server, "newcomer");
  ScopedBucket pointers(server, "pointers");
  SeedDeployments(bucket.client(), bucket.name(), "", {{"a", {"x"}}, {"b", {"x"}}});
  PutObjects(pointers.client(), pointers.name(), {"live.txt"});
  const auto before = AwsListKeys(server, bucket.name());
  const std::string target = "s3://" + bucket.name() + "/";
  const std::string pointer = "s3://" + pointers.name() + "/live.txt";
  {
    const nlohmann::json deny = {
        {"Version", "2012-10-17"},
        {"Statement",
         {{{"Effect", "Deny"},
           {"Principal", "*"},
           {"Action", "s3:GetObject"},
           {"Resource", "arn:aws:s3:::" + pointers.name() + "/live.txt"}}}},
    };
    ScopedBucketPolicy policy(server, pointers.name(), deny);
    const auto run = RunS3prune(server, {"apply", target, "--keep-last", "1", "--keep-from", pointer, "--yes"});
    EXPECT_EQ(run.exit_code, kExitFailure) << Describe(run);
    EXPECT_NE(run.err.find("access denied reading --keep-from object " + pointer), std::string::npos) << Describe(run);
    EXPECT_EQ(run.err.find("for bucket '" + bucket.name() + "'"), std::string::npos) << Describe(run);
  }
  EXPECT_EQ(AwsListKeys(server, bucket.name()), before);
}

// A pointer of more than 1 MiB is no list of ids: said so, naming the option and the object.
TEST(CliNewcomer, APointerLargerThanOneMebibyteIsNamed) {
  S3PRUNE_REQUIRE_SERVER(server);
  ScopedBucket bucket(server, "newcomer");
  ScopedBucket pointers(server, "pointers");
  SeedDeployments(bucket.client(), bucket.name(), "", {{"a", {"x"}}, {"b", {"x"}}});
  const auto before = AwsListKeys(server, bucket.name());
  const std::string target = "s3://" + bucket.name() + "/";
  PutObjects(pointers.client(), pointers.name(), {"large.txt"}, std::string(1024 * 1024 + 10, 'a'));
  const auto run = RunS3prune(server, {"apply", target, "--keep-last", "1", "--keep-from",
                                       "s3://" + pointers.name() + "/large.txt", "--yes"});
  EXPECT_EQ(run.exit_code, kExitFailure) << Describe(run);
  EXPECT_NE(run.err.find("--keep-from object s3://" + pointers.name() + "/large.txt is larger than 1 MiB"),
            std::string::npos)
      << Describe(run);
  EXPECT_EQ(AwsListKeys(server, bucket.name()), before);
}

TEST(CliNewcomer, OutputThatCannotBeWrittenFailsTheRun) {
  S3PRUNE_REQUIRE_SERVER(server);
  ScopedBucket bucket(server, "newcomer");
  SeedDeployments(bucket.client(), bucket.name(), "", {{"a", {"x"}}});
  const auto run = RunProcess({"/bin/sh", "-c",
                               "exec \"$0\" --endpoint-url \"$1\" ls \"$2\" > /dev/full", S3pruneBinary(),
                               server.endpoint, "s3://" + bucket.name() + "/"});
  EXPECT_EQ(run.exit_code, kExitFailure) << Describe(run);
  EXPECT_NE(run.err.find("could not write the output"), std::string::npos) << Describe(run);
}

}  // namespace
}  // namespace s3prune::testing
