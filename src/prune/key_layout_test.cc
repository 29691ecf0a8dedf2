#include "prune/key_layout.h"

#include <gtest/gtest.h>

namespace s3prune::prune {
namespace {

TEST(DeploymentPrefix, Table) {
  struct Case {
    std::string prefix;
    std::string id;
    std::string expected;
  };
  const Case cases[] = {
      {"", "dep1", "dep1/"},
      {"sites/www/", "abc", "sites/www/abc/"},
      {"p/", "d\xc3\xa9p", "p/d\xc3\xa9p/"},
      {"p/", "release-1.2", "p/release-1.2/"},
  };
  for (const auto& c : cases) {
    const std::string key_prefix = DeploymentPrefix(c.prefix, c.id);
    EXPECT_EQ(key_prefix, c.expected) << c.prefix << " | " << c.id;
    // Every key under it belongs to the deployment, as discovery reads keys.
    EXPECT_EQ(DeploymentIdOfKey(c.prefix, key_prefix + "index.html"), c.id) << c.prefix << " | " << c.id;
  }
}

TEST(DeploymentIdOfKey, Table) {
  struct Case {
    std::string prefix;
    std::string key;
    std::optional<std::string> id;
  };
  const Case cases[] = {
      {"", "dep1/index.html", "dep1"},
      {"", "dep10/css/a.css", "dep10"},
      {"", "robots.txt", std::nullopt},  // a root object, never a deployment
      {"", "/leading-slash", std::nullopt},  // empty id
      {"", "dep1//double", "dep1"},
      {"sites/www/", "sites/www/abc/x", "abc"},
      {"sites/www/", "sites/www/index.html", std::nullopt},
      {"sites/www/", "sites/www//x", std::nullopt},
      {"", "d\xc3\xa9p/x", "d\xc3\xa9p"},
  };
  for (const auto& c : cases) {
    auto id = DeploymentIdOfKey(c.prefix, c.key);
    EXPECT_EQ(id.has_value(), c.id.has_value()) << c.prefix << " | " << c.key;
    if (id && c.id) {
      EXPECT_EQ(*id, *c.id) << c.prefix << " | " << c.key;
    }
  }
}

TEST(DeploymentIdOfCommonPrefix, Table) {
  EXPECT_EQ(DeploymentIdOfCommonPrefix("", "dep1/"), "dep1");
  EXPECT_EQ(DeploymentIdOfCommonPrefix("a/", "a/dep1/"), "dep1");
  EXPECT_FALSE(DeploymentIdOfCommonPrefix("a/", "a//"));
  EXPECT_FALSE(DeploymentIdOfCommonPrefix("a/", "b/dep1/"));
  EXPECT_FALSE(DeploymentIdOfCommonPrefix("", "dep1"));
}

TEST(SortByKeyOrder, OrdersAsS3OrdersTheirKeys) {
  // S3 sorts "a-b/..." before "a/..." because '-' (0x2d) < '/' (0x2f), although "a" < "a-b".
  std::vector<std::string> ids{"a", "a-b", "a0", "B", "\xc3\xa9", "a.b"};
  SortByKeyOrder(ids);
  EXPECT_EQ(ids, (std::vector<std::string>{"B", "a-b", "a.b", "a", "a0", "\xc3\xa9"}));
}

TEST(SplitIntoRanges, ContiguousBalancedAndBounded) {
  const std::vector<std::string> ids{"a", "b", "c", "d", "e"};
  const auto ranges = SplitIntoRanges("p/", ids, {1, 1, 1, 1, 1}, 2);
  ASSERT_EQ(ranges.size(), 2u);
  EXPECT_EQ(ranges[0].ids, (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(ranges[0].start_after, "p/a");
  EXPECT_EQ(ranges[0].stop_at, "p/c0");
  EXPECT_EQ(ranges[1].ids, (std::vector<std::string>{"d", "e"}));
  EXPECT_EQ(ranges[1].start_after, "p/d");
  EXPECT_EQ(ranges[1].stop_at, "p/e0");
}

TEST(SplitIntoRanges, WeightsDecideTheCuts) {
  const std::vector<std::string> ids{"a", "b", "c", "d"};
  const auto ranges = SplitIntoRanges("", ids, {100, 1, 1, 1}, 2);
  ASSERT_EQ(ranges.size(), 2u);
  EXPECT_EQ(ranges[0].ids, (std::vector<std::string>{"a"}));
  EXPECT_EQ(ranges[1].ids, (std::vector<std::string>{"b", "c", "d"}));
}

TEST(SplitIntoRanges, NeverMoreRangesThanIdsOrAsked) {
  EXPECT_TRUE(SplitIntoRanges("", {}, {}, 4).empty());
  EXPECT_EQ(SplitIntoRanges("", {"a", "b"}, {1, 1}, 8).size(), 2u);
  EXPECT_EQ(SplitIntoRanges("", {"a", "b", "c"}, {1, 1, 1}, 1).size(), 1u);
}

TEST(RangeCount, OnePerUnitsPerRangeBetweenOneAndTheMaximum) {
  struct Case {
    std::uint64_t units, per_range;
    std::size_t max, expected;
  };
  const Case cases[] = {
      {0, 20000, 16, 1},       {7500, 20000, 16, 1},   {20000, 20000, 16, 1}, {20001, 20000, 16, 2},
      {200000, 20000, 16, 10}, {2000000, 20000, 16, 16}, {15, 16, 16, 1},     {1000, 16, 16, 16},
      {5, 0, 4, 4},  // a zero per-range size is taken as one
  };
  for (const auto& c : cases) {
    EXPECT_EQ(RangeCount(c.units, c.per_range, c.max), c.expected) << c.units << " / " << c.per_range << " <= " << c.max;
  }
}

TEST(PastRange, StopsAtTheFirstKeyAfterTheLastDeployment) {
  const KeyRange range{"p/a", "p/dep10", {"dep1"}};
  EXPECT_FALSE(PastRange(range, "p/dep1/x"));
  EXPECT_FALSE(PastRange(range, "p/dep1/\xff"));
  EXPECT_TRUE(PastRange(range, "p/dep10/x"));
  EXPECT_TRUE(PastRange(range, "p/zzz"));
  EXPECT_FALSE(PastRange(KeyRange{"", "", {}}, "anything"));
}

}  // namespace
}  // namespace s3prune::prune
