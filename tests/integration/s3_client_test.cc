// The S3 client library against a real server (Ceph RGW, scripts/s3-server): keys that a
// careless encoder, decoder or XML writer would change, listings over many pages, batch
// deletes, object bodies, multipart uploads and the error codes of common mistakes. The AWS
// CLI, an independent client, confirms what the server holds. Versions and bucket
// configuration are in s3_client_versions_test.cc.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "s3/bucket_operations.h"
#include "s3/delete_operations.h"
#include "s3/list_operations.h"
#include "s3/object_operations.h"
#include "s3/paginator.h"
#include "test_server.h"

namespace s3prune::testing {
namespace {

using s3::ErrorCode;
using s3::OperationKind;

// A key with its control and non-ASCII bytes spelled out, for failure messages.
std::string Printable(const std::string& key) {
  std::string out = "'";
  for (const char c : key) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte >= 0x7F) {
      char escaped[5];
      std::snprintf(escaped, sizeof escaped, "\\x%02X", byte);
      out += escaped;
    } else {
      out += c;
    }
  }
  return out + "'";
}

std::string Printable(const std::vector<std::string>& keys) {
  std::string out;
  for (const auto& key : keys) out += Printable(key) + " ";
  return out;
}

std::uint64_t Delta(const s3::StatsSnapshot& after, const s3::StatsSnapshot& before, OperationKind kind) {
  const auto index = static_cast<std::size_t>(kind);
  return after.requests[index] - before.requests[index];
}

std::vector<std::string> Sorted(std::vector<std::string> keys) {
  // std::string compares as unsigned bytes, which is S3's (UTF-8 binary) order.
  std::ranges::sort(keys);
  return keys;
}

// Keys that are easy to mangle on the way in or out. Each object's body is its key.
const std::vector<std::string> kAwkwardKeys = {
    "plain.txt",
    "space key/a b",
    "trailing space ",
    "unicode/\xC3\xA9t\xC3\xA9",                    // été
    "unicode/\xE6\x97\xA5\xE6\x9C\xAC",             // 日本
    "unicode/\xF0\x9F\x9A\x80",                     // an emoji (4-byte UTF-8)
    "plus/c+d",
    "plus/ + ",
    "percent/100%",
    "percent/%41",
    "percent/%zz",
    "amp/a&b=c",
    "query/?x=1#frag",
    "tilde/~x",
    "dir//file",
    "dots/./x",
    "dots/../y",
    "xml/<tag> & \"quotes\" 'apos'",
    "tab/a\tb",
    "ctrl/\x01key",
};

TEST(S3ClientKeysTest, AwkwardKeysListBackExactlyThroughSmallPages) {
  S3PRUNE_REQUIRE_SERVER(server);
  ScopedBucket bucket(server, "keys");
  PutObjects(bucket.client(), bucket.name(), kAwkwardKeys);
  const auto expected = Sorted(kAwkwardKeys);

  std::vector<std::string> listed;
  std::size_t pages = 0;
  s3::ListObjectsRequest request{bucket.name(), "", "", "", "", 2};
  while (pages <= expected.size()) {
    auto page = s3::ListObjectsV2(bucket.client(), request);
    ASSERT_TRUE(page.has_value()) << "page " << pages << ": " << page.error().message;
    ++pages;
    EXPECT_LE(page->objects.size(), 2u) << "page " << pages;
    for (const auto& object : page->objects) listed.push_back(object.key);
    if (!page->is_truncated) break;
    request.continuation_token = page->next_continuation_token;
  }
  EXPECT_EQ(pages, (expected.size() + 1) / 2);
  EXPECT_EQ(listed, expected) << "listed:   " << Printable(listed) << "\nexpected: " << Printable(expected);

  // Each key names its own object: the body written under a key comes back under it.
  for (const auto& key : kAwkwardKeys) {
    auto body = s3::GetObject(bucket.client(), bucket.name(), key);
    ASSERT_TRUE(body.has_value()) << Printable(key) << ": " << body.error().message;
    EXPECT_EQ(*body, key) << Printable(key);
  }
  const auto aws_keys = AwsListKeys(server, bucket.name());
  EXPECT_EQ(aws_keys, expected) << "aws: " << Printable(aws_keys);
}

TEST(S3ClientKeysTest, DelimiterListingDecodesCommonPrefixes) {
  S3PRUNE_REQUIRE_SERVER(server);
  ScopedBucket bucket(server, "prefixes");
  PutObjects(bucket.client(), bucket.name(), kAwkwardKeys);
  std::vector<std::string> expected_prefixes;
  std::vector<std::string> expected_objects;
  for (const auto& key : kAwkwardKeys) {
    const auto slash = key.find('/');
    if (slash == std::string::npos) {
      expected_objects.push_back(key);
    } else if (std::ranges::find(expected_prefixes, key.substr(0, slash + 1)) == expected_prefixes.end()) {
      expected_prefixes.push_back(key.substr(0, slash + 1));
    }
  }
  auto page = s3::ListObjectsV2(bucket.client(), {bucket.name(), "", "/", "", "", s3::kMaxKeysPerList});
  ASSERT_TRUE(page.has_value()) << page.error().message;
  EXPECT_FALSE(page->is_truncated);
  std::vector<std::string> objects;
  for (const auto& object : page->objects) objects.push_back(object.key);
  EXPECT_EQ(Sorted(page->common_prefixes), Sorted(expected_prefixes)) << Printable(page->common_prefixes);
  EXPECT_EQ(objects, Sorted(expected_objects)) << Printable(objects);

  // One level down, under a prefix that itself needs encoding.
  auto below = s3::ListObjectsV2(bucket.client(), {bucket.name(), "space key/", "/", "", "", s3::kMaxKeysPerList});
  ASSERT_TRUE(below.has_value()) << below.error().message;
  ASSERT_EQ(below->objects.size(), 1u);
  EXPECT_EQ(below->objects[0].key, "space key/a b");
}

TEST(S3ClientKeysTest, AwkwardKeysAreDeletedIncludingOnesXmlCannotCarry) {
  S3PRUNE_REQUIRE_SERVER(server);
  ScopedBucket bucket(server, "delkeys");
  PutObjects(bucket.client(), bucket.name(), kAwkwardKeys);
  std::vector<s3::ObjectIdentifier> objects;
  for (const auto& key : kAwkwardKeys) objects.push_back({key, ""});
  const auto before = bucket.client().stats().Snapshot();
  auto deleted = s3::DeleteObjects(bucket.client(), bucket.name(), objects);
  ASSERT_TRUE(deleted.has_value()) << deleted.error().message;
  for (const auto& failure : deleted->failures) {
    ADD_FAILURE() << Printable(failure.object.key) << ": " << failure.code << " " << failure.message;
  }
  EXPECT_EQ(deleted->deleted.size(), kAwkwardKeys.size());
  const auto after = bucket.client().stats().Snapshot();
  EXPECT_EQ(Delta(after, before, OperationKind::kDeleteObjects), 1u);
  EXPECT_EQ(Delta(after, before, OperationKind::kDeleteObject), 1u) << "only the \\x01 key goes alone";
  EXPECT_EQ(Printable(ListAllKeys(bucket.client(), bucket.name())), "");
  EXPECT_EQ(Printable(AwsListKeys(server, bucket.name())), "");
}

TEST(S3ClientManyObjectsTest, ListsThroughPagesAndDeletesInBatchesOfAThousand) {
  S3PRUNE_REQUIRE_SERVER(server);
  constexpr std::size_t kObjects = 2345;
  ScopedBucket bucket(server, "many");
  std::vector<std::string> keys;
  for (std::size_t i = 0; i < kObjects; ++i) {
    char key[32];
    std::snprintf(key, sizeof key, "deploys/%05zu", i);
    keys.emplace_back(key);
  }
  PutObjects(bucket.client(), bucket.name(), keys, "x");
  s3::S3Client& client = bucket.client();

  auto before = client.stats().Snapshot();
  std::vector<std::string> listed;
  s3::ListObjectsRequest request{bucket.name(), "deploys/", "", "", "", s3::kMaxKeysPerList};
  for (int pages = 0; pages < 10; ++pages) {
    auto page = s3::ListObjectsV2(client, request);
    ASSERT_TRUE(page.has_value()) << page.error().message;
    for (auto& object : page->objects) listed.push_back(std::move(object.key));
    if (!page->is_truncated) break;
    request.continuation_token = page->next_continuation_token;
  }
  auto after = client.stats().Snapshot();
  EXPECT_EQ(listed, keys);
  EXPECT_EQ(Delta(after, before, OperationKind::kListObjects), 3u) << "ceil(2345 / 1000) pages";
  EXPECT_EQ(AwsListKeys(server, bucket.name()).size(), kObjects);

  before = client.stats().Snapshot();
  std::vector<s3::ObjectIdentifier> objects;
  for (const auto& key : listed) objects.push_back({key, ""});
  for (std::size_t start = 0; start < objects.size(); start += s3::kMaxKeysPerDelete) {
    const auto count = std::min(s3::kMaxKeysPerDelete, objects.size() - start);
    auto deleted = s3::DeleteObjects(client, bucket.name(), std::span(objects).subspan(start, count));
    ASSERT_TRUE(deleted.has_value()) << "batch at " << start << ": " << deleted.error().message;
    EXPECT_EQ(deleted->deleted.size(), count) << "batch at " << start;
    for (const auto& failure : deleted->failures) {
      ADD_FAILURE() << failure.object.key << ": " << failure.code << " " << failure.message;
    }
  }
  after = client.stats().Snapshot();
  EXPECT_EQ(Delta(after, before, OperationKind::kDeleteObjects), 3u) << "ceil(2345 / 1000) batches";
  EXPECT_EQ(Delta(after, before, OperationKind::kDeleteObject), 0u);
  EXPECT_EQ(after.retries, before.retries);
  EXPECT_TRUE(ListAllKeys(client, bucket.name()).empty());
  EXPECT_TRUE(AwsListKeys(server, bucket.name()).empty());
}

TEST(S3ClientObjectsTest, BodiesRoundTripByteForByte) {
  S3PRUNE_REQUIRE_SERVER(server);
  ScopedBucket bucket(server, "bodies");
  std::string every_byte;
  for (int i = 0; i < 256; ++i) every_byte += static_cast<char>(i);
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"nul-and-crlf", std::string("a\0b\r\nc\n\r\0", 9)},
      {"every-byte", every_byte},
      {"empty", ""},
      {"one-byte", "x"},
      {"large", std::string(300'000, '\x7f') + every_byte},
  };
  for (const auto& [key, body] : cases) {
    auto put = s3::PutObject(bucket.client(), bucket.name(), key, body);
    ASSERT_TRUE(put.has_value()) << key << ": " << put.error().message;
    auto got = s3::GetObject(bucket.client(), bucket.name(), key);
    ASSERT_TRUE(got.has_value()) << key << ": " << got.error().message;
    EXPECT_EQ(got->size(), body.size()) << key;
    EXPECT_TRUE(*got == body) << key;
    // The AWS CLI sees the same length.
    const auto head = RunAws(server, {"s3api", "head-object", "--bucket", bucket.name(), "--key", key});
    ASSERT_EQ(head.exit_code, 0) << key << ": " << head.err;
    EXPECT_EQ(nlohmann::json::parse(head.out)["ContentLength"].get<std::size_t>(), body.size()) << key;
  }
}

TEST(S3ClientObjectsTest, GetObjectRefusesBodiesOverTheLimit) {
  S3PRUNE_REQUIRE_SERVER(server);
  ScopedBucket bucket(server, "limit");
  ASSERT_TRUE(s3::PutObject(bucket.client(), bucket.name(), "ten", "0123456789").has_value());
  auto exact = s3::GetObject(bucket.client(), bucket.name(), "ten", 10);
  ASSERT_TRUE(exact.has_value()) << exact.error().message;
  EXPECT_EQ(*exact, "0123456789");
  auto over = s3::GetObject(bucket.client(), bucket.name(), "ten", 9);
  ASSERT_FALSE(over.has_value()) << "got " << *over;
  EXPECT_EQ(over.error().code, ErrorCode::kInvalidRequest);
}

TEST(S3ClientUploadsTest, ListsPagesAndAbortsMultipartUploads) {
  S3PRUNE_REQUIRE_SERVER(server);
  ScopedBucket bucket(server, "uploads");
  // Two uploads of a key that needs encoding, so a page boundary falls inside it.
  const std::vector<std::string> keys = {"uploads/a b+c%", "uploads/a b+c%", "uploads/z"};
  std::vector<std::pair<std::string, std::string>> created;  // key, upload id
  for (const auto& key : keys) {
    auto upload_id = s3::CreateMultipartUpload(bucket.client(), bucket.name(), key);
    ASSERT_TRUE(upload_id.has_value()) << key << ": " << upload_id.error().message;
    created.emplace_back(key, *upload_id);
  }
  std::ranges::sort(created);

  // Through the paginator, pages of one upload list each upload exactly once. The markers
  // differ: RGW names the page's last upload; Swift (2.30.1) sends both markers empty on such
  // pages, and the paginator continues from the page's last upload (src/s3/paginator.cc).
  std::vector<std::pair<std::string, std::string>> listed;
  std::size_t pages = 0;
  const auto paged = s3::PageUploads(bucket.client(), {bucket.name(), "", "", "", 1}, [&](s3::ListUploadsPage& page) {
    ++pages;
    if (page.is_truncated && !page.uploads.empty()) {
      if (server.kind == ServerKind::kSwift) {
        EXPECT_EQ(page.next_key_marker, "") << "page " << pages;
      } else {
        EXPECT_EQ(page.next_key_marker, page.uploads.back().key) << "page " << pages;
        EXPECT_EQ(page.next_upload_id_marker, page.uploads.back().upload_id) << "page " << pages;
      }
    }
    for (const auto& upload : page.uploads) listed.emplace_back(upload.key, upload.upload_id);
    return s3::PageControl::kContinue;
  });
  ASSERT_TRUE(paged) << paged.error().message;
  EXPECT_GE(pages, created.size());
  std::ranges::sort(listed);
  EXPECT_EQ(listed, created);

  const auto aws = RunAws(server, {"s3api", "list-multipart-uploads", "--bucket", bucket.name()});
  ASSERT_EQ(aws.exit_code, 0) << aws.err;
  const auto document = nlohmann::json::parse(aws.out);
  ASSERT_TRUE(document.contains("Uploads")) << aws.out;
  std::vector<std::pair<std::string, std::string>> aws_listed;
  for (const auto& upload : document["Uploads"]) aws_listed.emplace_back(upload["Key"], upload["UploadId"]);
  std::ranges::sort(aws_listed);
  EXPECT_EQ(aws_listed, created);

  for (const auto& [key, upload_id] : created) {
    auto aborted = s3::AbortMultipartUpload(bucket.client(), bucket.name(), key, upload_id);
    ASSERT_TRUE(aborted.has_value()) << key << ": " << aborted.error().message;
  }
  auto after = s3::ListMultipartUploads(bucket.client(), {bucket.name(), "", "", "", 1000});
  ASSERT_TRUE(after.has_value()) << after.error().message;
  EXPECT_TRUE(after->uploads.empty()) << after->uploads.size() << " uploads left, first "
                                      << after->uploads.front().key;
}

TEST(S3ClientErrorsTest, CommonMistakesMapToTheirCodesWithoutRetries) {
  S3PRUNE_REQUIRE_SERVER(server);
  ScopedBucket bucket(server, "errors");
  ASSERT_TRUE(s3::PutObject(bucket.client(), bucket.name(), "present", "x").has_value());
  const std::string existing = bucket.name();
  const std::string missing = UniqueBucketName("missing");
  const s3::Credentials good{server.access_key_id, server.secret_access_key, ""};
  const s3::Credentials wrong_secret{server.access_key_id, "not-the-secret", ""};
  const s3::Credentials unknown_key{"NOSUCHACCESSKEY0000", server.secret_access_key, ""};

  using Operation = std::function<s3::Error(s3::S3Client&)>;
  auto error_of = [](auto result) { return result ? s3::MakeError(ErrorCode::kMalformedReply, "succeeded") : result.error(); };
  const Operation list = [&](s3::S3Client& c) { return error_of(s3::ListObjectsV2(c, {existing, "", "", "", "", 10})); };
  const Operation head = [&](s3::S3Client& c) { return error_of(s3::HeadBucket(c, existing)); };
  const Operation list_missing = [&](s3::S3Client& c) { return error_of(s3::ListObjectsV2(c, {missing, "", "", "", "", 10})); };
  const Operation head_missing = [&](s3::S3Client& c) { return error_of(s3::HeadBucket(c, missing)); };
  const Operation get_missing_key = [&](s3::S3Client& c) { return error_of(s3::GetObject(c, existing, "absent")); };
  const Operation get_missing_bucket = [&](s3::S3Client& c) { return error_of(s3::GetObject(c, missing, "present")); };
  struct Case {
    std::string name;
    s3::Credentials credentials;
    Operation operation;
    ErrorCode code;
  };
  // Swift (tempauth) answers an unknown access key as a wrong secret: SignatureDoesNotMatch.
  const ErrorCode unknown_key_code =
      server.kind == ServerKind::kSwift ? ErrorCode::kSignatureMismatch : ErrorCode::kInvalidAccessKey;
  const Case cases[] = {
      {"wrong secret, ListObjectsV2", wrong_secret, list, ErrorCode::kSignatureMismatch},
      {"wrong secret, HeadBucket", wrong_secret, head, ErrorCode::kSignatureMismatch},
      {"unknown access key, ListObjectsV2", unknown_key, list, unknown_key_code},
      {"unknown access key, HeadBucket", unknown_key, head, unknown_key_code},
      {"missing bucket, ListObjectsV2", good, list_missing, ErrorCode::kNoSuchBucket},
      {"missing bucket, HeadBucket", good, head_missing, ErrorCode::kNoSuchBucket},
      {"missing bucket, GetObject", good, get_missing_bucket, ErrorCode::kNoSuchBucket},
      {"missing key, GetObject", good, get_missing_key, ErrorCode::kNotFound},
  };
  for (const auto& c : cases) {
    auto client = MakeClient(server, c.credentials);
    const s3::Error error = c.operation(*client);
    EXPECT_EQ(s3::ErrorCodeName(error.code), s3::ErrorCodeName(c.code))
        << c.name << ": " << error.message << " (" << error.s3_code << ", HTTP " << error.http_status << ")";
    EXPECT_FALSE(error.message.empty()) << c.name;
    const auto stats = client->stats().Snapshot();
    EXPECT_EQ(stats.retries, 0u) << c.name;
    EXPECT_GE(stats.failures, 1u) << c.name;
    EXPECT_LE(stats.TotalRequests(), 2u) << c.name;
  }
}

}  // namespace
}  // namespace s3prune::testing
