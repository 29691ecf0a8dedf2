// The listing calls through a scripted transport: the request each sends, and a page cut short
// without a way to continue surfacing as an error. Fakes are fine for pure logic and for faults
// a real server cannot be made to produce (a truncated page without a token); listing a real
// server is tested in tests/integration/s3_client_test.cc.
#include "s3/list_operations.h"

#include <gtest/gtest.h>

#include "testing/fake_transport.h"

namespace s3prune::s3 {
namespace {

using fake::FakeS3;
using fake::Reply;

TEST(ListObjectsV2Test, SendsACanonicalQueryAndDecodesKeys) {
  FakeS3 s3;
  s3.script.replies = {Reply(200,
      "<ListBucketResult><EncodingType>url</EncodingType><IsTruncated>true</IsTruncated>"
      "<NextContinuationToken>tok/2+</NextContinuationToken>"
      "<Contents><Key>a%20b/c%2Bd</Key><LastModified>2024-05-01T12:00:00.000Z</LastModified>"
      "<Size>3</Size></Contents></ListBucketResult>")};
  auto page = ListObjectsV2(s3.client(), {"bucket", "a b/", "", "tok/1=", "", 2});
  ASSERT_TRUE(page.has_value()) << page.error().message;
  ASSERT_EQ(page->objects.size(), 1u);
  EXPECT_EQ(page->objects[0].key, "a b/c+d");
  EXPECT_EQ(page->next_continuation_token, "tok/2+");
  ASSERT_EQ(s3.script.requests.size(), 1u);
  EXPECT_EQ(s3.script.requests[0].url,
            "http://127.0.0.1:9000/bucket/?continuation-token=tok%2F1%3D&encoding-type=url"
            "&list-type=2&max-keys=2&prefix=a%20b%2F");
}

TEST(ListObjectsV2Test, TruncatedPageWithoutTokenIsMalformed) {
  FakeS3 s3;
  s3.script.replies = {Reply(200,
      "<ListBucketResult><IsTruncated>true</IsTruncated>"
      "<Contents><Key>a</Key><LastModified>2024-05-01T12:00:00.000Z</LastModified>"
      "<Size>1</Size></Contents></ListBucketResult>")};
  auto page = ListObjectsV2(s3.client(), {"bucket", "", "", "", "", 1000});
  ASSERT_FALSE(page.has_value()) << "a cut-short listing passed for " << page->objects.size()
                                 << " objects";
  EXPECT_EQ(page.error().code, ErrorCode::kMalformedReply);
  EXPECT_NE(page.error().message.find("NextContinuationToken"), std::string::npos)
      << page.error().message;
  EXPECT_EQ(s3.script.requests.size(), 1u) << "a malformed reply is not retried";
}

TEST(ListObjectVersionsTest, TruncatedPageWithoutVersionIdMarkerIsMalformed) {
  FakeS3 s3;
  s3.script.replies = {Reply(200,
      "<ListVersionsResult><IsTruncated>true</IsTruncated><NextKeyMarker>a</NextKeyMarker>"
      "<Version><Key>a</Key><VersionId>v1</VersionId><IsLatest>true</IsLatest>"
      "<LastModified>2024-05-01T12:00:00.000Z</LastModified><Size>1</Size></Version>"
      "</ListVersionsResult>")};
  auto page = ListObjectVersions(s3.client(), {"bucket", "", "", "", "", 1});
  ASSERT_FALSE(page.has_value());
  EXPECT_EQ(page.error().code, ErrorCode::kMalformedReply);
}

}  // namespace
}  // namespace s3prune::s3
