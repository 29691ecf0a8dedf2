// The paginator's rules through a scripted transport: a truncated page continues with its
// token, an error stops the walk, a token that does not move is an error, the visitor can
// stop early. Fakes, because a real server cannot be made to repeat a token or fail on page
// two on demand; paging a real RGW is tested in tests/integration/s3_client_test.cc.
#include "s3/paginator.h"

#include <gtest/gtest.h>

#include "testing/fake_transport.h"

namespace s3prune::s3 {
namespace {

using fake::FakeS3;
using fake::Reply;

std::string ObjectsPage(const std::string& key, const std::string& next_token) {
  return "<ListBucketResult><IsTruncated>" + std::string(next_token.empty() ? "false" : "true") +
         "</IsTruncated>" + (next_token.empty() ? "" : "<NextContinuationToken>" + next_token + "</NextContinuationToken>") +
         "<Contents><Key>" + key + "</Key><LastModified>2024-05-01T12:00:00.000Z</LastModified>"
         "<Size>1</Size></Contents></ListBucketResult>";
}

std::string VersionsPage(const std::string& key, const std::string& next_key_marker) {
  const bool truncated = !next_key_marker.empty();
  return "<ListVersionsResult><IsTruncated>" + std::string(truncated ? "true" : "false") + "</IsTruncated>" +
         (truncated ? "<NextKeyMarker>" + next_key_marker + "</NextKeyMarker><NextVersionIdMarker>v1</NextVersionIdMarker>"
                    : "") +
         "<Version><Key>" + key + "</Key><VersionId>v1</VersionId><IsLatest>true</IsLatest>"
         "<LastModified>2024-05-01T12:00:00.000Z</LastModified><Size>1</Size></Version></ListVersionsResult>";
}

std::vector<std::string> KeysOf(FakeS3& s3, Result<void>& outcome, PageControl after_each = PageControl::kContinue) {
  std::vector<std::string> keys;
  outcome = PageObjects(s3.client(), {"bucket", "", "", "", "start", 1000}, [&](ListObjectsPage& page) {
    for (const auto& object : page.objects) keys.push_back(object.key);
    return after_each;
  });
  return keys;
}

TEST(PageObjectsTest, ATruncatedPageContinuesWithItsToken) {
  FakeS3 s3;
  s3.script.replies = {Reply(200, ObjectsPage("a", "t1")), Reply(200, ObjectsPage("b", "t2")),
                       Reply(200, ObjectsPage("c", ""))};
  Result<void> outcome;
  EXPECT_EQ(KeysOf(s3, outcome), (std::vector<std::string>{"a", "b", "c"}));
  ASSERT_TRUE(outcome) << outcome.error().message;
  ASSERT_EQ(s3.script.requests.size(), 3u);
  EXPECT_NE(s3.script.requests[0].url.find("start-after=start"), std::string::npos);
  EXPECT_NE(s3.script.requests[1].url.find("continuation-token=t1"), std::string::npos);
  EXPECT_EQ(s3.script.requests[1].url.find("start-after"), std::string::npos);
  EXPECT_NE(s3.script.requests[2].url.find("continuation-token=t2"), std::string::npos);
}

TEST(PageObjectsTest, AnErrorOnALaterPageStopsTheWalkAndIsReturned) {
  FakeS3 s3;
  s3.script.replies = {Reply(200, ObjectsPage("a", "t1")),
                       Reply(403, fake::ErrorXml("AccessDenied", "no"))};
  Result<void> outcome;
  EXPECT_EQ(KeysOf(s3, outcome), (std::vector<std::string>{"a"}));
  ASSERT_FALSE(outcome);
  EXPECT_EQ(outcome.error().code, ErrorCode::kAccessDenied);
}

TEST(PageObjectsTest, ATokenThatDoesNotMoveIsAnErrorNotALoop) {
  FakeS3 s3;
  s3.script.replies = {Reply(200, ObjectsPage("a", "same")), Reply(200, ObjectsPage("b", "same"))};
  Result<void> outcome;
  KeysOf(s3, outcome);
  ASSERT_FALSE(outcome);
  EXPECT_EQ(outcome.error().code, ErrorCode::kMalformedReply);
  EXPECT_EQ(s3.script.requests.size(), 2u);
}

TEST(PageObjectsTest, TheVisitorCanStopEarly) {
  FakeS3 s3;
  s3.script.replies = {Reply(200, ObjectsPage("a", "t1"))};
  Result<void> outcome;
  EXPECT_EQ(KeysOf(s3, outcome, PageControl::kStop), (std::vector<std::string>{"a"}));
  EXPECT_TRUE(outcome);
  EXPECT_EQ(s3.script.requests.size(), 1u);
}

TEST(PageVersionsTest, CarriesBothMarkersAndRefusesOnesThatDoNotMove) {
  FakeS3 s3;
  s3.script.replies = {Reply(200, VersionsPage("a", "a")), Reply(200, VersionsPage("a", "a"))};
  std::size_t pages = 0;
  auto outcome = PageVersions(s3.client(), {"bucket", "", "", "", "", 1000}, [&](ListVersionsPage&) {
    ++pages;
    return PageControl::kContinue;
  });
  ASSERT_FALSE(outcome);
  EXPECT_EQ(outcome.error().code, ErrorCode::kMalformedReply);
  EXPECT_EQ(pages, 2u);
  ASSERT_EQ(s3.script.requests.size(), 2u);
  EXPECT_NE(s3.script.requests[1].url.find("key-marker=a"), std::string::npos);
  EXPECT_NE(s3.script.requests[1].url.find("version-id-marker=v1"), std::string::npos);
}

// A ListObjectVersions page as OpenStack Swift's s3api (2.30.1) writes it: each entry a
// <Version>, and on a truncated page NextKeyMarker naming the last key but
// NextVersionIdMarker "null" whatever that version's id.
struct SwiftVersion {
  std::string key;
  std::string version_id;
};
std::string SwiftVersionsPage(const std::vector<SwiftVersion>& versions, bool truncated,
                              const std::string& next_version_id_marker = "null") {
  std::string xml = "<?xml version='1.0' encoding='UTF-8'?>\n<ListVersionsResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                    "<Name>bucket</Name><Prefix></Prefix><KeyMarker></KeyMarker><VersionIdMarker></VersionIdMarker>";
  if (truncated) {
    xml += "<NextKeyMarker>" + versions.back().key + "</NextKeyMarker><NextVersionIdMarker>" + next_version_id_marker +
           "</NextVersionIdMarker>";
  }
  xml += "<MaxKeys>1000</MaxKeys><IsTruncated>" + std::string(truncated ? "true" : "false") + "</IsTruncated>";
  for (const auto& version : versions) {
    xml += "<Version><Key>" + version.key + "</Key><VersionId>" + version.version_id +
           "</VersionId><IsLatest>true</IsLatest><LastModified>2024-05-01T12:00:01.000Z</LastModified>"
           "<ETag>\"0cc175b9c0f1b6a831c399e269772661\"</ETag><Size>1</Size><StorageClass>STANDARD</StorageClass></Version>";
  }
  return xml + "</ListVersionsResult>";
}

std::vector<std::string> VersionKeysOf(FakeS3& s3, Result<void>& outcome) {
  std::vector<std::string> keys;
  outcome = PageVersions(s3.client(), {"bucket", "", "", "", "", 1000}, [&](ListVersionsPage& page) {
    for (const auto& version : page.versions) keys.push_back(version.key);
    return PageControl::kContinue;
  });
  return keys;
}

TEST(PageVersionsTest, SwiftsNullVersionIdMarkerContinuesFromTheLastEntry) {
  FakeS3 s3;
  // Swift answers version-id-marker=null with an empty, untruncated page; the real id works.
  s3.script.replies = {Reply(200, SwiftVersionsPage({{"d1/a", "1714564801.00001"}}, true))};
  s3.script.replies.push_back(Reply(200, SwiftVersionsPage({{"d2/b", "1714564801.00002"}}, false)));
  Result<void> outcome;
  EXPECT_EQ(VersionKeysOf(s3, outcome), (std::vector<std::string>{"d1/a", "d2/b"}));
  ASSERT_TRUE(outcome) << outcome.error().message;
  ASSERT_EQ(s3.script.requests.size(), 2u);
  EXPECT_NE(s3.script.requests[1].url.find("key-marker=d1%2Fa"), std::string::npos) << s3.script.requests[1].url;
  EXPECT_NE(s3.script.requests[1].url.find("version-id-marker=1714564801.00001"), std::string::npos)
      << s3.script.requests[1].url;
}

TEST(PageVersionsTest, ANullMarkerAfterANullVersionIsTakenAsSent) {
  FakeS3 s3;
  s3.script.replies = {Reply(200, SwiftVersionsPage({{"d1/a", "null"}}, true))};
  s3.script.replies.push_back(Reply(200, SwiftVersionsPage({{"d2/b", "null"}}, false)));
  Result<void> outcome;
  EXPECT_EQ(VersionKeysOf(s3, outcome), (std::vector<std::string>{"d1/a", "d2/b"}));
  ASSERT_TRUE(outcome) << outcome.error().message;
  ASSERT_EQ(s3.script.requests.size(), 2u);
  EXPECT_NE(s3.script.requests[1].url.find("version-id-marker=null"), std::string::npos) << s3.script.requests[1].url;
}

TEST(PageVersionsTest, AVersionIdMarkerThatNamesAnotherVersionIsMalformed) {
  FakeS3 s3;
  s3.script.replies = {Reply(200, SwiftVersionsPage({{"d1/a", "v2"}}, true, "v9"))};
  Result<void> outcome;
  VersionKeysOf(s3, outcome);
  ASSERT_FALSE(outcome);
  EXPECT_EQ(outcome.error().code, ErrorCode::kMalformedReply);
  EXPECT_NE(outcome.error().message.find("do not name its last entry"), std::string::npos) << outcome.error().message;
  EXPECT_EQ(s3.script.requests.size(), 1u);  // nothing resumed from elsewhere
}

TEST(PageVersionsTest, AKeyMarkerThatNamesAnotherKeyIsMalformed) {
  FakeS3 s3;
  s3.script.replies = {Reply(200, VersionsPage("a", "z"))};
  Result<void> outcome;
  VersionKeysOf(s3, outcome);
  ASSERT_FALSE(outcome);
  EXPECT_EQ(outcome.error().code, ErrorCode::kMalformedReply);
  EXPECT_EQ(s3.script.requests.size(), 1u);
}

// A ListMultipartUploads page as OpenStack Swift's s3api (2.30.1) writes it with
// max-uploads=1: truncated, with NextKeyMarker and NextUploadIdMarker both empty.
std::string SwiftUploadsPage(const std::string& key, const std::string& upload_id, bool truncated) {
  return "<?xml version='1.0' encoding='UTF-8'?>\n<ListMultipartUploadsResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
         "<Bucket>bucket</Bucket><KeyMarker></KeyMarker><UploadIdMarker></UploadIdMarker><NextKeyMarker></NextKeyMarker>"
         "<NextUploadIdMarker></NextUploadIdMarker><MaxUploads>1</MaxUploads><IsTruncated>" +
         std::string(truncated ? "true" : "false") + "</IsTruncated><Upload><Key>" + key + "</Key><UploadId>" + upload_id +
         "</UploadId><Initiated>2026-12-07T01:09:24.000Z</Initiated></Upload></ListMultipartUploadsResult>";
}

TEST(PageUploadsTest, SwiftsEmptyMarkersContinueFromTheLastUpload) {
  FakeS3 s3;
  s3.script.replies = {Reply(200, SwiftUploadsPage("up/a", "u1", true)), Reply(200, SwiftUploadsPage("up/a", "u2", true)),
                       Reply(200, SwiftUploadsPage("up/b", "u3", false))};
  std::vector<std::string> uploads;
  auto outcome = PageUploads(s3.client(), {"bucket", "", "", "", 1}, [&](ListUploadsPage& page) {
    for (const auto& upload : page.uploads) uploads.push_back(upload.key + " " + upload.upload_id);
    return PageControl::kContinue;
  });
  ASSERT_TRUE(outcome) << outcome.error().message;
  EXPECT_EQ(uploads, (std::vector<std::string>{"up/a u1", "up/a u2", "up/b u3"}));
  ASSERT_EQ(s3.script.requests.size(), 3u);
  EXPECT_NE(s3.script.requests[1].url.find("key-marker=up%2Fa"), std::string::npos) << s3.script.requests[1].url;
  EXPECT_NE(s3.script.requests[1].url.find("upload-id-marker=u1"), std::string::npos) << s3.script.requests[1].url;
  EXPECT_NE(s3.script.requests[2].url.find("upload-id-marker=u2"), std::string::npos) << s3.script.requests[2].url;
}

TEST(PageUploadsTest, ATruncatedPageWithNeitherMarkersNorUploadsIsAnError) {
  FakeS3 s3;
  s3.script.replies = {Reply(200, "<ListMultipartUploadsResult><NextKeyMarker></NextKeyMarker><IsTruncated>true"
                                  "</IsTruncated></ListMultipartUploadsResult>")};
  auto outcome = PageUploads(s3.client(), {"bucket", "", "", "", 1}, [&](ListUploadsPage&) { return PageControl::kContinue; });
  ASSERT_FALSE(outcome);
  EXPECT_EQ(outcome.error().code, ErrorCode::kMalformedReply);
  EXPECT_EQ(s3.script.requests.size(), 1u);
}

}  // namespace
}  // namespace s3prune::s3
