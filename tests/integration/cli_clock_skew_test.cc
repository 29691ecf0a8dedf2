// A machine whose clock is 20 minutes slow (libfaketime around s3prune; the server keeps
// the real time): RGW refuses the first signature with RequestTimeTooSkewed, s3prune takes
// the offset from the server's Date, signs again and keeps the offset; the run succeeds, and
// ages are measured by the server's clock (a deployment written seconds ago is seconds old).
#include <unistd.h>

#include <gtest/gtest.h>

#include "cli_fixtures.h"
#include "test_server.h"

namespace s3prune::testing {
namespace {

constexpr const char* kFaketime = "/usr/bin/faketime";

TEST(CliClockSkew, ASlowClockIsCorrectedFromTheServersDate) {
  S3PRUNE_REQUIRE_SERVER(server);
  if (access(kFaketime, X_OK) != 0) GTEST_SKIP() << "faketime is not installed (scripts/setup test installs it)";
  ScopedBucket bucket(server, "skew");
  SeedDeployments(bucket.client(), bucket.name(), "", {{"a", {"x"}}, {"b", {"x"}}, {"c", {"x"}}});
  const std::string target = "s3://" + bucket.name() + "/";
  const std::map<std::string, std::string> env = {{"AWS_ACCESS_KEY_ID", server.access_key_id},
                                                  {"AWS_SECRET_ACCESS_KEY", server.secret_access_key}};
  const auto run = RunProcess({kFaketime, "-f", "-20m", S3pruneBinary(), "apply", target, "--keep-last", "1",
                               "--keep-within", "10m", "--yes", "-v", "-o", "json", "--endpoint-url", server.endpoint},
                              env);
  ASSERT_EQ(run.exit_code, 0) << Describe(run);
  // The first request is refused (a HEAD has no body to say RequestTimeTooSkewed), then the
  // same request goes through signed with the server's time.
  EXPECT_EQ(run.err.find("s3prune: HEAD /" + bucket.name() + "/ -> 403"), 0u) << "the clock really was off\n" << run.err;
  const auto document = ParseJson(run);
  EXPECT_EQ(document["time_source"], "server");
  // Written seconds ago by the server's clock: young, so --keep-within 10m keeps all three.
  for (const auto& deployment : document["deployments"]) {
    EXPECT_LT(deployment["age_seconds"].get<long>(), 120) << deployment.dump();
    EXPECT_EQ(deployment["action"], "keep") << deployment.dump();
  }

  const auto prune = RunProcess({kFaketime, "-f", "-20m", S3pruneBinary(), "apply", target, "--keep-last", "1", "--yes",
                                 "--endpoint-url", server.endpoint},
                                env);
  ASSERT_EQ(prune.exit_code, 0) << Describe(prune);
  EXPECT_EQ(AwsListKeys(server, bucket.name()), std::vector<std::string>{"c/x"});
}

}  // namespace
}  // namespace s3prune::testing
