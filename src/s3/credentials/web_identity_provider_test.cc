#include "s3/credentials/web_identity_provider.h"

#include <gtest/gtest.h>

#include "testing/fake_provider_io.h"
#include "testing/fake_transport.h"

namespace s3prune::s3 {
namespace {

using fake::FakeProviderIo;
using fake::Ok;

TEST(WebIdentityProviderTest, TradesTheTokenFileUnsignedAndReadsItAgainOnRefresh) {
  FakeProviderIo io;
  io.env = {{"AWS_WEB_IDENTITY_TOKEN_FILE", "/var/run/secrets/eks/token"},
            {"AWS_ROLE_ARN", "arn:aws:iam::1:role/pruner"},
            {"AWS_ROLE_SESSION_NAME", "ci-run-7"}};
  io.files["/var/run/secrets/eks/token"] = "jwt-one\n";
  io.Script("POST https://sts.eu-west-1.amazonaws.com/",
            {Ok(fake::StsReply("AssumeRoleWithWebIdentity", "WEBKEY", "2026-12-01T01:00:00Z"))});
  WebIdentityProvider provider(io.Io(), "eu-west-1");
  auto first = provider.Load();
  ASSERT_TRUE(first && first->credentials) << (first ? first->none_because : first.error().message);
  EXPECT_EQ(first->credentials->access_key_id, "WEBKEY");
  EXPECT_EQ(io.requests[0].body,
            "Action=AssumeRoleWithWebIdentity&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A1%3Arole%2Fpruner"
            "&RoleSessionName=ci-run-7&WebIdentityToken=jwt-one");
  EXPECT_EQ(fake::HeaderOf(io.requests[0], "authorization"), "");
  io.files["/var/run/secrets/eks/token"] = "jwt-two";
  ASSERT_TRUE(provider.Load());
  EXPECT_NE(io.requests[1].body.find("WebIdentityToken=jwt-two"), std::string::npos);
}

TEST(WebIdentityProviderTest, TheStsEndpointCanBeOverriddenAndHalfASettingIsAnError) {
  FakeProviderIo io;
  io.env = {{"AWS_WEB_IDENTITY_TOKEN_FILE", "/t"}, {"AWS_ROLE_ARN", "arn:aws:iam::1:role/r"},
            {"AWS_ENDPOINT_URL_STS", "http://127.0.0.1:9913"}, {"AWS_ENDPOINT_URL", "http://other:1"}};
  io.files["/t"] = "jwt";
  io.Script("POST http://127.0.0.1:9913/", {Ok(fake::StsReply("AssumeRoleWithWebIdentity", "K", "2026-12-01T01:00:00Z"))});
  ASSERT_TRUE(WebIdentityProvider(io.Io(), "eu-west-1").Load());
  io.env.erase("AWS_ROLE_ARN");
  auto half = WebIdentityProvider(io.Io(), "eu-west-1").Load();
  ASSERT_FALSE(half);
  EXPECT_NE(half.error().message.find("AWS_ROLE_ARN is not set but its partner is"), std::string::npos);
}

}  // namespace
}  // namespace s3prune::s3
