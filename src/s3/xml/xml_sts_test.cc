#include "s3/xml/xml_sts.h"

#include <gtest/gtest.h>

#include "s3/core/timestamp.h"

namespace s3prune::s3 {
namespace {

// The AssumeRole example of the STS API Reference, trimmed to what is read.
constexpr const char* kAssumeRole = R"(<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <AssumeRoleResult>
    <SourceIdentity>Alice</SourceIdentity>
    <AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/demo/TestAR</Arn></AssumedRoleUser>
    <Credentials>
      <AccessKeyId>ASIAIOSFODNN7EXAMPLE</AccessKeyId>
      <SecretAccessKey>wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY</SecretAccessKey>
      <SessionToken>AQoDYXdzEPT//////////wEXAMPLEtc764</SessionToken>
      <Expiration>2019-11-09T13:34:41Z</Expiration>
    </Credentials>
  </AssumeRoleResult>
</AssumeRoleResponse>)";

TEST(ParseStsCredentials, ReadsTheTemporaryCredentials) {
  auto credentials = ParseStsCredentials(kAssumeRole, "AssumeRole");
  ASSERT_TRUE(credentials) << credentials.error().message;
  EXPECT_EQ(credentials->access_key_id, "ASIAIOSFODNN7EXAMPLE");
  EXPECT_EQ(credentials->secret_access_key, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY");
  EXPECT_EQ(credentials->session_token, "AQoDYXdzEPT//////////wEXAMPLEtc764");
  EXPECT_EQ(*credentials->expiration, *ParseTimestamp("2019-11-09T13:34:41Z"));
}

TEST(ParseStsCredentials, RefusesOtherRepliesAndMissingFields) {
  EXPECT_FALSE(ParseStsCredentials(kAssumeRole, "AssumeRoleWithWebIdentity"));
  EXPECT_FALSE(ParseStsCredentials("<AssumeRoleResponse><AssumeRoleResult/></AssumeRoleResponse>", "AssumeRole"));
  const std::string no_expiry =
      "<AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId>A</AccessKeyId><SecretAccessKey>S"
      "</SecretAccessKey><SessionToken>T</SessionToken></Credentials></AssumeRoleResult></AssumeRoleResponse>";
  auto missing = ParseStsCredentials(no_expiry, "AssumeRole");
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("Expiration"), std::string::npos) << missing.error().message;
  EXPECT_FALSE(ParseStsCredentials("not xml", "AssumeRole"));
}

}  // namespace
}  // namespace s3prune::s3
