// ListMultipartUploads replies: keys decoded, markers resolved, malformed replies refused.
#include "s3/xml/xml_list.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "s3/core/timestamp.h"

namespace s3prune::s3 {
namespace {

using ::testing::HasSubstr;

std::vector<std::string> DescribeAll(const std::vector<MultipartUpload>& uploads) {
  std::vector<std::string> lines;
  for (const auto& u : uploads) {
    lines.push_back(u.key + " | " + u.upload_id + " | " + (u.initiated ? FormatTimestamp(*u.initiated) : "no Initiated"));
  }
  return lines;
}

struct FailureCase {
  std::string_view name;
  std::string xml;
  std::string_view message;  // must appear in the error message
};

constexpr std::string_view kUploads = R"(<?xml version="1.0" encoding="UTF-8"?>
<ListMultipartUploadsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
  <Bucket>deploy-bucket</Bucket>
  <KeyMarker></KeyMarker>
  <UploadIdMarker></UploadIdMarker>
  <NextKeyMarker>site%2Fbig+file%2B.bin</NextKeyMarker>
  <NextUploadIdMarker>xY7zqQ2Lg8JmVHkYy_Ud0AbxyEwQ9</NextUploadIdMarker>
  <EncodingType>url</EncodingType>
  <MaxUploads>2</MaxUploads>
  <IsTruncated>true</IsTruncated>
  <Upload>
    <Key>site%2Fcaf%C3%A9.iso</Key>
    <UploadId>VXBsb2FkIElEIGZvciA2aWWpbmcncyBteS1tb3ZpZS5tMnRzIHVwbG9hZA</UploadId>
    <Initiator><ID>arn:aws:iam::111122223333:user/ci</ID><DisplayName>ci</DisplayName></Initiator>
    <Owner><ID>75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a</ID></Owner>
    <StorageClass>STANDARD</StorageClass>
    <Initiated>2010-11-10T20:48:33.000Z</Initiated>
  </Upload>
  <Upload>
    <Key>site%2Fbig+file%2B.bin</Key>
    <UploadId>xY7zqQ2Lg8JmVHkYy_Ud0AbxyEwQ9</UploadId>
    <StorageClass>STANDARD</StorageClass>
    <Initiated>2010-11-10T20:49:33Z</Initiated>
  </Upload>
</ListMultipartUploadsResult>)";

TEST(ParseListMultipartUploadsTest, DecodesKeysAndMarkers) {
  const auto page = ParseListMultipartUploads(kUploads);
  ASSERT_TRUE(page.has_value()) << page.error().message;
  EXPECT_TRUE(page->is_truncated);
  EXPECT_EQ(page->next_key_marker, "site/big file+.bin");
  EXPECT_EQ(page->next_upload_id_marker, "xY7zqQ2Lg8JmVHkYy_Ud0AbxyEwQ9");
  EXPECT_EQ(DescribeAll(page->uploads),
            (std::vector<std::string>{
                "site/caf\xC3\xA9.iso | "
                "VXBsb2FkIElEIGZvciA2aWWpbmcncyBteS1tb3ZpZS5tMnRzIHVwbG9hZA | "
                "2010-11-10T20:48:33Z",
                "site/big file+.bin | xY7zqQ2Lg8JmVHkYy_Ud0AbxyEwQ9 | 2010-11-10T20:49:33Z",
            }));
}

std::string UploadsReply(std::string_view body) {
  return "<ListMultipartUploadsResult>" + std::string(body) + "</ListMultipartUploadsResult>";
}

// Nothing needs <Initiated> to list or abort an upload: a server that omits it is served.
TEST(ParseListMultipartUploadsTest, InitiatedIsOptional) {
  const auto page = ParseListMultipartUploads(
      UploadsReply("<IsTruncated>false</IsTruncated><Upload><Key>a</Key><UploadId>u</UploadId></Upload>"));
  ASSERT_TRUE(page.has_value()) << page.error().message;
  EXPECT_EQ(DescribeAll(page->uploads), std::vector<std::string>{"a | u | no Initiated"});
}

// OpenStack Swift (2.30.1, measured with max-uploads=1) sends a truncated page whose
// <NextKeyMarker> and <NextUploadIdMarker> are both empty; its last upload still says where
// the listing stands, so the page is read and the paginator continues from that upload.
TEST(ParseListMultipartUploadsTest, ATruncatedPageWithEmptyMarkersButAnUploadIsRead) {
  const auto page = ParseListMultipartUploads(
      UploadsReply("<NextKeyMarker></NextKeyMarker><NextUploadIdMarker></NextUploadIdMarker>"
                   "<IsTruncated>true</IsTruncated><Upload><Key>up/a</Key><UploadId>u1</UploadId></Upload>"));
  ASSERT_TRUE(page.has_value()) << page.error().message;
  EXPECT_TRUE(page->is_truncated);
  EXPECT_EQ(page->next_key_marker, "");
  EXPECT_EQ(page->next_upload_id_marker, "");
  EXPECT_EQ(DescribeAll(page->uploads), std::vector<std::string>{"up/a | u1 | no Initiated"});
}

TEST(ParseListMultipartUploadsTest, RefusesMalformedReplies) {
  const FailureCase cases[] = {
      {"error document", "<Error><Code>AccessDenied</Code></Error>",
       "malformed <ListMultipartUploadsResult> reply: the root element is <Error>"},
      {"truncated without markers", UploadsReply("<IsTruncated>true</IsTruncated>"),
       "<IsTruncated> is true but <NextKeyMarker> is missing or empty"},
      {"truncated without upload id marker",
       UploadsReply("<IsTruncated>true</IsTruncated><NextKeyMarker>a</NextKeyMarker>"),
       "<IsTruncated> is true but <NextUploadIdMarker> is missing or empty"},
      {"unreadable Initiated",
       UploadsReply("<IsTruncated>false</IsTruncated><Upload><Key>a</Key><UploadId>u</UploadId>"
                    "<Initiated>yesterday</Initiated></Upload>"),
       "<Upload> #1 (key 'a'): <Initiated> is not an RFC 3339 timestamp"},
      {"upload without UploadId",
       UploadsReply("<IsTruncated>false</IsTruncated><Upload><Key>a</Key><Initiated>"
                    "2010-11-10T20:48:33.000Z</Initiated></Upload>"),
       "<Upload> #1 (key 'a'): <UploadId> is missing"},
  };
  for (const auto& c : cases) {
    const auto page = ParseListMultipartUploads(c.xml);
    ASSERT_FALSE(page.has_value()) << c.name;
    EXPECT_EQ(page.error().code, ErrorCode::kMalformedReply) << c.name;
    EXPECT_THAT(page.error().message, HasSubstr(c.message)) << c.name;
  }
}

}  // namespace
}  // namespace s3prune::s3
