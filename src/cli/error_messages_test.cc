#include "cli/error_messages.h"

#include <gtest/gtest.h>

#include "cli/exit_codes.h"

namespace s3prune::cli {
namespace {

const ErrorContext kContext{"site-bucket", "http://127.0.0.1:7480", "AKIDEXAMPLE"};

s3::Error ErrorOf(s3::ErrorCode code, std::string message = "server said so", std::string request_id = "") {
  s3::Error error = s3::MakeError(code, std::move(message));
  error.request_id = std::move(request_id);
  return error;
}

// Each message names the problem and what to do: the fragments below must all appear.
TEST(DescribeErrorTest, NamesTheProblemAndTheFix) {
  const struct {
    s3::ErrorCode code;
    std::vector<std::string> fragments;
  } cases[] = {
      {s3::ErrorCode::kNoSuchBucket, {"'site-bucket'", "not found", "http://127.0.0.1:7480", "--endpoint-url"}},
      {s3::ErrorCode::kAccessDenied, {"access denied", "AKIDEXAMPLE", "IAM policy"}},
      // Some stores (Swift) answer an unknown access key with SignatureDoesNotMatch too.
      {s3::ErrorCode::kSignatureMismatch,
       {"secret key", "AWS_SECRET_ACCESS_KEY", "http://127.0.0.1:7480 does not know that access key", "AWS_ACCESS_KEY_ID"}},
      {s3::ErrorCode::kInvalidAccessKey, {"AKIDEXAMPLE", "AWS_ACCESS_KEY_ID", "--profile"}},
      {s3::ErrorCode::kExpiredToken, {"session token", "AWS_SESSION_TOKEN"}},
      {s3::ErrorCode::kClockSkew, {"clock", "NTP"}},
      {s3::ErrorCode::kThrottled, {"throttling", "--concurrency"}},
      {s3::ErrorCode::kServerError, {"server failed", "retry later"}},
      {s3::ErrorCode::kTimeout, {"no answer", "http://127.0.0.1:7480"}},
      {s3::ErrorCode::kNetwork, {"cannot reach", "proxies"}},
      {s3::ErrorCode::kTls, {"TLS", "AWS_CA_BUNDLE"}},
      {s3::ErrorCode::kMalformedReply,
       {"the reply from http://127.0.0.1:7480 does not look like S3", "server said so", "--endpoint-url",
        "--addressing path"}},
  };
  for (const auto& c : cases) {
    const std::string text = DescribeError(ErrorOf(c.code), kContext);
    for (const auto& fragment : c.fragments) {
      EXPECT_NE(text.find(fragment), std::string::npos)
          << s3::ErrorCodeName(c.code) << ": '" << fragment << "' missing from: " << text;
    }
  }
}

TEST(DescribeErrorTest, AServiceReplyToABucketRequestPointsAtTheAddressingStyle) {
  const std::string text = DescribeError(
      ErrorOf(s3::ErrorCode::kMalformedReply, "malformed <ListBucketResult> reply: the root element is "
                                              "<ListAllMyBucketsResult>"),
      kContext);
  EXPECT_EQ(text.find("http://127.0.0.1:7480 answered a bucket request with its list of buckets"), 0u) << text;
  EXPECT_NE(text.find("use --addressing path"), std::string::npos) << text;
}

TEST(DescribeErrorTest, ABare404SaysTheEndpointMayNotBeS3) {
  const std::string text = DescribeError(ErrorOf(s3::ErrorCode::kNoSuchBucket, "HTTP 404"), kContext);
  EXPECT_NE(text.find("may not be an S3 API: check --endpoint-url"), std::string::npos) << text;
  s3::Error from_s3 = ErrorOf(s3::ErrorCode::kNoSuchBucket, "HTTP 404", "REQ1");
  EXPECT_EQ(DescribeError(from_s3, kContext).find("may not be"), std::string::npos);
}

TEST(DescribeErrorTest, ADeniedPointerNamesThePointerNotTheBucket) {
  s3::Error error = ErrorOf(s3::ErrorCode::kAccessDenied, "Access Denied");
  error.subject = "--keep-from object s3://other-bucket/live.txt";
  const std::string text = DescribeError(error, kContext);
  EXPECT_EQ(text, "access denied reading --keep-from object s3://other-bucket/live.txt with access key "
                  "'AKIDEXAMPLE' (Access Denied): check that the IAM policy allows s3:GetObject on it");
  EXPECT_EQ(text.find("site-bucket"), std::string::npos);
}

TEST(DescribeErrorTest, NeverShowsTheSecretOnlyTheKeyId) {
  const std::string text = DescribeError(ErrorOf(s3::ErrorCode::kSignatureMismatch), kContext);
  EXPECT_EQ(text.find("secret/"), std::string::npos);
  EXPECT_NE(text.find("AKIDEXAMPLE"), std::string::npos);
}

TEST(DescribeErrorTest, WrongRegionNamesTheRegionWhenKnown) {
  s3::Error error = ErrorOf(s3::ErrorCode::kWrongRegion);
  error.region = "eu-west-1";
  EXPECT_NE(DescribeError(error, kContext).find("(eu-west-1): pass --region"), std::string::npos);
  error.region.clear();
  EXPECT_NE(DescribeError(error, kContext).find("another region: pass --region"), std::string::npos);
}

TEST(DescribeErrorTest, IsOneLineAndCarriesTheRequestId) {
  const std::string text =
      DescribeError(ErrorOf(s3::ErrorCode::kInvalidRequest, "first line\r\nsecond line", "REQ42"), kContext);
  EXPECT_EQ(text, "first line  second line [request id REQ42]");
}

TEST(ExitCodeForTest, OnlyConfigurationErrorsAreUsageErrors) {
  EXPECT_EQ(ExitCodeFor(ErrorOf(s3::ErrorCode::kBadConfig)), kExitUsage);
  EXPECT_EQ(ExitCodeFor(ErrorOf(s3::ErrorCode::kNoSuchBucket)), kExitFailure);
  EXPECT_EQ(ExitCodeFor(ErrorOf(s3::ErrorCode::kAccessDenied)), kExitFailure);
  EXPECT_EQ(ExitCodeFor(ErrorOf(s3::ErrorCode::kNetwork)), kExitFailure);
}

}  // namespace
}  // namespace s3prune::cli
