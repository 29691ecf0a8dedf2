// The --keep-from pointers: read from an in-memory bucket (where each lies, what a failed read
// says), compared with a plan (pure), and read again just before deleting.
#include "usecase/pointers.h"

#include <gtest/gtest.h>

#include "usecase/usecase_test_fixtures.h"

namespace s3prune::usecase {
namespace {

using namespace test;

PlanRequest PointerRequest(std::vector<S3Url> keep_from) {
  PlanRequest request;
  request.root = {kBucket, kPrefix};
  request.keep_from = std::move(keep_from);
  return request;
}

TEST(ReadPointers, APointerInsideADeploymentOfTheTargetNamesItsHolder) {
  const struct {
    const char* bucket;
    const char* key;
    const char* holder;
  } cases[] = {
      {"deploys", "www/live/current.txt", "live"},      // inside deployment "live"
      {"deploys", "www/live/deep/current.txt", "live"},
      {"deploys", "www/current.txt", ""},               // a root object: no deployment holds it
      {"deploys", "live/current.txt", ""},              // outside the target's prefix
      {"elsewhere", "www/live/current.txt", ""},        // another bucket
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(c.bucket) + "/" + c.key);
    FakeBucket bucket(kBucket);
    bucket.AddRule([&](const ParsedRequest& r) { return r.bucket == c.bucket && r.key == c.key; },
                   Reply(200, "# live\nd4\n"));
    FakeBucketClient s3(bucket);
    const auto lists = ReadPointers(PointerRequest({{c.bucket, c.key}}), s3.client());
    ASSERT_TRUE(lists) << lists.error().message;
    ASSERT_EQ(lists->size(), 1u);
    EXPECT_EQ((*lists)[0].ids, (std::vector<std::string>{"d4"}));
    EXPECT_EQ((*lists)[0].source, "s3://" + std::string(c.bucket) + "/" + c.key);
    EXPECT_EQ((*lists)[0].holder_id, c.holder);
  }
}

TEST(ReadPointers, ReadsEveryPointerInOrder) {
  FakeBucket bucket(kBucket);
  bucket.Put("live/a.txt", 3, kNow, "d1\n");
  bucket.Put("live/b.txt", 6, kNow, "d2\nd3\n");
  FakeBucketClient s3(bucket);
  const auto lists = ReadPointers(PointerRequest({{kBucket, "live/b.txt"}, {kBucket, "live/a.txt"}}), s3.client());
  ASSERT_TRUE(lists) << lists.error().message;
  ASSERT_EQ(lists->size(), 2u);
  EXPECT_EQ((*lists)[0].source, "s3://deploys/live/b.txt");
  EXPECT_EQ((*lists)[0].ids, (std::vector<std::string>{"d2", "d3"}));
  EXPECT_EQ((*lists)[1].ids, (std::vector<std::string>{"d1"}));
  EXPECT_TRUE(ReadPointers(PointerRequest({}), s3.client()).value().empty());
}

TEST(ReadPointers, AnUnreadablePointerIsAnErrorInThePointersWords) {
  const struct {
    const char* name;
    S3Url url;
    s3::ErrorCode code;
    const char* message;
  } cases[] = {
      {"missing key", {"deploys", "live/missing.txt"}, s3::ErrorCode::kNotFound,
       "s3://deploys/live/missing.txt does not exist"},
      {"missing bucket", {"elsewhere", "live/current.txt"}, s3::ErrorCode::kNotFound, "no bucket 'elsewhere'"},
      {"too large", {"deploys", "live/huge.txt"}, s3::ErrorCode::kInvalidRequest, "larger than 1 MiB"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    FakeBucket bucket(kBucket);
    bucket.Put("live/huge.txt", (1 << 20) + 1, kNow, std::string((1 << 20) + 1, 'x'));
    FakeBucketClient s3(bucket);
    const auto lists = ReadPointers(PointerRequest({c.url}), s3.client());
    ASSERT_FALSE(lists);
    EXPECT_EQ(lists.error().code, c.code);
    EXPECT_TRUE(Contains(lists.error().message, c.message)) << lists.error().message;
    EXPECT_EQ(lists.error().subject, "--keep-from object " + s3::ObjectUri(c.url.bucket, c.url.key));
  }
}

TEST(PointerNamesDoomed, RefusesWhenAnyListNamesADoomedId) {
  const std::vector<policy::Deployment> doomed = {{.id = "d1"}, {.id = "d2"}};
  const struct {
    std::vector<std::vector<std::string>> lists;
    const char* names;  // the id the refusal names, "" when none
  } cases[] = {
      {{{"d4"}}, ""},
      {{}, ""},
      {{{}}, ""},
      {{{"d2"}}, "d2"},
      {{{"d4", "d1"}}, "d1"},
      {{{"d4"}, {"d3", "d2"}}, "d2"},
      {{{"d10"}}, ""},  // ids compare whole
  };
  for (const auto& c : cases) {
    std::vector<policy::NamedDeployments> now;
    for (const auto& ids : c.lists) now.push_back({"s3://deploys/live/" + std::to_string(now.size()), ids, {}, ""});
    const auto why = PointerNamesDoomed(now, doomed);
    const std::string input = ::testing::PrintToString(c.lists);
    ASSERT_EQ(why.has_value(), *c.names != '\0') << input;
    if (why) {
      EXPECT_TRUE(Contains(*why, "now names '" + std::string(c.names) + "'")) << input << ": " << *why;
    }
  }
  EXPECT_FALSE(PointerNamesDoomed({{"s3://deploys/live.txt", {"d1"}, {}, ""}}, {}));
}

TEST(PointersChanged, ComparesEachListAsASetOfIds) {
  const struct {
    std::vector<std::vector<std::string>> saved;
    std::vector<std::vector<std::string>> now;
    const char* source;  // the pointer the message names, "" when unchanged
  } cases[] = {
      {{{"d2", "d3"}}, {{"d3", "d2"}}, ""},
      {{{"d2"}}, {{"d2", "d2"}}, ""},
      {{{}}, {{}}, ""},
      {{}, {}, ""},
      {{{"d2"}}, {{"d3"}}, "s3://deploys/p0"},
      {{{"d2"}}, {{}}, "s3://deploys/p0"},
      {{{}}, {{"d2"}}, "s3://deploys/p0"},
      {{{"d1"}, {"d2"}}, {{"d1"}, {"d2", "d3"}}, "s3://deploys/p1"},
  };
  const auto lists = [](const std::vector<std::vector<std::string>>& ids) {
    std::vector<policy::NamedDeployments> out;
    for (const auto& list : ids) out.push_back({"s3://deploys/p" + std::to_string(out.size()), list, {}, ""});
    return out;
  };
  for (const auto& c : cases) {
    const std::string input = ::testing::PrintToString(c.saved) + " -> " + ::testing::PrintToString(c.now);
    const auto why = PointersChanged(lists(c.saved), lists(c.now));
    ASSERT_EQ(why.has_value(), *c.source != '\0') << input;
    if (why) {
      EXPECT_TRUE(Contains(*why, std::string("--keep-from ") + c.source + " changed")) << input << ": " << *why;
    }
  }
  const auto why = PointersChanged(lists({{"d2"}}), lists({{}}));
  ASSERT_TRUE(why);
  EXPECT_TRUE(Contains(*why, "it named d2, now nothing")) << *why;
}

TEST(RecheckPointers, RefusesWhenAPointerNowNamesADoomedDeployment) {
  const std::vector<policy::Deployment> doomed = {DeploymentOf(2), DeploymentOf(1)};
  const struct {
    const char* name;
    TransportReply read;  // the pointer's second read
    std::optional<s3::ErrorCode> code;
    const char* message;
  } cases[] = {
      {"names a kept deployment", Reply(200, "d3\n"), std::nullopt, ""},
      {"now names a doomed one", Reply(200, "d4\nd1\n"), s3::ErrorCode::kRefused, "now names 'd1'"},
      {"was deleted", Reply(404, ErrorXml("NoSuchKey", "no such key")), s3::ErrorCode::kNotFound, "does not exist"},
      {"access denied", Reply(403, ErrorXml("AccessDenied", "Access Denied")), s3::ErrorCode::kAccessDenied,
       "Access Denied"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    FakeBucket bucket(kBucket);
    bucket.AddRule(IsOperation(Operation::kGetObject), c.read);
    FakeBucketClient s3(bucket);
    PlanRequest request = KeepLastTwo();
    const auto checked = RecheckPointers(request, s3.client(), doomed);
    EXPECT_EQ(bucket.Requests(Operation::kGetObject).size(), 1u);
    ASSERT_EQ(checked.has_value(), !c.code.has_value()) << (checked ? "" : checked.error().message);
    if (checked) continue;
    EXPECT_EQ(checked.error().code, *c.code);
    EXPECT_TRUE(Contains(checked.error().message, c.message)) << checked.error().message;
    EXPECT_TRUE(checked.error().message.ends_with("; nothing was deleted")) << checked.error().message;
  }
}

TEST(RecheckPointers, WithoutPointersReadsNothing) {
  FakeBucket bucket(kBucket);
  FakeBucketClient s3(bucket);
  PlanRequest request = KeepLastTwo();
  request.keep_from.clear();
  EXPECT_TRUE(RecheckPointers(request, s3.client(), {DeploymentOf(1)}));
  EXPECT_TRUE(bucket.Requests(Operation::kGetObject).empty());
}

}  // namespace
}  // namespace s3prune::usecase
