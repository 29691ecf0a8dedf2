#include "s3/xml/xml_list.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "s3/core/timestamp.h"

namespace s3prune::s3 {
namespace {

using ::testing::HasSubstr;

// Entries are compared through a one-line description so a failure shows every field.
std::string Describe(const ObjectSummary& o) {
  return o.key + " | " + FormatTimestamp(o.last_modified) + " | " + std::to_string(o.size) +
         " | " + o.etag;
}

std::string Describe(const ObjectVersion& v) {
  return v.key + " | " + v.version_id + " | " + (v.is_delete_marker ? "marker" : "version") +
         (v.is_latest ? " latest" : "") + " | " + FormatTimestamp(v.last_modified) + " | " +
         std::to_string(v.size);
}

template <class T>
std::vector<std::string> DescribeAll(const std::vector<T>& entries) {
  std::vector<std::string> lines;
  for (const auto& entry : entries) lines.push_back(Describe(entry));
  return lines;
}

struct FailureCase {
  std::string_view name;
  std::string xml;
  std::string_view message;  // must appear in the error message
};

// ---------------------------------------------------------------- ListObjectsV2

constexpr std::string_view kObjectsHead =
    R"(<?xml version="1.0" encoding="UTF-8"?>)"
    R"(<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">)";

std::string ObjectsReply(std::string_view body) {
  return std::string(kObjectsHead) + std::string(body) + "</ListBucketResult>";
}

constexpr std::string_view kUrlEncodedObjects = R"(<?xml version="1.0" encoding="UTF-8"?>
<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
  <Name>deploy-bucket</Name>
  <Prefix>site%2F</Prefix>
  <KeyCount>6</KeyCount>
  <MaxKeys>1000</MaxKeys>
  <Delimiter>%2F</Delimiter>
  <EncodingType>url</EncodingType>
  <IsTruncated>false</IsTruncated>
  <Contents>
    <Key>site%2Fapp%20v1.0.tar.gz</Key>
    <LastModified>2009-10-12T17:50:30.000Z</LastModified>
    <ETag>&quot;fba9dede5f27731c9771645a39863328&quot;</ETag>
    <Size>434234</Size>
    <StorageClass>STANDARD</StorageClass>
  </Contents>
  <Contents>
    <Key>site%2Fmy+notes.txt</Key>
    <LastModified>2009-10-12T17:50:31.250Z</LastModified>
    <ETag>&quot;d41d8cd98f00b204e9800998ecf8427e-2&quot;</ETag>
    <Size>0</Size>
    <StorageClass>STANDARD</StorageClass>
  </Contents>
  <Contents>
    <Key>site%2Fc%2B%2B.md</Key>
    <LastModified>2009-10-12T17:50:32Z</LastModified>
    <Size>18446744073709551615</Size>
  </Contents>
  <Contents>
    <Key>site%2Fcaf%C3%A9.html</Key>
    <LastModified>2009-10-12T17:50:33.000Z</LastModified>
    <Size>7</Size>
  </Contents>
  <Contents>
    <Key>site%2Fbell%01.txt</Key>
    <LastModified>2009-10-12T17:50:34.000Z</LastModified>
    <Size>1</Size>
  </Contents>
  <CommonPrefixes><Prefix>site%2Frelease+2024%2F</Prefix></CommonPrefixes>
  <CommonPrefixes><Prefix>site%2F%C3%A9t%C3%A9%2F</Prefix></CommonPrefixes>
</ListBucketResult>)";

TEST(ParseListObjectsV2Test, DecodesUrlEncodedKeysAndPrefixes) {
  const auto page = ParseListObjectsV2(kUrlEncodedObjects);
  ASSERT_TRUE(page.has_value()) << page.error().message;
  EXPECT_FALSE(page->is_truncated);
  EXPECT_EQ(page->next_continuation_token, "");
  EXPECT_EQ(DescribeAll(page->objects),
            (std::vector<std::string>{
                "site/app v1.0.tar.gz | 2009-10-12T17:50:30Z | 434234 | "
                "fba9dede5f27731c9771645a39863328",
                "site/my notes.txt | 2009-10-12T17:50:31.250Z | 0 | "
                "d41d8cd98f00b204e9800998ecf8427e-2",
                "site/c++.md | 2009-10-12T17:50:32Z | 18446744073709551615 | ",
                "site/caf\xC3\xA9.html | 2009-10-12T17:50:33Z | 7 | ",
                "site/bell\x01.txt | 2009-10-12T17:50:34Z | 1 | ",
            }));
  EXPECT_EQ(page->common_prefixes,
            (std::vector<std::string>{"site/release 2024/", "site/\xC3\xA9t\xC3\xA9/"}));
}

TEST(ParseListObjectsV2Test, ReadsPages) {
  struct Case {
    std::string_view name;
    std::string xml;
    bool is_truncated;
    std::string_view token;
    std::vector<std::string> objects;
  };
  const Case cases[] = {
      {"empty bucket", ObjectsReply("<KeyCount>0</KeyCount><IsTruncated>false</IsTruncated>"),
       false, "", {}},
      {"truncated with token",
       ObjectsReply("<IsTruncated>true</IsTruncated>"
                    "<NextContinuationToken>1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM="
                    "</NextContinuationToken>"
                    "<Contents><Key>a</Key><LastModified>2009-10-12T17:50:30Z</LastModified>"
                    "<Size>3</Size></Contents>"),
       true, "1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=",
       {"a | 2009-10-12T17:50:30Z | 3 | "}},
      {"without EncodingType, '+' and '%20' are literal",
       ObjectsReply("<IsTruncated>false</IsTruncated>"
                    "<Contents><Key>a+b%20c</Key><LastModified>2009-10-12T17:50:30Z"
                    "</LastModified><Size>1</Size></Contents>"),
       false, "", {"a+b%20c | 2009-10-12T17:50:30Z | 1 | "}},
      {"entities, CR LF and a blank key are kept byte for byte",
       ObjectsReply("<IsTruncated>1</IsTruncated><NextContinuationToken>t</NextContinuationToken>"
                    "<Contents><Key>x &amp; &lt;y&gt;\r\nz&#x9;</Key><LastModified>"
                    "2009-10-12T17:50:30Z</LastModified><Size> 5 </Size></Contents>"
                    "<Contents><Key> </Key><LastModified>2009-10-12T17:50:30Z</LastModified>"
                    "<Size>2</Size><ETag>\"unbalanced</ETag></Contents>"),
       true, "t",
       {"x & <y>\r\nz\t | 2009-10-12T17:50:30Z | 5 | ",
        "  | 2009-10-12T17:50:30Z | 2 | \"unbalanced"}},
  };
  for (const auto& c : cases) {
    const auto page = ParseListObjectsV2(c.xml);
    ASSERT_TRUE(page.has_value()) << c.name << ": " << page.error().message;
    EXPECT_EQ(page->is_truncated, c.is_truncated) << c.name;
    EXPECT_EQ(page->next_continuation_token, c.token) << c.name;
    EXPECT_EQ(DescribeAll(page->objects), c.objects) << c.name;
  }
}

TEST(ParseListObjectsV2Test, RefusesMalformedReplies) {
  const std::string entry =
      "<Contents><Key>a</Key><LastModified>2009-10-12T17:50:30Z</LastModified>"
      "<Size>1</Size></Contents>";
  const FailureCase cases[] = {
      {"not XML", "Service Unavailable", "not XML"},
      {"empty body", "", "not XML"},
      {"cut short", std::string(kUrlEncodedObjects.substr(0, 600)), "not XML"},
      {"HTML", "<html><body><h1>502 Bad Gateway</h1></body></html>",
       "the root element is <html>"},
      {"error document",
       "<Error><Code>InternalError</Code><Message>We encountered an internal error."
       "</Message></Error>",
       "the root element is <Error>"},
      {"another listing", "<ListVersionsResult><IsTruncated>false</IsTruncated>"
                          "</ListVersionsResult>",
       "malformed <ListBucketResult> reply: the root element is <ListVersionsResult>"},
      {"truncated without token", ObjectsReply("<IsTruncated>true</IsTruncated>" + entry),
       "<IsTruncated> is true but <NextContinuationToken> is missing or empty"},
      {"truncated with empty token",
       ObjectsReply("<IsTruncated>true</IsTruncated><NextContinuationToken/>" + entry),
       "<NextContinuationToken> is missing or empty"},
      {"no IsTruncated", ObjectsReply(entry), "<IsTruncated> is missing"},
      {"IsTruncated not a boolean", ObjectsReply("<IsTruncated>yes</IsTruncated>"),
       "<IsTruncated> is not a boolean: 'yes'"},
      {"unknown encoding",
       ObjectsReply("<EncodingType>base64</EncodingType><IsTruncated>false</IsTruncated>"),
       "unknown <EncodingType> 'base64'"},
      {"no Size",
       ObjectsReply("<IsTruncated>false</IsTruncated>" + entry +
                    "<Contents><Key>b</Key><LastModified>2009-10-12T17:50:30Z</LastModified>"
                    "</Contents>"),
       "<Contents> #2 (key 'b'): <Size> is missing"},
      {"negative Size",
       ObjectsReply("<IsTruncated>false</IsTruncated><Contents><Key>b</Key><LastModified>"
                    "2009-10-12T17:50:30Z</LastModified><Size>-1</Size></Contents>"),
       "<Size> is not a number: '-1'"},
      {"no LastModified",
       ObjectsReply("<IsTruncated>false</IsTruncated><Contents><Key>b</Key><Size>1</Size>"
                    "</Contents>"),
       "<Contents> #1 (key 'b'): <LastModified> is missing"},
      {"unreadable LastModified",
       ObjectsReply("<IsTruncated>false</IsTruncated><Contents><Key>b</Key><LastModified>"
                    "Mon, 12 Oct 2009 17:50:30 GMT</LastModified><Size>1</Size></Contents>"),
       "<LastModified> is not an RFC 3339 timestamp: 'Mon, 12 Oct 2009 17:50:30 GMT'"},
      {"no Key",
       ObjectsReply("<IsTruncated>false</IsTruncated><Contents><LastModified>"
                    "2009-10-12T17:50:30Z</LastModified><Size>1</Size></Contents>"),
       "<Contents> #1: <Key> is missing"},
      {"empty Key",
       ObjectsReply("<IsTruncated>false</IsTruncated><Contents><Key></Key><LastModified>"
                    "2009-10-12T17:50:30Z</LastModified><Size>1</Size></Contents>"),
       "<Contents> #1: <Key> is empty"},
      {"broken escape in a key",
       ObjectsReply("<EncodingType>url</EncodingType><IsTruncated>false</IsTruncated>"
                    "<Contents><Key>a%zz</Key><LastModified>2009-10-12T17:50:30Z</LastModified>"
                    "<Size>1</Size></Contents>"),
       "<Contents> #1 (key 'a%zz'): <Key> is not valid url encoding"},
      {"broken escape in a common prefix",
       ObjectsReply("<EncodingType>url</EncodingType><IsTruncated>false</IsTruncated>"
                    "<CommonPrefixes><Prefix>a%2</Prefix></CommonPrefixes>"),
       "<CommonPrefixes> #1 (key 'a%2'): <Prefix> is not valid url encoding"},
      {"CommonPrefixes without Prefix",
       ObjectsReply("<IsTruncated>false</IsTruncated><CommonPrefixes></CommonPrefixes>"),
       "<CommonPrefixes> #1: <Prefix> is missing"},
  };
  for (const auto& c : cases) {
    const auto page = ParseListObjectsV2(c.xml);
    ASSERT_FALSE(page.has_value()) << c.name;
    EXPECT_EQ(page.error().code, ErrorCode::kMalformedReply) << c.name;
    EXPECT_THAT(page.error().message, HasSubstr(c.message)) << c.name;
  }
}

// ---------------------------------------------------------------- ListObjectVersions

constexpr std::string_view kVersions = R"(<?xml version="1.0" encoding="UTF-8"?>
<ListVersionsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
  <Name>deploy-bucket</Name>
  <Prefix>site%2F</Prefix>
  <KeyMarker></KeyMarker>
  <VersionIdMarker></VersionIdMarker>
  <NextKeyMarker>site%2Fmy+page%2B1.html</NextKeyMarker>
  <NextVersionIdMarker>3HL4kqCxf3vjVBH40Nrjfkd</NextVersionIdMarker>
  <MaxKeys>4</MaxKeys>
  <EncodingType>url</EncodingType>
  <IsTruncated>true</IsTruncated>
  <DeleteMarker>
    <Key>site%2Fcaf%C3%A9.html</Key>
    <VersionId>W_cnlAlLdJRgK8EaFGMVsXxJuOWOZoWB</VersionId>
    <IsLatest>true</IsLatest>
    <LastModified>2009-11-12T17:50:30.000Z</LastModified>
    <Owner><ID>75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a</ID></Owner>
  </DeleteMarker>
  <Version>
    <Key>site%2Fcaf%C3%A9.html</Key>
    <VersionId>3/L4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY+MTRCxf3vjVBH40Nr8X8gdRQBpUMLUo</VersionId>
    <IsLatest>false</IsLatest>
    <LastModified>2009-10-12T17:50:30.000Z</LastModified>
    <ETag>&quot;fba9dede5f27731c9771645a39863328&quot;</ETag>
    <Size>434234</Size>
    <StorageClass>STANDARD</StorageClass>
  </Version>
  <Version>
    <Key>site%2Fmy+page%2B1.html</Key>
    <VersionId>null</VersionId>
    <IsLatest>true</IsLatest>
    <LastModified>2009-10-10T17:50:30Z</LastModified>
    <Size>1</Size>
  </Version>
  <DeleteMarker>
    <Key>site%2Fmy+page%2B1.html</Key>
    <VersionId>3HL4kqCxf3vjVBH40Nrjfkd</VersionId>
    <IsLatest>false</IsLatest>
    <LastModified>2009-10-09T17:50:30Z</LastModified>
  </DeleteMarker>
  <CommonPrefixes><Prefix>site%2Fold%20stuff%2F</Prefix></CommonPrefixes>
</ListVersionsResult>)";

TEST(ParseListObjectVersionsTest, KeepsVersionsAndDeleteMarkersInDocumentOrder) {
  const auto page = ParseListObjectVersions(kVersions);
  ASSERT_TRUE(page.has_value()) << page.error().message;
  EXPECT_TRUE(page->is_truncated);
  EXPECT_EQ(page->next_key_marker, "site/my page+1.html");
  EXPECT_EQ(page->next_version_id_marker, "3HL4kqCxf3vjVBH40Nrjfkd");
  EXPECT_EQ(DescribeAll(page->versions),
            (std::vector<std::string>{
                "site/caf\xC3\xA9.html | W_cnlAlLdJRgK8EaFGMVsXxJuOWOZoWB | marker latest | "
                "2009-11-12T17:50:30Z | 0",
                // Version ids are not url-encoded: '+' and '/' stay as they are.
                "site/caf\xC3\xA9.html | "
                "3/L4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY+MTRCxf3vjVBH40Nr8X8gdRQBpUMLUo | version | "
                "2009-10-12T17:50:30Z | 434234",
                "site/my page+1.html | null | version latest | 2009-10-10T17:50:30Z | 1",
                "site/my page+1.html | 3HL4kqCxf3vjVBH40Nrjfkd | marker | "
                "2009-10-09T17:50:30Z | 0",
            }));
  EXPECT_EQ(page->common_prefixes, std::vector<std::string>{"site/old stuff/"});
}

std::string VersionsReply(std::string_view body) {
  return "<ListVersionsResult>" + std::string(body) + "</ListVersionsResult>";
}

TEST(ParseListObjectVersionsTest, ReadsLastPageWithoutMarkers) {
  const auto page = ParseListObjectVersions(VersionsReply("<IsTruncated>false</IsTruncated>"));
  ASSERT_TRUE(page.has_value()) << page.error().message;
  EXPECT_FALSE(page->is_truncated);
  EXPECT_TRUE(page->versions.empty());
  EXPECT_EQ(page->next_key_marker, "");
}

TEST(ParseListObjectVersionsTest, RefusesMalformedReplies) {
  const std::string version =
      "<Version><Key>a</Key><VersionId>v1</VersionId><IsLatest>true</IsLatest>"
      "<LastModified>2009-10-12T17:50:30Z</LastModified><Size>1</Size></Version>";
  const FailureCase cases[] = {
      {"truncated without markers", VersionsReply("<IsTruncated>true</IsTruncated>" + version),
       "<IsTruncated> is true but <NextKeyMarker> is missing or empty"},
      {"truncated without version id marker",
       VersionsReply("<IsTruncated>true</IsTruncated><NextKeyMarker>a</NextKeyMarker>" +
                     version),
       "<IsTruncated> is true but <NextVersionIdMarker> is missing or empty"},
      {"broken escape in NextKeyMarker",
       VersionsReply("<EncodingType>url</EncodingType><IsTruncated>true</IsTruncated>"
                     "<NextKeyMarker>a%G1</NextKeyMarker><NextVersionIdMarker>v"
                     "</NextVersionIdMarker>"),
       "<NextKeyMarker> is not valid url encoding: 'a%G1'"},
      {"version without VersionId",
       VersionsReply("<IsTruncated>false</IsTruncated><Version><Key>a</Key><IsLatest>true"
                     "</IsLatest><LastModified>2009-10-12T17:50:30Z</LastModified><Size>1"
                     "</Size></Version>"),
       "<Version> #1 (key 'a'): <VersionId> is missing"},
      {"version without Size",
       VersionsReply("<IsTruncated>false</IsTruncated>" + version +
                     "<Version><Key>b</Key><VersionId>v2</VersionId><IsLatest>true</IsLatest>"
                     "<LastModified>2009-10-12T17:50:30Z</LastModified></Version>"),
       "<Version> #2 (key 'b'): <Size> is missing"},
      {"delete marker without LastModified",
       VersionsReply("<IsTruncated>false</IsTruncated>" + version +
                     "<DeleteMarker><Key>c</Key><VersionId>v3</VersionId><IsLatest>true"
                     "</IsLatest></DeleteMarker>"),
       "<DeleteMarker> #1 (key 'c'): <LastModified> is missing"},
      {"delete marker without IsLatest",
       VersionsReply("<IsTruncated>false</IsTruncated><DeleteMarker><Key>c</Key><VersionId>v3"
                     "</VersionId><LastModified>2009-10-12T17:50:30Z</LastModified>"
                     "</DeleteMarker>"),
       "<DeleteMarker> #1 (key 'c'): <IsLatest> is missing"},
  };
  for (const auto& c : cases) {
    const auto page = ParseListObjectVersions(c.xml);
    ASSERT_FALSE(page.has_value()) << c.name;
    EXPECT_EQ(page.error().code, ErrorCode::kMalformedReply) << c.name;
    EXPECT_THAT(page.error().message, HasSubstr(c.message)) << c.name;
  }
  // A store that ignores ?versions answers as for a plain bucket GET: it lacks the operation.
  const auto listing = ParseListObjectVersions(ObjectsReply("<IsTruncated>false</IsTruncated>"));
  ASSERT_FALSE(listing.has_value());
  EXPECT_EQ(listing.error().code, ErrorCode::kUnsupported);
  EXPECT_EQ(listing.error().message, "a bucket listing (<ListBucketResult>)");
}

}  // namespace
}  // namespace s3prune::s3
