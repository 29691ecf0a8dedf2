// GetObject through a scripted transport: the range it asks for and how it reads the answers.
// Fakes are fine for pure logic; the same behaviour against a real server (RGW answers an
// empty object's range with 416) is tested in tests/integration/s3_client_test.cc.
#include "s3/object_operations.h"

#include <gtest/gtest.h>

#include "testing/fake_transport.h"

namespace s3prune::s3 {
namespace {

using fake::ErrorXml;
using fake::FakeS3;
using fake::HeaderOf;
using fake::Reply;

TEST(GetObjectTest, AsksForOneBytePastTheLimit) {
  FakeS3 s3;
  s3.script.replies = {Reply(206, "0123456789")};
  auto body = GetObject(s3.client(), "bucket", "ten", 10);
  ASSERT_TRUE(body.has_value()) << body.error().message;
  EXPECT_EQ(*body, "0123456789");
  ASSERT_EQ(s3.script.requests.size(), 1u);
  EXPECT_EQ(HeaderOf(s3.script.requests[0], "Range"), "bytes=0-10");
}

TEST(GetObjectTest, ReadsTheAnswers) {
  struct Case {
    std::string name;
    fake::TransportReply reply;
    std::string body;  // expected when `code` is empty
    std::string code;  // ErrorCodeName of the expected error, or ""
  };
  const Case cases[] = {
      {"exactly the limit", Reply(206, "1234"), "1234", ""},
      {"a server that ignores Range", Reply(200, "12345"), "", "invalid_request"},
      {"one byte over the limit", Reply(206, "12345"), "", "invalid_request"},
      {"an empty object: 416 for any range", Reply(416, ErrorXml("InvalidRange", "")), "", ""},
      {"missing key", Reply(404, ErrorXml("NoSuchKey", "The specified key does not exist.")), "",
       "not_found"},
  };
  for (const auto& c : cases) {
    FakeS3 s3;
    s3.script.replies = {c.reply};
    auto body = GetObject(s3.client(), "bucket", "pointer", 4);
    if (c.code.empty()) {
      ASSERT_TRUE(body.has_value()) << c.name << ": " << body.error().message;
      EXPECT_EQ(*body, c.body) << c.name;
    } else {
      ASSERT_FALSE(body.has_value()) << c.name << ": got '" << *body << "'";
      EXPECT_EQ(ErrorCodeName(body.error().code), c.code) << c.name;
    }
  }
}

}  // namespace
}  // namespace s3prune::s3
