// The container endpoint and EC2 instance metadata, against scripted HTTP replies: the
// requests they make (URLs, headers, timeouts), what they accept, and how fast they give up.
#include "s3/credentials/endpoint_providers.h"

#include <gtest/gtest.h>

#include "testing/fake_provider_io.h"
#include "testing/fake_transport.h"

namespace s3prune::s3 {
namespace {

using fake::FakeProviderIo;
using fake::Ok;

constexpr const char* kEndpointJson =
    R"({"AccessKeyId": "CONTAINERKEY", "SecretAccessKey": "s", "Token": "t", "Expiration": "2026-12-01T06:00:00Z"})";

TEST(ContainerProviderTest, RelativeUriGoesToTheEcsAddressWithTheTokenVerbatim) {
  FakeProviderIo io;
  io.env = {{"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/credentials/abc"},
            {"AWS_CONTAINER_AUTHORIZATION_TOKEN", "Basic not-a-scheme-we-add"}};
  io.Script("GET http://169.254.170.2/v2/credentials/abc", {Ok(kEndpointJson)});
  auto found = ContainerProvider(io.Io()).Load();
  ASSERT_TRUE(found && found->credentials) << (found ? found->none_because : found.error().message);
  EXPECT_EQ(found->credentials->access_key_id, "CONTAINERKEY");
  EXPECT_EQ(found->credentials->session_token, "t");
  EXPECT_EQ(fake::HeaderOf(io.requests[0], "authorization"), "Basic not-a-scheme-we-add");
}

TEST(ContainerProviderTest, TheTokenFileIsPreferredAndReadAgainOnEveryCall) {
  FakeProviderIo io;
  io.env = {{"AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:9911/creds"},
            {"AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", "/var/run/pod-identity/token"},
            {"AWS_CONTAINER_AUTHORIZATION_TOKEN", "the-env-token"}};
  io.files["/var/run/pod-identity/token"] = "first-token\n";
  io.Script("GET http://127.0.0.1:9911/creds", {Ok(kEndpointJson)});
  ContainerProvider provider(io.Io());
  ASSERT_TRUE(provider.Load());
  io.files["/var/run/pod-identity/token"] = "rotated-token";
  ASSERT_TRUE(provider.Load());
  ASSERT_EQ(io.requests.size(), 2u);
  EXPECT_EQ(fake::HeaderOf(io.requests[0], "authorization"), "first-token");
  EXPECT_EQ(fake::HeaderOf(io.requests[1], "authorization"), "rotated-token");
}

TEST(ContainerProviderTest, AFullUriMustBeHttpsOrAHostLocalAddress) {
  for (const char* allowed : {"https://creds.example.com/x", "http://127.0.0.1:80/x", "http://localhost/x",
                              "http://[::1]:8080/x", "http://169.254.170.2/x", "http://169.254.170.23/v1/credentials",
                              "http://[fd00:ec2::23]/x", "HTTP://LOCALHOST/x"}) {
    EXPECT_TRUE(AllowedContainerUri(allowed)) << allowed;
  }
  for (const char* refused : {"http://example.com/x", "http://10.0.0.1/x", "http://169.254.169.254/x",
                              "http://127.0.0.1.evil.com/x", "ftp://127.0.0.1/x"}) {
    EXPECT_FALSE(AllowedContainerUri(refused)) << refused;
  }
  FakeProviderIo io;
  io.env = {{"AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://example.com/creds"}};
  auto found = ContainerProvider(io.Io()).Load();
  ASSERT_FALSE(found);
  EXPECT_TRUE(io.requests.empty()) << "the token must not be sent anywhere else";
}

TEST(ContainerProviderTest, UnsetIsNothingAndABadReplyIsAnError) {
  FakeProviderIo io;
  auto unset = ContainerProvider(io.Io()).Load();
  ASSERT_TRUE(unset);
  EXPECT_FALSE(unset->credentials);
  io.env = {{"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/creds"}};
  io.Script("GET http://169.254.170.2/creds", {Ok(R"({"SecretAccessKey": "s"})")});
  auto bad = ContainerProvider(io.Io()).Load();
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("no \"AccessKeyId\""), std::string::npos) << bad.error().message;
}

TEST(InstanceMetadataProviderTest, TokenThenRoleThenCredentialsWithOneSecondTimeouts) {
  FakeProviderIo io;
  io.Script("PUT http://169.254.169.254/latest/api/token", {Ok("imds-token")});
  io.Script("GET http://169.254.169.254/latest/meta-data/iam/security-credentials/", {Ok("pruner-role\n")});
  io.Script("GET http://169.254.169.254/latest/meta-data/iam/security-credentials/pruner-role",
            {Ok(R"({"Code": "Success", "AccessKeyId": "EC2KEY", "SecretAccessKey": "s", "Token": "t",
                   "Expiration": "2026-12-01T06:00:00Z"})")});
  auto found = InstanceMetadataProvider(io.Io()).Load();
  ASSERT_TRUE(found && found->credentials) << (found ? found->none_because : found.error().message);
  EXPECT_EQ(found->credentials->access_key_id, "EC2KEY");
  ASSERT_EQ(io.requests.size(), 3u);
  EXPECT_EQ(fake::HeaderOf(io.requests[0], "x-aws-ec2-metadata-token-ttl-seconds"), "21600");
  EXPECT_EQ(fake::HeaderOf(io.requests[1], "x-aws-ec2-metadata-token"), "imds-token");
  EXPECT_EQ(fake::HeaderOf(io.requests[2], "x-aws-ec2-metadata-token"), "imds-token");
  for (auto timeout : io.timeouts) EXPECT_EQ(timeout, std::chrono::seconds(1));
}

TEST(InstanceMetadataProviderTest, OffEc2ItGivesUpAfterOneAttemptAndCanBeDisabledOrRedirected) {
  FakeProviderIo io;
  auto off = InstanceMetadataProvider(io.Io()).Load();
  ASSERT_TRUE(off);
  EXPECT_FALSE(off->credentials);
  EXPECT_EQ(io.requests.size(), 1u) << "one attempt";
  EXPECT_EQ(off->none_because, "no answer from http://169.254.169.254 within 1 s (not on EC2?)");

  io.env = {{"AWS_EC2_METADATA_DISABLED", "TRUE"}};
  auto disabled = InstanceMetadataProvider(io.Io()).Load();
  ASSERT_TRUE(disabled);
  EXPECT_EQ(disabled->none_because, "AWS_EC2_METADATA_DISABLED is true");
  EXPECT_EQ(io.requests.size(), 1u) << "nothing sent when disabled";

  io.env = {{"AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://127.0.0.1:9912/"}};
  io.Script("PUT http://127.0.0.1:9912/latest/api/token", {Ok("tok")});
  io.Script("GET http://127.0.0.1:9912/latest/meta-data/iam/security-credentials/", {Ok("", 404)});
  auto no_role = InstanceMetadataProvider(io.Io()).Load();
  ASSERT_TRUE(no_role);
  EXPECT_EQ(no_role->none_because, "the instance has no IAM role (instance profile)");
}

}  // namespace
}  // namespace s3prune::s3
