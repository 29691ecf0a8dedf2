// The command line as scripts use it: every bad input is a usage error (exit 2) with one
// line on stderr and no request sent, and the shared options work before and after the
// command name.
#include <gtest/gtest.h>

#include "cli_fixtures.h"
#include "test_server.h"

namespace s3prune::testing {
namespace {

constexpr int kExitUsage = 2;

class CliUsage : public ::testing::Test {
 protected:
  // Three deployments and a root object; every bad command below would delete something
  // if it were run as a real apply.
  void Seed(ScopedBucket& bucket) {
    SeedDeployments(bucket.client(), bucket.name(), "",
                    {{"d1", {"index.html"}}, {"d2", {"index.html"}}, {"d3", {"index.html"}}});
    PutObjects(bucket.client(), bucket.name(), {"robots.txt"});
  }
};

TEST_F(CliUsage, BadInputsExitTwoWithOneLineAndSendNothing) {
  S3PRUNE_REQUIRE_SERVER(server);
  ScopedBucket bucket(server, "usage");
  Seed(bucket);
  const auto before = AwsListKeys(server, bucket.name());
  const std::string target = "s3://" + bucket.name() + "/";

  struct Case {
    const char* name;
    std::vector<std::string> args;  // -v and --yes are added: a request or delete would show
  };
  const Case cases[] = {
      {"keep-last 0", {"apply", target, "--keep-last", "0"}},
      {"keep-last -1", {"apply", target, "--keep-last", "-1"}},
      {"keep-last abc", {"apply", target, "--keep-last", "abc"}},
      {"keep-last 1.5", {"apply", target, "--keep-last", "1.5"}},
      {"keep-last empty", {"apply", target, "--keep-last", ""}},
      {"keep-last 1e3", {"apply", target, "--keep-last", "1e3"}},
      {"keep-within 3parsecs", {"apply", target, "--keep-within", "3parsecs"}},
      {"keep-within 0s", {"apply", target, "--keep-within", "0s"}},
      {"keep-within -1d", {"apply", target, "--keep-within", "-1d"}},
      {"no policy (apply)", {"apply", target}},
      {"no policy (plan)", {"plan", target}},
      {"only --keep is not a policy", {"apply", target, "--keep", "d*"}},
      {"not an s3 URL", {"apply", bucket.name(), "--keep-last", "1"}},
      {"https URL", {"apply", "https://" + bucket.name() + "/", "--keep-last", "1"}},
      {"bad bucket name", {"apply", "s3://a/", "--keep-last", "1"}},
      {"empty prefix segment", {"apply", "s3://" + bucket.name() + "//", "--keep-last", "1"}},
      {"no target", {"apply", "--keep-last", "1"}},
      {"unknown flag", {"apply", target, "--keep-last", "1", "--bogus"}},
      {"unknown command", {"prune", target, "--keep-last", "1"}},
      {"policy flag on ls", {"ls", target, "--keep-last", "1"}},
      {"age-by sideways", {"apply", target, "--keep-last", "1", "--age-by", "sideways"}},
      {"max-delete abc", {"apply", target, "--keep-last", "1", "--max-delete", "abc"}},
      {"max-delete -1", {"apply", target, "--keep-last", "1", "--max-delete", "-1"}},
      {"output yaml", {"apply", target, "--keep-last", "1", "--output", "yaml"}},
      {"addressing sideways", {"apply", target, "--keep-last", "1", "--addressing", "sideways"}},
      {"concurrency 0", {"apply", target, "--keep-last", "1", "--concurrency", "0"}},
      {"price-per-gb -1", {"apply", target, "--keep-last", "1", "--price-per-gb", "-1"}},
      {"keep-from names no object", {"apply", target, "--keep-last", "1", "--keep-from", target}},
      {"keep-from not s3", {"apply", target, "--keep-last", "1", "--keep-from", "live.txt"}},
      {"empty keep glob", {"apply", target, "--keep-last", "1", "--keep", ""}},
      {"unclosed keep glob", {"apply", target, "--keep-last", "1", "--keep", "v1.[0-9"}},
      {"two values for one --keep", {"apply", target, "--keep-last", "1", "--keep", "a", "b"}},
      {"policy flag before the command", {"--keep-last", "1", "apply", target}},
      {"price-per-gb inf", {"apply", target, "--keep-last", "1", "--price-per-gb", "inf"}},
      {"price-per-gb 0x10", {"apply", target, "--keep-last", "1", "--price-per-gb", "0x10"}},
      {"keep-last 0x10", {"apply", target, "--keep-last", "0x10"}},
      {"virtual addressing of an IP", {"apply", target, "--keep-last", "1", "--addressing", "virtual"}},
  };
  for (const auto& c : cases) {
    auto args = c.args;
    args.insert(args.begin(), "-v");
    if (args[1] == "apply") args.push_back("--yes");
    const auto run = RunS3prune(server, args);
    EXPECT_EQ(run.exit_code, kExitUsage) << c.name << "\n" << Describe(run);
    // -v logs every request on stderr, so one line means the message and no request.
    EXPECT_EQ(Lines(run.err).size(), 1u) << c.name << "\n" << Describe(run);
    EXPECT_TRUE(run.err.starts_with("s3prune: ")) << c.name << "\n" << Describe(run);
    EXPECT_EQ(run.out, "") << c.name;
  }
  EXPECT_EQ(AwsListKeys(server, bucket.name()), before);
}

TEST_F(CliUsage, MessagesNameTheProblem) {
  S3PRUNE_REQUIRE_SERVER(server);
  const std::string target = "s3://s3prune-never-created/";
  struct Case {
    std::vector<std::string> args;
    const char* expected;  // part of the one-line message
  };
  const Case cases[] = {
      {{"plan", target, "--keep-last", "0"}, "--keep-last"},
      {{"plan", target, "--keep-last", "abc"}, "'abc'"},
      {{"plan", target, "--keep-within", "3parsecs"}, "3parsecs"},
      {{"plan", target}, "a policy needs --keep-last, --keep-within or a calendar rule"},
      {{"plan", "bucket/prefix/", "--keep-last", "1"}, "not an s3:// URL"},
      {{"plan", target, "--keep-last", "1", "--bogus"}, "--bogus"},
  };
  for (const auto& c : cases) {
    const auto run = RunS3prune(server, c.args);
    EXPECT_EQ(run.exit_code, kExitUsage) << c.expected << "\n" << Describe(run);
    EXPECT_NE(run.err.find(c.expected), std::string::npos) << Describe(run);
  }
}

TEST_F(CliUsage, SharedOptionsWorkBeforeAndAfterTheCommand) {
  S3PRUNE_REQUIRE_SERVER(server);
  ScopedBucket bucket(server, "usage");
  Seed(bucket);
  const std::string target = "s3://" + bucket.name() + "/";

  const std::vector<std::vector<std::string>> ls_runs = {
      {"--output", "json", "--region", server.region, "--addressing", "path", "ls", target},
      {"ls", target, "--output", "json", "--region", server.region, "--addressing", "path"},
      {"-o", "json", "ls", "--addressing", "path", target},
  };
  for (const auto& args : ls_runs) {
    const auto run = RunS3prune(server, args);
    ASSERT_EQ(run.exit_code, 0) << Describe(run);
    const auto document = ParseJson(run);
    ASSERT_TRUE(document.contains("deployments")) << Describe(run);
    EXPECT_EQ(document["deployments"].size(), 3u) << Describe(run);
  }

  const auto quiet_before = RunS3prune(server, {"-q", "ls", target});
  const auto quiet_after = RunS3prune(server, {"ls", target, "-q"});
  EXPECT_EQ(quiet_before.exit_code, 0) << Describe(quiet_before);
  EXPECT_EQ(quiet_before.out, "d3\nd2\nd1\n");  // -q: ids only, most recent first
  EXPECT_EQ(quiet_after.out, quiet_before.out);

  const auto verbose_before = RunS3prune(server, {"-v", "plan", target, "--keep-last", "1"});
  const auto verbose_after = RunS3prune(server, {"plan", target, "--keep-last", "1", "-v"});
  for (const auto* run : {&verbose_before, &verbose_after}) {
    EXPECT_EQ(run->exit_code, 0) << Describe(*run);
    EXPECT_NE(run->err.find("GET /" + bucket.name() + "/"), std::string::npos) << Describe(*run);
  }
}

TEST_F(CliUsage, EndpointAndProfileOptionsBeforeTheCommandWin) {
  S3PRUNE_REQUIRE_SERVER(server);
  ScopedBucket bucket(server, "usage");
  Seed(bucket);
  const std::string target = "s3://" + bucket.name() + "/";
  // The environment points nowhere: only the option can reach the server.
  const std::map<std::string, std::string> unreachable = {{"AWS_ENDPOINT_URL", "http://127.0.0.1:1"},
                                                           {"AWS_ENDPOINT_URL_S3", "http://127.0.0.1:1"}};
  const auto before = RunProcess({S3pruneBinary(), "--endpoint-url", server.endpoint, "ls", "-q", target}, unreachable);
  EXPECT_EQ(before.exit_code, 0) << Describe(before);
  EXPECT_EQ(before.out, "d3\nd2\nd1\n");
  const auto after = RunProcess({S3pruneBinary(), "ls", "-q", target, "--endpoint-url", server.endpoint}, unreachable);
  EXPECT_EQ(after.exit_code, 0) << Describe(after);
  EXPECT_EQ(after.out, before.out);

  // --profile is read before or after the command; an unknown one is a usage error.
  for (const auto& args : std::vector<std::vector<std::string>>{{"--profile", "no-such-profile", "ls", target},
                                                                {"ls", target, "--profile", "no-such-profile"}}) {
    const auto run = RunS3prune(server, args, {{"HOME", ::testing::TempDir()}});
    EXPECT_EQ(run.exit_code, kExitUsage) << Describe(run);
    EXPECT_NE(run.err.find("no-such-profile"), std::string::npos) << Describe(run);
    EXPECT_EQ(Lines(run.err).size(), 1u) << Describe(run);
  }
}

}  // namespace
}  // namespace s3prune::testing
