// The continuation markers of the version and upload listings, as AWS sends them (url-encoded
// like the keys) and as Ceph RGW sends them (raw while the keys are encoded), and upload
// listings whose keys RGW encodes without saying so. The rest of xml_list is tested in
// xml_list_test.cc.
#include <gtest/gtest.h>

#include <string>

#include "s3/xml/xml_list.h"

namespace s3prune::s3 {
namespace {

std::string Version(std::string_view encoded_key, std::string_view version_id) {
  return "<Version><Key>" + std::string(encoded_key) + "</Key><VersionId>" +
         std::string(version_id) +
         "</VersionId><IsLatest>false</IsLatest><LastModified>2024-05-01T12:00:00Z</LastModified>"
         "<Size>1</Size></Version>";
}

std::string TruncatedVersions(std::string_view marker, std::string_view entries) {
  return "<ListVersionsResult><EncodingType>url</EncodingType><IsTruncated>true</IsTruncated>"
         "<NextKeyMarker>" + std::string(marker) + "</NextKeyMarker>"
         "<NextVersionIdMarker>v2</NextVersionIdMarker>" + std::string(entries) +
         "</ListVersionsResult>";
}

TEST(ListMarkersTest, KeyMarkerIsTheEntryItNamesEncodedOrNot) {
  struct Case {
    std::string name;
    std::string xml;
    std::string marker;
  };
  const Case cases[] = {
      {"AWS: encoded marker", TruncatedVersions("a%2Bb", Version("a%2Bb", "v2")), "a+b"},
      {"AWS: encoded with '+' for a space", TruncatedVersions("a+b", Version("a%20b", "v2")), "a b"},
      // Blind decoding would give "a b": the next page would start before "a+b" and repeat it.
      {"RGW: raw '+'", TruncatedVersions("a+b", Version("a%2Bb", "v2")), "a+b"},
      // Blind decoding would give "xA": keys between "x%41" and "xA" would be skipped.
      {"RGW: raw '%41'", TruncatedVersions("x%41", Version("x%2541", "v2")), "x%41"},
      {"RGW: raw '%' that does not decode", TruncatedVersions("b b+%", Version("b%20b%2B%25", "v2")),
       "b b+%"},
      {"marker names the last common prefix",
       TruncatedVersions("dir+1/", Version("a", "v2") +
                                       "<CommonPrefixes><Prefix>dir%2B1%2F</Prefix></CommonPrefixes>"),
       "dir+1/"},
      {"no entries: decoded", TruncatedVersions("c%2Bd", ""), "c+d"},
  };
  for (const auto& c : cases) {
    const auto page = ParseListObjectVersions(c.xml);
    ASSERT_TRUE(page.has_value()) << c.name << ": " << page.error().message;
    EXPECT_EQ(page->next_key_marker, c.marker) << c.name;
    EXPECT_EQ(page->next_version_id_marker, "v2") << c.name;
  }
}

TEST(ListMarkersTest, LastPageMarkerIsIgnored) {
  // RGW sends NextKeyMarker, raw, on the last page too.
  const auto page = ParseListObjectVersions(
      "<ListVersionsResult><EncodingType>url</EncodingType><IsTruncated>false</IsTruncated>"
      "<NextKeyMarker>b b+%</NextKeyMarker>" + Version("b%20b%2B%25", "v1") + "</ListVersionsResult>");
  ASSERT_TRUE(page.has_value()) << page.error().message;
  EXPECT_EQ(page->next_key_marker, "");
  ASSERT_EQ(page->versions.size(), 1u);
  EXPECT_EQ(page->versions[0].key, "b b+%");
}

// RGW's reply to ?uploads&encoding-type=url: encoded keys, no <EncodingType>, raw marker.
constexpr std::string_view kRgwUploads =
    "<ListMultipartUploadsResult><NextKeyMarker>up/a b+c%</NextKeyMarker>"
    "<NextUploadIdMarker>2~abc</NextUploadIdMarker><IsTruncated>true</IsTruncated>"
    "<Upload><Key>up/a%20b%2Bc%25</Key><UploadId>2~abc</UploadId>"
    "<Initiated>2024-05-01T12:00:00.000Z</Initiated></Upload></ListMultipartUploadsResult>";

TEST(ListMarkersTest, UploadKeysAreDecodedWhenTheCallerAskedForUrlEncoding) {
  const auto page = ParseListMultipartUploads(kRgwUploads, UnstatedKeyEncoding::kUrl);
  ASSERT_TRUE(page.has_value()) << page.error().message;
  ASSERT_EQ(page->uploads.size(), 1u);
  EXPECT_EQ(page->uploads[0].key, "up/a b+c%");
  EXPECT_EQ(page->next_key_marker, "up/a b+c%");
  EXPECT_EQ(page->next_upload_id_marker, "2~abc");
}

TEST(ListMarkersTest, UploadKeysStayRawWhenNothingSaysTheyAreEncoded) {
  const auto page = ParseListMultipartUploads(kRgwUploads);
  ASSERT_TRUE(page.has_value()) << page.error().message;
  ASSERT_EQ(page->uploads.size(), 1u);
  EXPECT_EQ(page->uploads[0].key, "up/a%20b%2Bc%25");
}

TEST(ListMarkersTest, VersionMarkerMayBeAbsentOnlyWhenThePageStopsOnAPrefix) {
  const std::string on_prefix =
      "<ListVersionsResult><EncodingType>url</EncodingType><IsTruncated>true</IsTruncated>"
      "<NextKeyMarker>dep2/</NextKeyMarker><Delimiter>/</Delimiter>" +
      Version("root.txt", "v1") +
      "<CommonPrefixes><Prefix>dep1/</Prefix></CommonPrefixes>"
      "<CommonPrefixes><Prefix>dep2/</Prefix></CommonPrefixes></ListVersionsResult>";
  auto page = ParseListObjectVersions(on_prefix);
  ASSERT_TRUE(page) << page.error().message;
  EXPECT_EQ(page->next_key_marker, "dep2/");
  EXPECT_EQ(page->next_version_id_marker, "");

  const std::string inside_a_key =
      "<ListVersionsResult><EncodingType>url</EncodingType><IsTruncated>true</IsTruncated>"
      "<NextKeyMarker>dep1%2Fa</NextKeyMarker>" + Version("dep1%2Fa", "v1") + "</ListVersionsResult>";
  auto refused = ParseListObjectVersions(inside_a_key);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kMalformedReply);
  EXPECT_NE(refused.error().message.find("NextVersionIdMarker"), std::string::npos) << refused.error().message;
}

}  // namespace
}  // namespace s3prune::s3
