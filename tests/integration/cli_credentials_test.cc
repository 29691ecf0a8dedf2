// s3prune finding its credentials the ways it would on EC2, ECS/EKS, in CI with OIDC and with
// role or process profiles, against the real RGW. The credential endpoints are the project's
// own fakes (fake_http_endpoint.h): they hand out RGW's test keys with no session token, as
// RGW rejects tokens it did not issue. The S3 side is real: the listing must succeed.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "cli/exit_codes.h"
#include "cli_fixtures.h"
#include "fake_http_endpoint.h"
#include "test_server.h"

namespace s3prune::testing {
namespace {

// Nothing from the test's own environment or home: every credential comes from the test.
std::map<std::string, std::string> Isolated(const std::filesystem::path& home) {
  return {{"AWS_ACCESS_KEY_ID", ""},
          {"AWS_SECRET_ACCESS_KEY", ""},
          {"AWS_SESSION_TOKEN", ""},
          {"AWS_PROFILE", ""},
          {"HOME", home.string()},
          {"AWS_SHARED_CREDENTIALS_FILE", (home / "credentials").string()},
          {"AWS_CONFIG_FILE", (home / "config").string()},
          {"AWS_EC2_METADATA_DISABLED", "true"}};
}

class CliCredentials : public ::testing::Test {
 protected:
  void SetUp() override {
    home_ = std::filesystem::temp_directory_path() /
            ("s3prune-credentials-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(home_);
  }
  void TearDown() override { std::filesystem::remove_all(home_); }
  void Write(const std::string& name, const std::string& text) { std::ofstream(home_ / name) << text; }

  ProcessResult Ls(const TestServer& server, const std::string& bucket, std::map<std::string, std::string> extra) {
    auto env = Isolated(home_);
    for (auto& [name, value] : extra) env[name] = value;
    return RunS3prune(server, {"ls", "s3://" + bucket + "/", "-q"}, env);
  }

  std::filesystem::path home_;
};

TEST_F(CliCredentials, TheContainerEndpointWithATokenFile) {
  S3PRUNE_REQUIRE_SERVER(server);
  ScopedBucket bucket(server, "creds");
  SeedDeployments(bucket.client(), bucket.name(), "", {{"d1", {"x"}}});
  FakeHttpEndpoint container([&](const ReceivedRequest&) {
    return CannedReply{200, EndpointCredentialsJson(server.access_key_id, server.secret_access_key, TimeFromNow(3600))};
  });
  Write("token", "pod-identity-token\n");
  const auto run = Ls(server, bucket.name(), {{"AWS_CONTAINER_CREDENTIALS_FULL_URI", container.endpoint() + "/v1/credentials"},
                                              {"AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", (home_ / "token").string()}});
  ASSERT_EQ(run.exit_code, 0) << Describe(run);
  EXPECT_EQ(run.out, "d1\n");
  const auto requests = container.requests();
  ASSERT_FALSE(requests.empty());
  EXPECT_EQ(requests[0].target, "/v1/credentials");
  EXPECT_EQ(requests[0].head.Header("authorization"), "pod-identity-token");
}

TEST_F(CliCredentials, InstanceMetadataV2) {
  S3PRUNE_REQUIRE_SERVER(server);
  ScopedBucket bucket(server, "creds");
  SeedDeployments(bucket.client(), bucket.name(), "", {{"d1", {"x"}}});
  FakeHttpEndpoint imds([&](const ReceivedRequest& request) {
    if (request.method == "PUT" && request.target == "/latest/api/token") return CannedReply{200, "imds-token", "text/plain"};
    if (request.head.Header("x-aws-ec2-metadata-token") != "imds-token") return CannedReply{401, "", "text/plain"};
    if (request.target == "/latest/meta-data/iam/security-credentials/") return CannedReply{200, "pruner", "text/plain"};
    return CannedReply{200, EndpointCredentialsJson(server.access_key_id, server.secret_access_key, TimeFromNow(3600))};
  });
  const auto run = Ls(server, bucket.name(), {{"AWS_EC2_METADATA_DISABLED", ""},
                                              {"AWS_EC2_METADATA_SERVICE_ENDPOINT", imds.endpoint()}});
  ASSERT_EQ(run.exit_code, 0) << Describe(run);
  EXPECT_EQ(run.out, "d1\n");
  const auto requests = imds.requests();
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_EQ(requests[0].head.Header("x-aws-ec2-metadata-token-ttl-seconds"), "21600");
  EXPECT_EQ(requests[2].target, "/latest/meta-data/iam/security-credentials/pruner");
}

TEST_F(CliCredentials, WebIdentityAndARoleProfileThroughAnStsEndpoint) {
  S3PRUNE_REQUIRE_SERVER(server);
  ScopedBucket bucket(server, "creds");
  SeedDeployments(bucket.client(), bucket.name(), "", {{"d1", {"x"}}});
  FakeHttpEndpoint sts([&](const ReceivedRequest& request) {
    const std::string action = request.body.find("Action=AssumeRoleWithWebIdentity") != std::string::npos
                                   ? "AssumeRoleWithWebIdentity"
                                   : "AssumeRole";
    return CannedReply{200,
                       "<" + action + "Response><" + action + "Result><Credentials><AccessKeyId>" + server.access_key_id +
                           "</AccessKeyId><SecretAccessKey>" + server.secret_access_key +
                           "</SecretAccessKey><SessionToken></SessionToken><Expiration>" + TimeFromNow(3600) +
                           "</Expiration></Credentials></" + action + "Result></" + action + "Response>",
                       "text/xml"};
  });
  Write("oidc-token", "eyJhbGciOi.github-actions.token");
  const auto web = Ls(server, bucket.name(), {{"AWS_WEB_IDENTITY_TOKEN_FILE", (home_ / "oidc-token").string()},
                                              {"AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/pruner"},
                                              {"AWS_ENDPOINT_URL_STS", sts.endpoint()}});
  ASSERT_EQ(web.exit_code, 0) << Describe(web);
  EXPECT_EQ(web.out, "d1\n");
  ASSERT_EQ(sts.requests().size(), 1u);
  EXPECT_NE(sts.requests()[0].body.find("WebIdentityToken=eyJhbGciOi.github-actions.token"), std::string::npos);
  EXPECT_EQ(sts.requests()[0].head.Header("authorization"), "") << "AssumeRoleWithWebIdentity is unsigned";

  Write("credentials", "[source]\naws_access_key_id = SOURCEKEY\naws_secret_access_key = sourcesecret\n");
  Write("config", "[profile pruner]\nrole_arn = arn:aws:iam::123456789012:role/pruner\nsource_profile = source\n"
                  "external_id = prune-42\n");
  const auto role = Ls(server, bucket.name(), {{"AWS_PROFILE", "pruner"}, {"AWS_ENDPOINT_URL_STS", sts.endpoint()}});
  ASSERT_EQ(role.exit_code, 0) << Describe(role);
  ASSERT_EQ(sts.requests().size(), 2u);
  EXPECT_NE(sts.requests()[1].body.find("ExternalId=prune-42"), std::string::npos);
  EXPECT_NE(sts.requests()[1].head.Header("authorization").find("Credential=SOURCEKEY/"), std::string::npos);
}

TEST_F(CliCredentials, CredentialProcessAndItsFailure) {
  S3PRUNE_REQUIRE_SERVER(server);
  ScopedBucket bucket(server, "creds");
  SeedDeployments(bucket.client(), bucket.name(), "", {{"d1", {"x"}}});
  Write("creds.json", R"({"Version": 1, "AccessKeyId": ")" + server.access_key_id + R"(", "SecretAccessKey": ")" +
                          server.secret_access_key + R"("})");
  Write("config", "[profile proc]\ncredential_process = cat " + (home_ / "creds.json").string() + "\n"
                  "[profile broken]\ncredential_process = sh -c 'echo vault is sealed >&2; exit 4'\n");
  const auto proc = Ls(server, bucket.name(), {{"AWS_PROFILE", "proc"}});
  ASSERT_EQ(proc.exit_code, 0) << Describe(proc);
  EXPECT_EQ(proc.out, "d1\n");
  const auto broken = Ls(server, bucket.name(), {{"AWS_PROFILE", "broken"}});
  EXPECT_EQ(broken.exit_code, cli::kExitFailure) << Describe(broken);
  EXPECT_NE(broken.err.find("exited with 4: vault is sealed"), std::string::npos) << Describe(broken);
}

TEST_F(CliCredentials, HalfAKeyPairInAProfileStopsInsteadOfRunningAsTheContainerRole) {
  S3PRUNE_REQUIRE_SERVER(server);
  ScopedBucket bucket(server, "creds");
  SeedDeployments(bucket.client(), bucket.name(), "", {{"d1", {"x"}}});
  // The container would hand out keys that work: falling through to it runs as another identity.
  FakeHttpEndpoint container([&](const ReceivedRequest&) {
    return CannedReply{200, EndpointCredentialsJson(server.access_key_id, server.secret_access_key, TimeFromNow(3600))};
  });
  Write("credentials", "[default]\naws_access_key_id = " + server.access_key_id + "\n");
  const auto run = Ls(server, bucket.name(), {{"AWS_CONTAINER_CREDENTIALS_FULL_URI", container.endpoint()}});
  EXPECT_EQ(run.exit_code, cli::kExitFailure) << Describe(run);
  EXPECT_EQ(run.out, "");
  EXPECT_NE(run.err.find("profile 'default' sets aws_access_key_id but not aws_secret_access_key"), std::string::npos)
      << Describe(run);
  EXPECT_TRUE(container.requests().empty()) << "the container endpoint was asked";
}

TEST_F(CliCredentials, ACredentialProcessThatAnswersExpiredCredentialsIsAnErrorAskedOnce) {
  S3PRUNE_REQUIRE_SERVER(server);
  ScopedBucket bucket(server, "creds");
  SeedDeployments(bucket.client(), bucket.name(), "", {{"d1", {"x"}}});
  // RGW would take these keys (it does not know their Expiration): only s3prune can refuse them.
  Write("creds.json", R"({"Version": 1, "AccessKeyId": ")" + server.access_key_id + R"(", "SecretAccessKey": ")" +
                          server.secret_access_key + R"(", "Expiration": ")" + TimeFromNow(-60) + R"("})");
  const auto calls = home_ / "calls";
  Write("config", "[profile stale]\ncredential_process = sh -c 'echo call >> " + calls.string() + "; cat " +
                      (home_ / "creds.json").string() + "'\n");
  const auto run = Ls(server, bucket.name(), {{"AWS_PROFILE", "stale"}});
  EXPECT_EQ(run.exit_code, cli::kExitFailure) << Describe(run);
  EXPECT_EQ(run.out, "");
  EXPECT_NE(run.err.find("returned credentials that expired at"), std::string::npos) << Describe(run);
  std::ifstream called(calls);
  EXPECT_EQ(Lines(std::string(std::istreambuf_iterator<char>(called), {})).size(), 1u);
}

TEST_F(CliCredentials, ExpiredCredentialsAreRefreshedBeforeUse) {
  S3PRUNE_REQUIRE_SERVER(server);
  ScopedBucket bucket(server, "creds");
  SeedDeployments(bucket.client(), bucket.name(), "", {{"d1", {"x"}}});
  std::atomic<int> calls{0};
  FakeHttpEndpoint container([&](const ReceivedRequest&) {
    // First already expired, as if the run had outlived them: the next request must refresh.
    const bool first = calls++ == 0;
    return CannedReply{200, EndpointCredentialsJson(server.access_key_id, first ? "stale-secret" : server.secret_access_key,
                                                    TimeFromNow(first ? -60 : 3600))};
  });
  const auto run = Ls(server, bucket.name(), {{"AWS_CONTAINER_CREDENTIALS_FULL_URI", container.endpoint()}});
  ASSERT_EQ(run.exit_code, 0) << Describe(run);
  EXPECT_EQ(run.out, "d1\n");
  EXPECT_EQ(calls.load(), 2);
}

TEST_F(CliCredentials, NothingAnywhereFailsFastListingWhatWasTried) {
  S3PRUNE_REQUIRE_SERVER(server);
  const auto started = std::chrono::steady_clock::now();
  // IMDS on: off EC2 its address does not answer, and the run must not stall on it.
  const auto run = Ls(server, "s3prune-never-created", {{"AWS_EC2_METADATA_DISABLED", ""}});
  const auto elapsed = std::chrono::steady_clock::now() - started;
  EXPECT_EQ(run.exit_code, cli::kExitFailure) << Describe(run);
  EXPECT_NE(run.err.find("no AWS credentials found; tried environment"), std::string::npos) << Describe(run);
  EXPECT_NE(run.err.find("EC2 instance metadata"), std::string::npos) << Describe(run);
  EXPECT_EQ(Lines(run.err).size(), 1u) << Describe(run);
  EXPECT_LT(elapsed, std::chrono::seconds(10)) << "IMDS must fail within about a second off EC2";
}

}  // namespace
}  // namespace s3prune::testing
