#include "s3/xml/xml_error.h"

#include <gtest/gtest.h>

namespace s3prune::s3 {
namespace {

std::string Describe(const ErrorBody& body) {
  return body.code + " | " + body.message + " | " + body.request_id + " | " + body.region +
         " | " + body.endpoint;
}

TEST(ParseErrorBodyTest, ReadsErrorDocuments) {
  struct Case {
    std::string_view name;
    std::string_view xml;
    std::string_view body;
  };
  const Case cases[] = {
      {"no such bucket",
       R"(<?xml version="1.0" encoding="UTF-8"?>
<Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist</Message>)"
       R"(<BucketName>deploy-bucket</BucketName><RequestId>4442587FB7D0A2F9</RequestId>)"
       R"(<HostId>DDCa6W9Y8Ej+YxmDTG0c5B0rYvAv2ZWoivcv9Uw9UDmfXKxRqI=</HostId></Error>)",
       "NoSuchBucket | The specified bucket does not exist | 4442587FB7D0A2F9 |  | "},
      {"permanent redirect",
       "<Error><Code>PermanentRedirect</Code><Message>The bucket you are attempting to access "
       "must be addressed using the specified endpoint.</Message>"
       "<Endpoint>deploy-bucket.s3.eu-west-1.amazonaws.com</Endpoint>"
       "<Bucket>deploy-bucket</Bucket><RequestId>A1B2</RequestId></Error>",
       "PermanentRedirect | The bucket you are attempting to access must be addressed using the "
       "specified endpoint. | A1B2 |  | deploy-bucket.s3.eu-west-1.amazonaws.com"},
      {"wrong region in the signature",
       "<Error><Code>AuthorizationHeaderMalformed</Code><Message>The authorization header is "
       "malformed; the region 'us-east-1' is wrong; expecting 'eu-central-1'</Message>"
       "<Region>eu-central-1</Region><RequestId>C3D4</RequestId></Error>",
       "AuthorizationHeaderMalformed | The authorization header is malformed; the region "
       "'us-east-1' is wrong; expecting 'eu-central-1' | C3D4 | eu-central-1 | "},
      {"STS wrapping",
       "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error>"
       "<Type>Sender</Type><Code>ExpiredToken</Code><Message>Token expired</Message></Error>"
       "<RequestId>e1b5-42</RequestId></ErrorResponse>",
       "ExpiredToken | Token expired | e1b5-42 |  | "},
      {"code only", "<Error><Code>SlowDown</Code></Error>", "SlowDown |  |  |  | "},
  };
  for (const auto& c : cases) {
    const auto body = ParseErrorBody(c.xml);
    ASSERT_TRUE(body.has_value()) << c.name;
    EXPECT_EQ(Describe(*body), c.body) << c.name;
  }
}

TEST(ParseErrorBodyTest, RejectsOtherBodies) {
  const std::string_view cases[] = {
      "",
      "Service Unavailable",
      "<html><body><h1>503 Service Unavailable</h1></body></html>",
      "<Error><Message>no code</Message></Error>",
      "<Error><Code></Code></Error>",
      "<ListBucketResult><IsTruncated>false</IsTruncated></ListBucketResult>",
      "<Error><Code>InternalError</Code>",  // cut short
  };
  for (const auto xml : cases) {
    EXPECT_FALSE(ParseErrorBody(xml).has_value()) << "'" << xml << "'";
  }
}

}  // namespace
}  // namespace s3prune::s3
