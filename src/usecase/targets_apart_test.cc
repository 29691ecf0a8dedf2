#include "usecase/targets_apart.h"

#include <gtest/gtest.h>

namespace s3prune::usecase {
namespace {

PlanRequest Target(std::string bucket, std::string prefix, std::vector<std::string> exclude = {}) {
  PlanRequest request;
  request.root = {std::move(bucket), std::move(prefix)};
  request.policy.exclude_globs = std::move(exclude);
  return request;
}

std::expected<void, std::string> Check(const std::vector<PlanRequest>& requests) {
  std::vector<PlacedRequest> placed;
  for (std::size_t i = 0; i < requests.size(); ++i) placed.push_back({&requests[i], "targets[" + std::to_string(i) + "]"});
  return CheckTargetsApart(placed);
}

TEST(CheckTargetsApart, TargetsInOtherBucketsOrSidePrefixesAreApart) {
  EXPECT_TRUE(Check({Target("b", "siteA/"), Target("b", "siteB/"), Target("c", "")}));
  EXPECT_TRUE(Check({Target("b", "site/"), Target("b", "site2/")}));  // a prefix of the text, not of the folder
  EXPECT_TRUE(Check({Target("b", "")}));
}

TEST(CheckTargetsApart, AnInnerTargetIsTheOuterOnesDeploymentAndRefuses) {
  const auto inner_second = Check({Target("b", ""), Target("b", "site/")});
  ASSERT_FALSE(inner_second);
  EXPECT_EQ(inner_second.error(),
            "targets overlap: s3://b/site/ (targets[1]) lies inside s3://b/ (targets[0]), whose policy would treat it as "
            "the deployment 'site': add exclude: [site] to the outer target, or remove one");
  const auto inner_first = Check({Target("b", "apps/web/v/"), Target("b", "apps/")});
  ASSERT_FALSE(inner_first);
  EXPECT_NE(inner_first.error().find("the deployment 'web'"), std::string::npos) << inner_first.error();
}

TEST(CheckTargetsApart, TheOuterTargetMayExcludeTheInnerOne) {
  EXPECT_TRUE(Check({Target("b", "", {"site"}), Target("b", "site/")}));
  EXPECT_TRUE(Check({Target("b", "", {"s*"}), Target("b", "site/")}));
  EXPECT_FALSE(Check({Target("b", "", {"other"}), Target("b", "site/")}));
  // An exclusion on the inner target does not protect it from the outer one.
  EXPECT_FALSE(Check({Target("b", ""), Target("b", "site/", {"site"})}));
}

TEST(CheckTargetsApart, TheSameTargetTwiceRefuses) {
  const auto twice = Check({Target("b", "www/"), Target("c", ""), Target("b", "www/", {"x"})});
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error(), "the same target twice: s3://b/www/ (targets[0]) and s3://b/www/ (targets[2]): give each "
                           "prefix one target");
}

}  // namespace
}  // namespace s3prune::usecase
