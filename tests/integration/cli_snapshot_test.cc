// apply deletes what the plan showed and nothing more, against a real bucket: objects written
// into a doomed deployment while the confirmation prompt waits (another client uploads them
// between the question and the answer) leave that deployment whole, with exit code 4, and the
// count deleted never exceeds the count shown at the prompt or --max-delete.
#include <unistd.h>

#include <gtest/gtest.h>

#include "cli_fixtures.h"
#include "test_server.h"

namespace s3prune::testing {
namespace {

// Runs apply on a pseudo-terminal (util-linux `script`) and, once it asks, runs `meanwhile`
// and answers "y".
ProcessResult ApplyAnsweringYes(const TestServer& server, const std::string& args, std::function<void()> meanwhile) {
  const std::string command = S3pruneBinary() + " apply " + args + " --endpoint-url " + server.endpoint;
  const Prompt prompt{"[y/N]", std::move(meanwhile)};
  return RunProcessAnswering({"/usr/bin/script", "-q", "-e", "-c", command, "/dev/null"}, {}, "y\n", &prompt);
}

TEST(CliSnapshot, WritesWhileThePromptWaitsLeaveTheirDeploymentWhole) {
  S3PRUNE_REQUIRE_SERVER(server);
  if (access("/usr/bin/script", X_OK) != 0) GTEST_SKIP() << "needs /usr/bin/script (util-linux)";
  ScopedBucket bucket(server, "snapshot");
  SeedDeployments(bucket.client(), bucket.name(), "", {{"a", {"x", "y"}}, {"b", {"x"}}, {"c", {"x"}}});
  const std::string target = "s3://" + bucket.name() + "/";

  // A slow CI upload into "a" (a re-deploy of an old id) finishes while the operator reads.
  std::vector<std::string> late;
  for (int i = 0; i < 50; ++i) late.push_back("a/late-" + std::to_string(i));
  const auto run = ApplyAnsweringYes(server, target + " --keep-last 1 --max-delete 3",
                                     [&] { PutObjects(bucket.client(), bucket.name(), late); });
  EXPECT_EQ(run.exit_code, 4) << Describe(run);
  EXPECT_NE(run.out.find("Delete 2 deployments (3 objects"), std::string::npos) << Describe(run);
  // Told by the time (written in a later second than the plan's listing) or by the count.
  EXPECT_NE(run.out.find("changed since the plan, left whole: a ("), std::string::npos) << Describe(run);
  EXPECT_NE(run.out.find("Deleted 1 deployment: 1 object"), std::string::npos) << Describe(run);
  std::vector<std::string> expected = late;
  expected.insert(expected.end(), {"a/x", "a/y", "c/x"});
  EXPECT_EQ(AwsListKeys(server, bucket.name()), Sorted(expected));
}

TEST(CliSnapshot, InAVersionedBucketOnlyTheListedVersionsGo) {
  S3PRUNE_REQUIRE_SERVER(server);
  if (access("/usr/bin/script", X_OK) != 0) GTEST_SKIP() << "needs /usr/bin/script (util-linux)";
  ScopedBucket bucket(server, "snapshot", ScopedBucket::Versioning::kEnabled);
  SeedDeployments(bucket.client(), bucket.name(), "", {{"a", {"x"}}, {"b", {"x"}}, {"c", {"x"}}});
  const std::string target = "s3://" + bucket.name() + "/";

  // A new version of b/x written at the prompt: b is left whole, old version and all.
  // (On a server of whole-second times the write waits for a second after c's, so that b is
  // truly the newest deployment afterwards: seeding.)
  const auto run = ApplyAnsweringYes(server, target + " --keep-last 1 --versions", [&] {
    AwaitALaterServerSecond(bucket.client(), bucket.name(), "c/");
    PutObjects(bucket.client(), bucket.name(), {"b/x"}, "rewritten");
  });
  EXPECT_EQ(run.exit_code, 4) << Describe(run);
  EXPECT_NE(run.out.find("changed since the plan, left whole: b"), std::string::npos) << Describe(run);
  EXPECT_EQ(VersionEntries(bucket.client(), bucket.name(), "a/"), std::vector<VersionEntry>{});
  EXPECT_EQ(AwsVersionCount(server, bucket.name(), "b/"), 2u);
  EXPECT_EQ(AwsVersionCount(server, bucket.name(), "c/"), 1u);

  // The next run plans again, sees the new version, and decides on b afresh.
  const auto again = RunS3prune(server, {"apply", target, "--keep-last", "1", "--versions", "--yes"});
  EXPECT_EQ(again.exit_code, 0) << Describe(again);
  EXPECT_EQ(AwsListKeys(server, bucket.name()), (std::vector<std::string>{"b/x"}));
}

}  // namespace
}  // namespace s3prune::testing
