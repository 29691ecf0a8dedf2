#include "usecase/s3_url.h"

#include <gtest/gtest.h>

namespace s3prune::usecase {
namespace {

TEST(ParseRootUrl, Table) {
  const std::tuple<std::string, std::string, std::string> cases[] = {
      {"s3://deploys", "deploys", ""},
      {"s3://deploys/", "deploys", ""},
      {"s3://deploys/sites/www", "deploys", "sites/www/"},
      {"s3://deploys/sites/www/", "deploys", "sites/www/"},
      {"s3://my.bucket/dep1", "my.bucket", "dep1/"},  // the boundary: never "dep10"
  };
  for (const auto& [text, bucket, prefix] : cases) {
    auto url = ParseRootUrl(text);
    ASSERT_TRUE(url) << text << ": " << url.error();
    EXPECT_EQ(url->bucket, bucket) << text;
    EXPECT_EQ(url->key, prefix) << text;
  }
}

TEST(ParseRootUrl, RejectsWithOneLine) {
  for (const std::string text : {"deploys", "s3:/deploys", "https://deploys", "s3://", "s3://b1", "s3://bad bucket/",
                                 "s3://deploys//"}) {
    auto url = ParseRootUrl(text);
    ASSERT_FALSE(url) << text;
    EXPECT_EQ(url.error().find('\n'), std::string::npos) << text;
  }
}

TEST(ParseRootUrl, RefusesDirectoryBuckets) {
  const auto url = ParseRootUrl("s3://deploys--use1-az4--x-s3/site/");
  ASSERT_FALSE(url);
  EXPECT_EQ(url.error().find("'deploys--use1-az4--x-s3' is an S3 Express One Zone directory bucket"), 0u) << url.error();
  EXPECT_TRUE(ParseRootUrl("s3://deploys-x-s3/")) << "only the reserved suffix";
}

TEST(KeySegments, SplitAtSlashesWithoutATrailingEmptyOne) {
  EXPECT_EQ(KeySegments("sites/*/"), (std::vector<std::string_view>{"sites", "*"}));
  EXPECT_EQ(KeySegments("sites/*/live.txt"), (std::vector<std::string_view>{"sites", "*", "live.txt"}));
  EXPECT_EQ(KeySegments("/a//b"), (std::vector<std::string_view>{"", "a", "", "b"}));
  EXPECT_TRUE(KeySegments("").empty());
}

TEST(ParseObjectUrl, NeedsAKey) {
  auto url = ParseObjectUrl("s3://deploys/live/current.txt");
  ASSERT_TRUE(url);
  EXPECT_EQ(url->bucket, "deploys");
  EXPECT_EQ(url->key, "live/current.txt");
  EXPECT_FALSE(ParseObjectUrl("s3://deploys"));
  EXPECT_FALSE(ParseObjectUrl("s3://deploys/"));
  EXPECT_FALSE(ParseObjectUrl("s3://deploys/live/"));
}

}  // namespace
}  // namespace s3prune::usecase
