// DeleteObjects through a scripted transport: per-key failures, keys that cannot travel in
// XML, and the request itself. Fakes are fine for pure logic and for faults a real server
// cannot be made to produce (a reply with chosen per-key errors); deleting from a real server
// is tested in tests/integration/s3_client_test.cc.
#include "s3/delete_operations.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "s3/core/digest.h"
#include "testing/fake_transport.h"

namespace s3prune::s3 {
namespace {

using fake::ErrorXml;
using fake::FakeS3;
using fake::HeaderOf;
using fake::Reply;

constexpr std::string_view kDeleteUrl = "http://127.0.0.1:9000/bucket/?delete=";

std::string Describe(const std::vector<ObjectIdentifier>& objects) {
  std::string text;
  for (const auto& object : objects) text += "[" + object.key + "|" + object.version_id + "]";
  return text;
}

std::string Describe(const std::vector<DeleteFailure>& failures) {
  std::string text;
  for (const auto& failure : failures) {
    text += "[" + failure.object.key + "|" + failure.object.version_id + "|" + failure.code + "|" +
            failure.message + "]";
  }
  return text;
}

TEST(DeleteObjectsTest, ReturnsEveryPerKeyError) {
  FakeS3 s3;
  s3.script.replies = {Reply(200,
      R"(<?xml version="1.0" encoding="UTF-8"?><DeleteResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">)"
      "<Error><Key>b</Key><Code>AccessDenied</Code><Message>Access Denied</Message></Error>"
      "<Error><Key>d</Key><VersionId>v4</VersionId><Code>InternalError</Code><Message>retry</Message></Error>"
      "</DeleteResult>")};
  const std::vector<ObjectIdentifier> objects = {{"a", ""}, {"b", ""}, {"c", "v3"}, {"d", "v4"}};
  auto result = DeleteObjects(s3.client(), "bucket", objects);
  ASSERT_TRUE(result.has_value()) << result.error().message;
  EXPECT_EQ(Describe(result->failures), "[b||AccessDenied|Access Denied][d|v4|InternalError|retry]");
  EXPECT_EQ(Describe(result->deleted), "[a|][c|v3]");
  ASSERT_EQ(s3.script.requests.size(), 1u);
  EXPECT_EQ(s3.script.requests[0].method, "POST");
  EXPECT_EQ(s3.script.requests[0].url, kDeleteUrl);
}

TEST(DeleteObjectsTest, SendsTheBodyWithItsContentMd5) {
  FakeS3 s3;
  s3.script.replies = {Reply(200, "<DeleteResult/>")};
  const std::vector<ObjectIdentifier> objects = {{"k1", ""}, {"a&b", "v2"}};
  ASSERT_TRUE(DeleteObjects(s3.client(), "bucket", objects).has_value());
  ASSERT_EQ(s3.script.requests.size(), 1u);
  const HttpRequest& sent = s3.script.requests[0];
  EXPECT_EQ(sent.body,
            R"(<Delete xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Quiet>true</Quiet>)"
            "<Object><Key>k1</Key></Object>"
            "<Object><Key>a&amp;b</Key><VersionId>v2</VersionId></Object></Delete>");
  // Computed independently: openssl md5 -binary | base64 of the body above.
  EXPECT_EQ(HeaderOf(sent, "Content-MD5"), "rs9kV6rVhU4wBJZBUrCxUg==");
  EXPECT_EQ(HeaderOf(sent, "Content-MD5"), Md5Base64(sent.body));
  EXPECT_NE(HeaderOf(sent, "Authorization").find("content-md5;"), std::string::npos)
      << "Content-MD5 must be signed: " << HeaderOf(sent, "Authorization");
}

TEST(DeleteObjectsTest, KeysXmlCannotCarryAreDeletedOneByOne) {
  FakeS3 s3;
  s3.script.replies = {Reply(200, "<DeleteResult/>"), Reply(204),
                       Reply(403, ErrorXml("AccessDenied", "Access Denied"))};
  const std::vector<ObjectIdentifier> objects = {
      {"ok1", ""}, {"bad\x01key", ""}, {"ok2", "v9"}, {"bad\x02", "v1"}};
  auto result = DeleteObjects(s3.client(), "bucket", objects);
  ASSERT_TRUE(result.has_value()) << result.error().message;
  ASSERT_EQ(s3.script.requests.size(), 3u);

  const HttpRequest& batch = s3.script.requests[0];
  EXPECT_EQ(batch.url, kDeleteUrl);
  EXPECT_NE(batch.body.find("<Key>ok1</Key>"), std::string::npos) << batch.body;
  EXPECT_NE(batch.body.find("<Key>ok2</Key><VersionId>v9</VersionId>"), std::string::npos) << batch.body;
  EXPECT_EQ(batch.body.find("bad"), std::string::npos) << batch.body;
  EXPECT_EQ(s3.script.requests[1].method, "DELETE");
  EXPECT_EQ(s3.script.requests[1].url, "http://127.0.0.1:9000/bucket/bad%01key");
  EXPECT_EQ(s3.script.requests[2].method, "DELETE");
  EXPECT_EQ(s3.script.requests[2].url, "http://127.0.0.1:9000/bucket/bad%02?versionId=v1");

  EXPECT_EQ(Describe(result->deleted), "[ok1|][ok2|v9][bad\x01key|]");
  EXPECT_EQ(Describe(result->failures), "[bad\x02|v1|AccessDenied|Access Denied]");
  const auto stats = s3.client().stats().Snapshot();
  EXPECT_EQ(stats.requests[static_cast<std::size_t>(OperationKind::kDeleteObjects)], 1u);
  EXPECT_EQ(stats.requests[static_cast<std::size_t>(OperationKind::kDeleteObject)], 2u);
}

TEST(DeleteObjectsTest, AWholeRequestFailureIsTheError) {
  FakeS3 s3;
  s3.script.replies = {Reply(403, ErrorXml("AccessDenied", "Access Denied"))};
  const std::vector<ObjectIdentifier> objects = {{"a", ""}, {"b", ""}};
  auto result = DeleteObjects(s3.client(), "bucket", objects);
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, ErrorCode::kAccessDenied);
}

TEST(DeleteObjectsTest, AReplyThatIsNotADeleteResultLeavesEveryKeyInDoubt) {
  FakeS3 s3;
  s3.script.replies = {Reply(200, "<html>proxy login</html>")};
  const std::vector<ObjectIdentifier> objects = {{"a", ""}};
  auto result = DeleteObjects(s3.client(), "bucket", objects);
  ASSERT_TRUE(result.has_value()) << result.error().message;
  EXPECT_EQ(Describe(result->deleted), "") << "a 2xx that cannot be read is no proof of a delete";
  ASSERT_EQ(result->outcome_unknown.size(), 1u);
  EXPECT_EQ(result->outcome_unknown[0].code, ErrorCodeName(ErrorCode::kMalformedReply));
  EXPECT_FALSE(result->timed_out);
}

// Swift answers a 1,000-key DeleteObjects only once every key is gone, and goes on when the
// client hangs up: a timed-out batch is neither failed nor done, and sending it again would
// only wait as long again. The caller looks (prune/delete_recheck.h).
TEST(DeleteObjectsTest, ABatchThatTimedOutIsSentOnceAndLeavesItsKeysInDoubt) {
  FakeS3 s3;
  s3.script.replies = {fake::Failure(TransportFailure::kTimeout, "no reply in 60 s"),
                       Reply(200, "<DeleteResult/>")};
  const std::vector<ObjectIdentifier> objects = {{"a", ""}, {"b", "v2"}};
  auto result = DeleteObjects(s3.client(), "bucket", objects);
  ASSERT_TRUE(result.has_value()) << result.error().message;
  EXPECT_EQ(s3.script.requests.size(), 1u) << "a timed-out DeleteObjects is not sent again blindly";
  EXPECT_EQ(Describe(result->deleted), "");
  EXPECT_EQ(Describe(result->failures), "");
  EXPECT_EQ(Describe(result->outcome_unknown), "[a||timeout|no reply in 60 s][b|v2|timeout|no reply in 60 s]");
  EXPECT_TRUE(result->timed_out);
}

TEST(DeleteObjectsTest, ADroppedConnectionIsRetriedAndOnlyThenLeavesItsKeysInDoubt) {
  FakeS3 s3;
  for (int i = 0; i < 10; ++i) s3.script.replies.push_back(fake::Failure(TransportFailure::kConnectionLost, "reset"));
  const std::vector<ObjectIdentifier> objects = {{"a", ""}};
  auto result = DeleteObjects(s3.client(), "bucket", objects);
  ASSERT_TRUE(result.has_value()) << result.error().message;
  EXPECT_GT(s3.script.requests.size(), 1u) << "a reset is retried: a second delete of a key is harmless";
  ASSERT_EQ(result->outcome_unknown.size(), 1u);
  EXPECT_EQ(result->outcome_unknown[0].code, ErrorCodeName(ErrorCode::kNetwork));
  EXPECT_FALSE(result->timed_out);
}

TEST(DeleteObjectsTest, EachRequestWaitsAsLongAsItsKindOfWorkNeeds) {
  FakeS3 s3;
  s3.script.replies = {Reply(200, "<DeleteResult/>"), Reply(204)};
  const std::vector<ObjectIdentifier> objects = {{"a", ""}};
  ASSERT_TRUE(DeleteObjects(s3.client(), "bucket", objects));
  ASSERT_TRUE(DeleteObject(s3.client(), "bucket", objects[0]));
  ASSERT_EQ(s3.script.requests.size(), 2u);
  EXPECT_EQ(s3.script.requests[0].stall_timeout, std::chrono::seconds(60)) << "DeleteObjects";
  EXPECT_EQ(s3.script.requests[1].stall_timeout, std::chrono::seconds(10)) << "DeleteObject";
}

}  // namespace
}  // namespace s3prune::s3
