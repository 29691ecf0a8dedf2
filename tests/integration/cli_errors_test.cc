// Runtime errors a person must be able to act on: a missing bucket named, wrong credentials
// saying which part is wrong, an unreachable endpoint failing fast, all with exit code 1 and
// one line; and -v logging requests without leaking secrets.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>

#include <gtest/gtest.h>

#include "cli_fixtures.h"
#include "test_server.h"

namespace s3prune::testing {
namespace {

constexpr int kExitFailure = 1;

TEST(CliErrors, MissingBucketIsNamed) {
  S3PRUNE_REQUIRE_SERVER(server);
  const std::string missing = UniqueBucketName("missing");
  const std::string target = "s3://" + missing + "/";
  const std::vector<std::vector<std::string>> runs = {
      {"ls", target}, {"plan", target, "--keep-last", "1"}, {"apply", target, "--keep-last", "1", "--yes"}};
  for (const auto& args : runs) {
    const auto run = RunS3prune(server, args);
    EXPECT_EQ(run.exit_code, kExitFailure) << Describe(run);
    EXPECT_NE(run.err.find("bucket '" + missing + "' does not exist"), std::string::npos) << Describe(run);
    EXPECT_EQ(Lines(run.err).size(), 1u) << Describe(run);
    EXPECT_EQ(run.out, "");
  }
}

// Scripts read stdout only: with --output json every error is one JSON document there, with
// the same message as stderr's line and the exit code.
TEST(CliErrors, WithJsonOutputEveryErrorIsAJsonDocumentOnStdout) {
  S3PRUNE_REQUIRE_SERVER(server);
  const std::string missing = "s3://" + UniqueBucketName("missing") + "/";
  struct Case {
    std::vector<std::string> args;
    int exit_code;
    std::string code;
  };
  const Case cases[] = {
      {{"ls", missing, "-o", "json"}, 1, "no_such_bucket"},
      {{"plan", missing, "--keep-last", "1", "--output=json"}, 1, "no_such_bucket"},
      {{"apply", missing, "--keep-last", "1", "--yes", "--output", "json"}, 1, "no_such_bucket"},
      {{"plan", missing, "--keep-last", "many", "-o", "json"}, 2, "usage"},
      {{"apply", "--plan", "/nonexistent/plan.json", "-o", "json"}, 2, "usage"},
  };
  for (const Case& c : cases) {
    const auto run = RunS3prune(server, c.args);
    EXPECT_EQ(run.exit_code, c.exit_code) << Describe(run);
    const auto document = ParseJson(run);
    EXPECT_EQ(document["error"]["code"], c.code) << Describe(run);
    EXPECT_EQ(document["error"]["exit_code"], c.exit_code) << Describe(run);
    EXPECT_EQ("s3prune: " + document["error"]["message"].get<std::string>() + "\n", run.err) << Describe(run);
  }
}

TEST(CliErrors, WrongSecretKeySaysSoAndHowToFixIt) {
  S3PRUNE_REQUIRE_SERVER(server);
  ScopedBucket bucket(server, "errors");
  SeedDeployments(bucket.client(), bucket.name(), "", {{"a", {"x"}}, {"b", {"x"}}});
  const std::string wrong_secret = "not-the-secret-" + std::to_string(getpid());
  const auto run = RunS3prune(server, {"apply", "s3://" + bucket.name() + "/", "--keep-last", "1", "--yes"},
                              {{"AWS_SECRET_ACCESS_KEY", wrong_secret}});
  EXPECT_EQ(run.exit_code, kExitFailure) << Describe(run);
  EXPECT_NE(run.err.find("secret key for access key '" + server.access_key_id + "' is wrong"), std::string::npos)
      << Describe(run);
  EXPECT_NE(run.err.find("AWS_SECRET_ACCESS_KEY"), std::string::npos) << Describe(run);
  EXPECT_EQ(run.err.find(wrong_secret), std::string::npos) << "never print a secret\n" << Describe(run);
  EXPECT_EQ(Lines(run.err).size(), 1u) << Describe(run);
  EXPECT_EQ(AwsListKeys(server, bucket.name()).size(), 2u);
}

TEST(CliErrors, UnknownAccessKeyIsNamed) {
  S3PRUNE_REQUIRE_SERVER(server);
  ScopedBucket bucket(server, "errors");
  const std::string unknown = "UNKNOWNKEY" + std::to_string(getpid());
  const auto run = RunS3prune(server, {"ls", "s3://" + bucket.name() + "/"}, {{"AWS_ACCESS_KEY_ID", unknown}});
  EXPECT_EQ(run.exit_code, kExitFailure) << Describe(run);
  if (server.kind == ServerKind::kSwift) {
    // Swift answers an unknown key with SignatureDoesNotMatch, as for a wrong secret: the
    // message names the key and both possibilities.
    EXPECT_NE(run.err.find("access key '" + unknown + "' is wrong, or " + server.endpoint +
                           " does not know that access key (SignatureDoesNotMatch)"),
              std::string::npos)
        << Describe(run);
  } else {
    EXPECT_NE(run.err.find("access key '" + unknown + "' is not known"), std::string::npos) << Describe(run);
  }
  EXPECT_NE(run.err.find("AWS_ACCESS_KEY_ID"), std::string::npos) << Describe(run);
  EXPECT_EQ(Lines(run.err).size(), 1u) << Describe(run);
}

TEST(CliErrors, UnreachableEndpointFailsQuickly) {
  S3PRUNE_REQUIRE_SERVER(server);
  const auto started = std::chrono::steady_clock::now();
  const auto run = RunProcess({S3pruneBinary(), "plan", "s3://any-bucket/", "--keep-last", "1", "--endpoint-url",
                               "http://127.0.0.1:1"},
                              {{"AWS_ACCESS_KEY_ID", server.access_key_id},
                               {"AWS_SECRET_ACCESS_KEY", server.secret_access_key}});
  const auto elapsed = std::chrono::steady_clock::now() - started;
  EXPECT_EQ(run.exit_code, kExitFailure) << Describe(run);
  EXPECT_NE(run.err.find("cannot reach http://127.0.0.1:1"), std::string::npos) << Describe(run);
  EXPECT_EQ(Lines(run.err).size(), 1u) << Describe(run);
  EXPECT_LT(elapsed, std::chrono::seconds(30));
}

// An endpoint that accepts connections and never answers (a listening socket nobody reads:
// the kernel completes the handshake from the backlog). Each attempt waits for the 10 s stall
// window; two timeouts end it: about 20 s, not 3 x 60 s.
TEST(CliErrors, ASilentServerFailsFastWithATimeout) {
  S3PRUNE_REQUIRE_SERVER(server);
  const int listener = socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(listener, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  ASSERT_EQ(listen(listener, 16), 0);
  socklen_t length = sizeof address;
  ASSERT_EQ(getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length), 0);
  const std::string endpoint = "http://127.0.0.1:" + std::to_string(ntohs(address.sin_port));

  const auto started = std::chrono::steady_clock::now();
  const auto run = RunProcess({S3pruneBinary(), "plan", "s3://any-bucket/", "--keep-last", "1", "--endpoint-url", endpoint},
                              {{"AWS_ACCESS_KEY_ID", server.access_key_id},
                               {"AWS_SECRET_ACCESS_KEY", server.secret_access_key}});
  const auto elapsed = std::chrono::steady_clock::now() - started;
  close(listener);
  EXPECT_EQ(run.exit_code, kExitFailure) << Describe(run);
  EXPECT_NE(run.err.find("no answer from " + endpoint + " in time"), std::string::npos) << Describe(run);
  EXPECT_EQ(Lines(run.err).size(), 1u) << Describe(run);
  EXPECT_LT(elapsed, std::chrono::seconds(40));
}

TEST(CliErrors, VerboseLogsRequestsWithoutSecrets) {
  S3PRUNE_REQUIRE_SERVER(server);
  ScopedBucket bucket(server, "errors");
  SeedDeployments(bucket.client(), bucket.name(), "", {{"a", {"x"}}, {"b", {"x"}}});
  const std::string target = "s3://" + bucket.name() + "/";

  const auto ls = RunS3prune(server, {"-v", "ls", target});
  const auto apply = RunS3prune(server, {"apply", target, "--keep-last", "1", "--yes", "-v", "--stats"});
  const auto denied = RunS3prune(server, {"-v", "ls", target}, {{"AWS_SECRET_ACCESS_KEY", "wrong-secret-value"}});
  EXPECT_EQ(ls.exit_code, 0) << Describe(ls);
  EXPECT_EQ(apply.exit_code, 0) << Describe(apply);
  EXPECT_EQ(denied.exit_code, kExitFailure) << Describe(denied);
  EXPECT_NE(ls.err.find("HEAD /" + bucket.name() + "/ -> 200"), std::string::npos) << Describe(ls);
  EXPECT_NE(apply.err.find("POST /" + bucket.name() + "/?delete"), std::string::npos) << Describe(apply);
  EXPECT_NE(denied.err.find("-> 403"), std::string::npos) << Describe(denied);
  for (const auto* run : {&ls, &apply, &denied}) {
    for (const std::string& secret : {server.secret_access_key, std::string("wrong-secret-value"), std::string("Signature="),
                                     std::string("Credential="), std::string("Authorization"),
                                     std::string("X-Amz-Signature")}) {
      EXPECT_EQ(run->err.find(secret), std::string::npos) << "stderr shows '" << secret << "'\n" << Describe(*run);
    }
  }
}

}  // namespace
}  // namespace s3prune::testing
