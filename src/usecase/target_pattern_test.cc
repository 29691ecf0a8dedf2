#include "usecase/target_pattern.h"

#include <gtest/gtest.h>

#include "usecase/policy_options.h"
#include "usecase/usecase_test_fixtures.h"

namespace s3prune::usecase {
namespace {

using test::FakeBucket;
using test::FakeBucketClient;

PlanRequest SitesRequest(const std::string& root) {
  PlanRequest request;
  request.root = *ParseRootUrl(root);
  request.policy.keep_last = 2;
  return request;
}

TEST(TargetPattern, OneWholeSegmentIsTheWildcard) {
  EXPECT_TRUE(HasWildcard(*ParseRootUrl("s3://deploys/sites/*/")));
  EXPECT_TRUE(HasWildcard(*ParseRootUrl("s3://deploys/*")));
  EXPECT_TRUE(HasWildcard(*ParseRootUrl("s3://deploys/sites/*/releases/")));
  EXPECT_FALSE(HasWildcard(*ParseRootUrl("s3://deploys/sites/www/")));
  EXPECT_FALSE(HasWildcard(*ParseRootUrl("s3://deploys")));
  // Part of a name, or two of them, is refused, not taken literally.
  for (const std::string text : {"s3://deploys/sites/www-*/", "s3://deploys/*/*/", "s3://deploys/si*tes/"}) {
    const auto url = ParseRootUrl(text);
    ASSERT_FALSE(url) << text;
    EXPECT_NE(url.error().find("'*'"), std::string::npos) << url.error();
  }
}

TEST(TargetPattern, EachFolderGetsItsTargetAndItsOwnPointer) {
  PlanRequest request = SitesRequest("s3://deploys/sites/*/");
  request.keep_from = {{"deploys", "sites/*/live.txt"}, {"deploys", "global/live.txt"}};
  const PlanRequest www = RequestForFolder(request, "www");
  EXPECT_EQ(www.root.key, "sites/www/");
  EXPECT_EQ(www.root.bucket, "deploys");
  ASSERT_EQ(www.keep_from.size(), 2u);
  EXPECT_EQ(www.keep_from[0].key, "sites/www/live.txt");
  EXPECT_EQ(www.keep_from[1].key, "global/live.txt");
  EXPECT_EQ(www.policy.keep_last, 2);
  EXPECT_EQ(RequestForFolder(SitesRequest("s3://deploys/*/releases/"), "app").root.key, "app/releases/");
}

TEST(TargetPattern, APointerWithAWildcardNeedsATargetWithOne) {
  PlanRequest request = SitesRequest("s3://deploys/sites/www/");
  request.keep_from = {{"deploys", "sites/*/live.txt"}};
  const auto refused = CheckWildcards(request);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().find("--keep-from s3://deploys/sites/*/live.txt holds a '*'"), std::string::npos)
      << refused.error();
  request.root = *ParseRootUrl("s3://deploys/sites/*/");
  EXPECT_TRUE(CheckWildcards(request));
  request.inventory = S3Url{"deploys", "inventory/manifest.json"};
  EXPECT_FALSE(CheckWildcards(request));
}

TEST(TargetPattern, EveryDoorGetsTheCrossChecks) {
  const auto* keep_last = FindPolicyOption("keep-last");
  const auto* keep_from = FindPolicyOption("keep-from");
  const auto refused = RequestFromSettings(Purpose::kPlan, "s3://deploys/sites/www/",
                                           {{keep_last, {"2"}, 0}, {keep_from, {"s3://deploys/sites/*/live.txt"}, 0}});
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("holds a '*'"), std::string::npos) << refused.error().message;
  EXPECT_TRUE(RequestFromSettings(Purpose::kPlan, "s3://deploys/sites/*/",
                                  {{keep_last, {"2"}, 0}, {keep_from, {"s3://deploys/sites/*/live.txt"}, 0}}));
}

TEST(TargetPattern, TheFoldersUnderThePartBeforeTheWildcardAreMatched) {
  FakeBucket bucket("deploys");
  for (const std::string key : {"sites/www/d1/index.html", "sites/www/d2/index.html", "sites/blog/d1/a.css",
                                "sites/readme.txt", "other/x/d1/index.html", "sites//d1/odd"}) {
    bucket.Put(key, 1, test::kNow);
  }
  FakeBucketClient s3(bucket);
  const auto folders = MatchedFolders(s3.client(), SitesRequest("s3://deploys/sites/*/"));
  ASSERT_TRUE(folders) << folders.error().message;
  EXPECT_EQ(*folders, (std::vector<std::string>{"blog", "www"}));
  const auto top = MatchedFolders(s3.client(), SitesRequest("s3://deploys/*/"));
  ASSERT_TRUE(top) << top.error().message;
  EXPECT_EQ(*top, (std::vector<std::string>{"other", "sites"}));
}

}  // namespace
}  // namespace s3prune::usecase
