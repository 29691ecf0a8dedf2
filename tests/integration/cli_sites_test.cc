// Many sites in one bucket: a target with a '*' segment (s3://bucket/sites/*/) is one target
// per folder it matches, each pruned with the same policy and its own report, from every
// door (the command line, a policy file); targets must still be apart once the folders are
// known.
#include <unistd.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "cli/exit_codes.h"
#include "cli_fixtures.h"
#include "s3/object_operations.h"
#include "test_server.h"

namespace s3prune::testing {
namespace {

// sites/www, sites/blog, sites/docs with deployments a (oldest), b, c (newest), each site's
// live.txt naming `a`; and other/ beside sites/, which no '*' under sites/ may touch.
void SeedThreeSites(ScopedBucket& bucket) {
  for (const std::string site : {"www", "blog", "docs"}) {
    SeedDeployments(bucket.client(), bucket.name(), "sites/" + site + "/",
                    {{"a", {"index.html"}}, {"b", {"index.html"}}, {"c", {"index.html", "app.js"}}});
    ASSERT_TRUE(s3::PutObject(bucket.client(), bucket.name(), "sites/" + site + "/live.txt", "a\n"));
  }
  SeedDeployments(bucket.client(), bucket.name(), "other/", {{"a", {"x"}}, {"b", {"x"}}});
}

TEST(CliSites, AStarTargetPrunesEverySiteWithItsOwnPointerAndReport) {
  S3PRUNE_REQUIRE_SERVER(server);
  ScopedBucket bucket(server, "sites");
  SeedThreeSites(bucket);
  const std::string pattern = "s3://" + bucket.name() + "/sites/*/";

  const auto plan = RunS3prune(server, {"plan", pattern, "--keep-last", "1", "--keep-from",
                                        "s3://" + bucket.name() + "/sites/*/live.txt"});
  EXPECT_EQ(plan.exit_code, cli::kExitSuccess) << Describe(plan);
  EXPECT_NE(plan.out.find("== s3://" + bucket.name() + "/sites/blog/ (target 1 of 3, the command line, folder blog of " +
                          pattern + ")"),
            std::string::npos)
      << plan.out;

  const auto run = RunS3prune(server, {"apply", pattern, "--keep-last", "1", "--keep-from",
                                       "s3://" + bucket.name() + "/sites/*/live.txt", "--yes", "-o", "json"});
  EXPECT_EQ(run.exit_code, cli::kExitSuccess) << Describe(run);
  const auto document = ParseJson(run);
  ASSERT_EQ(document["targets"].size(), 3u) << run.out;
  const std::vector<std::string> sites = {"blog", "docs", "www"};
  for (std::size_t i = 0; i < sites.size(); ++i) {
    const auto& target = document["targets"][i];
    EXPECT_EQ(target["target"], "s3://" + bucket.name() + "/sites/" + sites[i] + "/") << run.out;
    EXPECT_EQ(target["target_pattern"], pattern);
    EXPECT_EQ(target["result"]["objects_deleted"], 1) << "only b: c is the newest, a is live";
  }
  std::vector<std::string> expected = {"other/a/x", "other/b/x"};
  for (const auto& site : sites) {
    for (const std::string key : {"/a/index.html", "/c/index.html", "/c/app.js", "/live.txt"}) {
      expected.push_back("sites/" + site + key);
    }
  }
  EXPECT_EQ(Sorted(AwsListKeys(server, bucket.name())), Sorted(expected));
}

TEST(CliSites, TargetsMustStillBeApartOnceTheFoldersAreKnown) {
  S3PRUNE_REQUIRE_SERVER(server);
  ScopedBucket bucket(server, "sites-apart");
  SeedThreeSites(bucket);
  const auto before = Sorted(AwsListKeys(server, bucket.name()));
  const auto path = std::filesystem::temp_directory_path() / ("s3prune-sites-" + std::to_string(::getpid()) + ".yaml");

  // www by name with one policy, and again through the '*' with another: refused, exit 2.
  std::ofstream(path) << "targets:\n"
                         "  - target: s3://" + bucket.name() + "/sites/www/\n"
                         "    keep_last: 2\n"
                         "  - target: s3://" + bucket.name() + "/sites/*/\n"
                         "    keep_last: 1\n";
  const auto twice = RunS3prune(server, {"apply", "--config", path.string(), "--yes"});
  EXPECT_EQ(twice.exit_code, cli::kExitUsage) << Describe(twice);
  EXPECT_NE(twice.err.find("folder www"), std::string::npos) << Describe(twice);
  EXPECT_EQ(Sorted(AwsListKeys(server, bucket.name())), before);

  // A '*' that matches nothing is most often a wrong prefix: nothing runs, exit 1.
  std::ofstream(path) << "targets:\n"
                         "  - target: s3://" + bucket.name() + "/other/a/\n"
                         "    keep_last: 1\n"
                         "  - target: s3://" + bucket.name() + "/site/*/\n"
                         "    keep_last: 1\n";
  const auto none = RunS3prune(server, {"apply", "--config", path.string(), "--yes", "-o", "json"});
  EXPECT_EQ(none.exit_code, cli::kExitFailure) << Describe(none);
  EXPECT_NE(none.err.find("s3://" + bucket.name() + "/site/*/ matches no folder"), std::string::npos) << Describe(none);
  EXPECT_EQ(ParseJson(none)["error"]["code"], "refused") << none.out;
  EXPECT_EQ(Sorted(AwsListKeys(server, bucket.name())), before);

  // --out saves one target's plan.
  const auto out = RunS3prune(server, {"plan", "s3://" + bucket.name() + "/sites/*/", "--keep-last", "1", "--out",
                                       (std::filesystem::temp_directory_path() / "s3prune-sites-plan.json").string()});
  EXPECT_EQ(out.exit_code, cli::kExitUsage) << Describe(out);
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace s3prune::testing
