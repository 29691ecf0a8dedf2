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

}  // namespace
}  // namespace s3prune::s3
