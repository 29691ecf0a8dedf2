// S3Client and what the server says about time and load, through a scripted transport: a
// RequestTimeTooSkewed reply (or a bodyless HEAD 403 far from the server's Date) corrects the
// signing clock, and Retry-After is waited. Against a real server: cli_clock_skew_test.cc.
#include "s3/client.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "testing/fake_transport.h"

namespace s3prune::s3 {
namespace {

using fake::ErrorXml;
using fake::FakeS3;
using fake::HeaderOf;
using fake::Reply;
using std::chrono::milliseconds;

S3Request GetRequest() {
  S3Request request;
  request.kind = OperationKind::kGetObject;
  request.method = "GET";
  request.bucket = "bucket";
  request.key = "deploys/app.txt";
  return request;
}

// --- Clock skew ---

// Our clock 20 minutes slow: the server refuses with RequestTimeTooSkewed and its Date; the
// client signs again with the server's time at once (no attempt spent, no backoff) and keeps
// the offset for later requests.
TEST(S3ClientClockSkewTest, RequestTimeTooSkewedIsCorrectedFromTheServersDate) {
  FakeS3 s3;
  const HttpHeaders server_date = {{"date", "Wed, 01 May 2024 12:20:00 GMT"}};  // fake clock: 12:00:00
  s3.script.replies = {Reply(403, ErrorXml("RequestTimeTooSkewed", "too skewed"), server_date), Reply(200, "one"),
                       Reply(200, "two")};
  auto first = s3.client().Execute(GetRequest());
  ASSERT_TRUE(first.has_value()) << first.error().message;
  auto second = s3.client().Execute(GetRequest());
  ASSERT_TRUE(second.has_value()) << second.error().message;
  ASSERT_EQ(s3.script.requests.size(), 3u);
  EXPECT_EQ(HeaderOf(s3.script.requests[0], "x-amz-date"), "20240501T120000Z");
  EXPECT_EQ(HeaderOf(s3.script.requests[1], "x-amz-date"), "20240501T122000Z");
  EXPECT_EQ(HeaderOf(s3.script.requests[2], "x-amz-date"), "20240501T122000Z") << "the offset is kept";
  EXPECT_TRUE(s3.sleeps.empty());
  EXPECT_EQ(s3.client().ClockOffset(), std::chrono::minutes(20));
}

TEST(S3ClientClockSkewTest, ABodylessHead403FarFromTheServersDateIsSkewToo) {
  FakeS3 s3;
  s3.script.replies = {Reply(403, "", {{"date", "Wed, 01 May 2024 11:40:00 GMT"}}), Reply(200)};
  S3Request head = GetRequest();
  head.method = "HEAD";
  auto response = s3.client().Execute(head);
  ASSERT_TRUE(response.has_value()) << response.error().message;
  EXPECT_EQ(HeaderOf(s3.script.requests[1], "x-amz-date"), "20240501T114000Z");

  FakeS3 denied;  // a real 403 (Date close to ours) stays access denied
  denied.script.replies = {Reply(403, "", {{"date", "Wed, 01 May 2024 12:00:03 GMT"}})};
  auto refused = denied.client().Execute(head);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::kAccessDenied);
}

TEST(S3ClientClockSkewTest, WithoutADateTheSkewErrorStands) {
  FakeS3 s3;
  s3.script.replies = {Reply(403, ErrorXml("RequestTimeTooSkewed", "too skewed"))};
  auto response = s3.client().Execute(GetRequest());
  ASSERT_FALSE(response.has_value());
  EXPECT_EQ(response.error().code, ErrorCode::kClockSkew);
  EXPECT_EQ(s3.script.requests.size(), 1u);
}


// --- Throttling ---

TEST(S3ClientThrottlingTest, RetryAfterIsWaitedAtLeast) {
  ClientConfig config = fake::FakeConfig();
  config.retry.max_delay = std::chrono::seconds(20);
  FakeS3 s3(config);
  s3.script.replies = {Reply(503, ErrorXml("SlowDown", "slow down"), {{"retry-after", "3"}}), Reply(200, "ok")};
  auto response = s3.client().Execute(GetRequest());
  ASSERT_TRUE(response.has_value()) << response.error().message;
  // The jittered backoff would be 50 ms; the server asked for 3 s.
  EXPECT_EQ(s3.sleeps, std::vector<milliseconds>{milliseconds(3000)});
}


}  // namespace
}  // namespace s3prune::s3
