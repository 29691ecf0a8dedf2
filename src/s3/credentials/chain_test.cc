// The order of the chain and what it says when nothing is found or something is broken.
#include "s3/credentials/chain.h"

#include <gtest/gtest.h>

#include "testing/fake_provider_io.h"

namespace s3prune::s3 {
namespace {

using fake::FakeProviderIo;
using fake::Ok;

Result<ResolvedCredentials> Resolve(FakeProviderIo& io, std::string_view profile_flag = "") {
  const ProviderIo wired = io.Io();
  return ResolveCredentials(DefaultProviders(wired, LocateSharedFiles(wired.env, profile_flag), "eu-west-1"), wired,
                            [] { return 0.5; }, [](const std::string&) {});
}

TEST(CredentialsChainTest, EnvironmentFirstUnlessAProfileIsNamed) {
  FakeProviderIo io;
  io.env = {{"HOME", "/h"}, {"AWS_ACCESS_KEY_ID", "ENVKEY"}, {"AWS_SECRET_ACCESS_KEY", "s"}};
  io.files["/h/.aws/credentials"] = "[default]\naws_access_key_id = DEFAULTKEY\naws_secret_access_key = s\n"
                                     "[named]\naws_access_key_id = NAMEDKEY\naws_secret_access_key = s\n";
  auto env = Resolve(io);
  ASSERT_TRUE(env);
  EXPECT_EQ(env->first.access_key_id, "ENVKEY");
  EXPECT_EQ(env->provider, "environment");
  auto named = Resolve(io, "named");
  ASSERT_TRUE(named);
  EXPECT_EQ(named->first.access_key_id, "NAMEDKEY");
  EXPECT_EQ(named->provider, "profile 'named'");
  io.env.erase("AWS_ACCESS_KEY_ID");
  io.env.erase("AWS_SECRET_ACCESS_KEY");
  EXPECT_EQ(Resolve(io)->first.access_key_id, "DEFAULTKEY");
}

TEST(CredentialsChainTest, WebIdentityThenContainerThenInstanceMetadata) {
  FakeProviderIo io;
  io.env = {{"HOME", "/h"}, {"AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:1/c"}};
  io.Script("GET http://127.0.0.1:1/c", {Ok(R"({"AccessKeyId": "CKEY", "SecretAccessKey": "s", "Token": "t",
                                              "Expiration": "2026-12-01T06:00:00Z"})")});
  auto container = Resolve(io);
  ASSERT_TRUE(container) << container.error().message;
  EXPECT_EQ(container->first.access_key_id, "CKEY");
  EXPECT_EQ(container->provider, "container endpoint");
  EXPECT_EQ(container->source->Current()->access_key_id, "CKEY");

  io.env["AWS_WEB_IDENTITY_TOKEN_FILE"] = "/t";
  io.env["AWS_ROLE_ARN"] = "arn:aws:iam::1:role/r";
  io.env["AWS_ENDPOINT_URL_STS"] = "http://127.0.0.1:2";
  io.files["/t"] = "jwt";
  io.Script("POST http://127.0.0.1:2/", {Ok(fake::StsReply("AssumeRoleWithWebIdentity", "WKEY", "2026-12-01T01:00:00Z"))});
  auto web = Resolve(io);
  ASSERT_TRUE(web) << web.error().message;
  EXPECT_EQ(web->provider, "web identity");
}

TEST(CredentialsChainTest, ABrokenProviderStopsTheChainInsteadOfFallingThrough) {
  FakeProviderIo io;
  io.env = {{"HOME", "/h"}, {"AWS_ACCESS_KEY_ID", "HALF"}};
  io.files["/h/.aws/credentials"] = "[default]\naws_access_key_id = DEFAULTKEY\naws_secret_access_key = s\n";
  auto half = Resolve(io);
  ASSERT_FALSE(half);
  EXPECT_NE(half.error().message.find("AWS_SECRET_ACCESS_KEY is not set but its partner is"), std::string::npos);
}

TEST(CredentialsChainTest, HalfAKeyPairInAProfileStopsTheChainBeforeTheContainerRole) {
  FakeProviderIo io;
  io.env = {{"HOME", "/h"}, {"AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:1/c"}};
  io.files["/h/.aws/credentials"] = "[default]\naws_access_key_id = HALFKEY\n";
  io.Script("GET http://127.0.0.1:1/c", {Ok(R"({"AccessKeyId": "CKEY", "SecretAccessKey": "s", "Token": "t",
                                              "Expiration": "2026-12-01T06:00:00Z"})")});
  auto half = Resolve(io);
  ASSERT_FALSE(half) << "ran as " << half->first.access_key_id << " from " << half->provider;
  EXPECT_EQ(half.error().message,
            "profile 'default' sets aws_access_key_id but not aws_secret_access_key: set both, or neither");
  EXPECT_TRUE(io.requests.empty()) << "the container endpoint was asked";
}

}  // namespace
}  // namespace s3prune::s3
