#include "policy/time_source.h"

#include <chrono>
#include <string>
#include <string_view>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace s3prune::policy {
namespace {

using namespace std::chrono_literals;
using ::testing::HasSubstr;

// 2024-02-29T13:45:30Z and friends, written as instants so each case says what it expects.
Timestamp Utc(int y, unsigned m, unsigned d, int hh = 0, int mm = 0, int ss = 0) {
  return Timestamp{std::chrono::sys_days{std::chrono::year{y} / m / d} + std::chrono::hours{hh} +
                   std::chrono::minutes{mm} + std::chrono::seconds{ss}};
}

TEST(ParseTimeSourceTest, ReadsEachForm) {
  struct Case {
    std::string_view text;
    TimeFrom from;
    std::string argument;
    std::string marker;
  };
  const Case cases[] = {
      {"objects", TimeFrom::kObjects, "", ""},
      {"order:natural", TimeFrom::kNaturalOrder, "", ""},
      {"id:%Y%m%d%H%M%S", TimeFrom::kIdPattern, "%Y%m%d%H%M%S", ""},
      {"id:release-%Y%m%d-*", TimeFrom::kIdPattern, "release-%Y%m%d-*", ""},
      {"id:%s", TimeFrom::kIdPattern, "%s", ""},
      {"object:.deployed-at", TimeFrom::kMarkerObject, ".deployed-at", ".deployed-at"},
      {"object:meta/when.txt", TimeFrom::kMarkerObject, "meta/when.txt", "meta/when.txt"},
      {"meta:Deployed-At", TimeFrom::kMarkerMeta, "deployed-at", ".deployed-at"},
      {"meta:deployed-at@index.html", TimeFrom::kMarkerMeta, "deployed-at", "index.html"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    const auto parsed = ParseTimeSource(c.text);
    ASSERT_TRUE(parsed.has_value()) << parsed.error();
    EXPECT_EQ(parsed->from, c.from);
    EXPECT_EQ(parsed->argument, c.argument);
    EXPECT_EQ(parsed->marker, c.marker);
    const auto again = ParseTimeSource(FormatTimeSource(*parsed));
    ASSERT_TRUE(again.has_value()) << FormatTimeSource(*parsed);
    EXPECT_EQ(*again, *parsed);
  }
}

TEST(ParseTimeSourceTest, RefusesWithTheReason) {
  struct Case {
    std::string_view text;
    std::string_view message;
  };
  const Case cases[] = {
      {"", "must be objects, id:PATTERN"},
      {"newest", "must be objects, id:PATTERN"},
      {"order:alphabetical", "must be objects"},
      {"id:", "needs a value after the ':'"},
      {"id:%Y%m", "needs %Y, %m and %d"},
      {"id:build-*", "needs %Y, %m and %d"},
      {"id:%Y%m%d%Q", "unknown field %Q"},
      {"id:%Y%m%d%", "lone '%'"},
      {"id:%Y%m%d-%Y", "%Y appears twice"},
      {"id:%s-%Y%m%d", "takes no other field"},
      {"object:", "needs a value"},
      {"object:/abs", "without a leading or trailing '/'"},
      {"object:dir/", "without a leading or trailing '/'"},
      {"meta:bad key", "KEY must be a metadata name"},
      {"meta:key@", "no marker after '@'"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    const auto parsed = ParseTimeSource(c.text);
    ASSERT_FALSE(parsed.has_value());
    EXPECT_THAT(parsed.error(), HasSubstr(c.message));
  }
}

TEST(TimeInIdTest, ReadsTheTimeOfIdsThatMatch) {
  struct Case {
    std::string_view pattern;
    std::string_view id;
    Timestamp expected;
  };
  const Case cases[] = {
      {"%Y%m%d%H%M%S", "20240501093000", Utc(2024, 5, 1, 9, 30, 0)},
      {"%Y-%m-%dT%H-%M", "2024-05-01T09-30", Utc(2024, 5, 1, 9, 30)},
      {"release-%Y%m%d-*", "release-20240501-abc123", Utc(2024, 5, 1)},
      {"release-%Y%m%d-*", "release-20240501-", Utc(2024, 5, 1)},  // '*' matches no text too
      {"*-%Y%m%d", "app-v2-20240501", Utc(2024, 5, 1)},
      {"%Y%m%d", "20240229", Utc(2024, 2, 29)},  // a leap day
      {"%Y%m%d", "20000229", Utc(2000, 2, 29)},  // 2000 is a leap year (divisible by 400)
      {"%s", "1714555800", Utc(2024, 5, 1, 9, 30)},
      {"build-%s-*", "build-1714555800-7", Utc(2024, 5, 1, 9, 30)},
      {"%s", "0", Utc(1970, 1, 1)},
      // Id times are UTC unless the pattern has %z.
      {"%Y%m%d%H%M%z", "202405011130+0200", Utc(2024, 5, 1, 9, 30)},
      {"%Y%m%d%H%M%z", "202405010630-03:00", Utc(2024, 5, 1, 9, 30)},
      {"%Y%m%d%H%M%z", "202405010930Z", Utc(2024, 5, 1, 9, 30)},
      {"100%%-%Y%m%d", "100%-20240501", Utc(2024, 5, 1)},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.pattern) + " " + std::string(c.id));
    const auto source = ParseTimeSource("id:" + std::string(c.pattern));
    ASSERT_TRUE(source.has_value()) << source.error();
    const auto time = TimeInId(source->pattern, c.id);
    ASSERT_TRUE(time.has_value()) << time.error();
    EXPECT_EQ(*time, c.expected);
  }
}

TEST(TimeInIdTest, IdsThatAlmostMatchHaveNoTime) {
  struct Case {
    std::string_view pattern;
    std::string_view id;
    std::string_view message;
  };
  const Case cases[] = {
      {"%Y%m%d%H%M%S", "2024050109300", "does not match --time-from id:%Y%m%d%H%M%S"},   // a digit short
      {"%Y%m%d%H%M%S", "202405010930001", "does not match"},  // a digit long
      {"%Y%m%d", "2024-05-01", "does not match"},
      {"release-%Y%m%d-*", "Release-20240501-x", "does not match"},  // literal text is case-sensitive
      {"release-%Y%m%d-*", "release-20240501", "does not match"},    // the '-' before '*' is missing
      {"%Y%m%d", "2024050a", "does not match"},
      {"%Y%m%d", "latest", "does not match"},
      {"%s", "", "does not match"},
      {"%s", "-5", "does not match"},
      {"%Y%m%d", "20230229", "there is no date 2023-02-29"},  // not a leap year
      {"%Y%m%d", "19000229", "there is no date 1900-02-29"},  // divisible by 100, not by 400
      {"%Y%m%d", "20241301", "there is no date 2024-13-01"},
      {"%Y%m%d", "20240431", "there is no date 2024-04-31"},
      {"%Y%m%d%H%M", "202405012400", "there is no time 24:00:00"},
      {"%Y%m%d%H%M%S", "20240501093060", "there is no time 09:30:60"},
      {"%Y%m%d%H%M%z", "202405010930+2500", "does not match"},  // no such offset
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.pattern) + " " + std::string(c.id));
    const auto source = ParseTimeSource("id:" + std::string(c.pattern));
    ASSERT_TRUE(source.has_value()) << source.error();
    const auto time = TimeInId(source->pattern, c.id);
    ASSERT_FALSE(time.has_value());
    EXPECT_THAT(time.error(), HasSubstr(c.message));
  }
}

// Backtracking over many '*' would take exponential time on an id that almost matches; a
// pattern comes from a policy file or a saved plan, so it must not be able to hang a run.
TEST(TimeInIdTest, ManyStarsAgainstALongIdThatDoesNotMatchEndQuickly) {
  const auto source = ParseTimeSource("id:*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a-%Y%m%d");
  ASSERT_TRUE(source.has_value()) << source.error();
  const std::string id(400, 'a');
  EXPECT_FALSE(TimeInId(source->pattern, id).has_value());
}

TEST(NaturalCompareTest, NumbersCompareAsNumbers) {
  struct Case {
    std::string_view lower;
    std::string_view higher;
  };
  const Case cases[] = {
      {"v1.2.9", "v1.2.10"},   {"build-9", "build-10"}, {"9", "10"},       {"v1.9", "v2.0"},
      {"a", "b"},              {"v1", "v1a"},           {"v1", "v1.0"},    {"release-2", "release-02b"},
      {"07", "7"},  // equal as numbers: bytes decide ('0' before '7'), so the order is total
      {"rc1-100", "rc2-1"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.lower) + " < " + std::string(c.higher));
    EXPECT_EQ(NaturalCompare(c.lower, c.higher), std::strong_ordering::less);
    EXPECT_EQ(NaturalCompare(c.higher, c.lower), std::strong_ordering::greater);
  }
  EXPECT_EQ(NaturalCompare("v1.2.3", "v1.2.3"), std::strong_ordering::equal);
}

TEST(ParseMarkerTimeTest, ReadsTheTimeWrittenInAMarker) {
  struct Case {
    std::string_view text;
    Timestamp expected;
  };
  const Case cases[] = {
      {"1714555800", Utc(2024, 5, 1, 9, 30)},
      {"1714555800\n", Utc(2024, 5, 1, 9, 30)},
      {"  2024-05-01T09:30:00Z  \n", Utc(2024, 5, 1, 9, 30)},
      {"2024-05-01T09:30:00.123456Z", Utc(2024, 5, 1, 9, 30)},
      {"2024-05-01T11:30:00+02:00", Utc(2024, 5, 1, 9, 30)},
      {"2024-05-01 09:30:00", Utc(2024, 5, 1, 9, 30)},
      {"2024-02-29", Utc(2024, 2, 29)},
      {"\n2024-05-01T09:30:00Z\ndeployed by ci", Utc(2024, 5, 1, 9, 30)},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    const auto time = ParseMarkerTime(c.text);
    ASSERT_TRUE(time.has_value()) << time.error();
    EXPECT_EQ(*time, c.expected);
  }
}

TEST(ParseMarkerTimeTest, TextThatIsNoTimeSaysWhy) {
  struct Case {
    std::string_view text;
    std::string_view message;
  };
  const Case cases[] = {
      {"abc123", "which is not a time"},
      {"2024-05-01T09:30:00", "which is not a time"},  // RFC 3339 needs its offset
      {"2023-02-29", "there is no date 2023-02-29"},
      {"1234567890123", "too large for epoch seconds"},
      {"May 1 2024", "which is not a time"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    const auto time = ParseMarkerTime(c.text);
    ASSERT_FALSE(time.has_value());
    EXPECT_THAT(time.error(), HasSubstr(c.message));
  }
}

}  // namespace
}  // namespace s3prune::policy
