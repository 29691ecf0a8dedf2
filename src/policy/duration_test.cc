#include "policy/duration.h"

#include <chrono>
#include <string>
#include <string_view>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace s3prune::policy {
namespace {

using namespace std::chrono_literals;
using std::chrono::days;
using std::chrono::seconds;
using std::chrono::weeks;

TEST(ParseDurationTest, AcceptsWholeNumbersWithUnitsLargestFirst) {
  struct Case {
    std::string_view text;
    seconds expected;
  };
  const Case cases[] = {
      {"90s", 90s},
      {"45m", 45min},
      {"12h", 12h},
      {"30d", days{30}},
      {"2w", weeks{2}},
      {"1d12h", days{1} + 12h},
      {"2w3d", weeks{2} + days{3}},
      {"1w2d3h4m5s", weeks{1} + days{2} + 3h + 4min + 5s},
      {"1d30s", days{1} + 30s},  // units may be skipped
      {"0d12h", 12h},            // a zero part is fine while the total is positive
      {"007d", days{7}},
      {"36500d", kMaxDuration},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    const auto parsed = ParseDuration(c.text);
    ASSERT_TRUE(parsed.has_value()) << parsed.error();
    EXPECT_EQ(parsed->length, c.expected);
    EXPECT_EQ(parsed->text, c.text);  // reasons quote the user's spelling
  }
}

TEST(ParseDurationTest, RejectsWithOneLineMessageNamingProblemAndForm) {
  struct Case {
    std::string_view text;
    std::string_view problem;
  };
  const Case cases[] = {
      {"", "it is empty"},
      {"3parsecs", "unknown unit 'parsecs'"},
      {"3sec", "unknown unit 'sec'"},
      {"30D", "unknown unit 'D'"},
      {"-1d", "negative durations are not accepted"},
      {"+1d", "unexpected character '+'"},
      {"1.5h", "only whole numbers are accepted"},
      {"0d", "it must be longer than zero"},
      {"0h0m", "it must be longer than zero"},
      {"12", "missing unit after '12'"},
      {"1d12", "missing unit after '12'"},
      {"d", "missing number before 'd'"},
      {"1h1d", "units must go from largest to smallest, each once"},
      {"1d1d", "units must go from largest to smallest, each once"},
      {" 3d", "unexpected character ' '"},
      {"3d ", "unexpected character ' '"},
      {"3 d", "unexpected character ' '"},
      {"36501d", "too large (the maximum is 36500d)"},
      {"5215w", "too large (the maximum is 36500d)"},
      {"36500d1s", "too large (the maximum is 36500d)"},
      {"99999999999999999999999d", "too large (the maximum is 36500d)"},
      {"9223372036854775807s", "too large (the maximum is 36500d)"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    const auto parsed = ParseDuration(c.text);
    ASSERT_FALSE(parsed.has_value());
    const std::string expected = "invalid duration '" + std::string(c.text) + "': " +
                                 std::string(c.problem) + "; expected a whole number and a unit";
    EXPECT_THAT(parsed.error(), testing::StartsWith(expected));
    EXPECT_THAT(parsed.error(), testing::HasSubstr("e.g. 90s, 45m, 12h, 30d, 2w, 1d12h"));
    EXPECT_THAT(parsed.error(), testing::Not(testing::HasSubstr("\n")));
  }
}

TEST(FormatAgeTest, ShowsTheTwoMostSignificantUnits) {
  struct Case {
    seconds age;
    std::string_view expected;
  };
  const Case cases[] = {
      {0s, "0s"},
      {45s, "45s"},
      {60s, "1m"},
      {59min + 59s, "59m59s"},
      {1h + 30s, "1h"},  // the zero minutes are dropped, the seconds are not significant
      {5h + 12min + 7s, "5h12m"},
      {days{1}, "1d"},
      {days{41} + 3h + 5min, "41d3h"},
      {days{41} + 5min, "41d"},
      {weeks{2}, "14d"},  // ages use days as the largest unit
      {days{1000} + 23h + 59min, "1000d23h"},
      {-2h, "-2h"},
      {-(days{3} + 4h), "-3d4h"},
      {seconds::min(), "-106751991167300d15h"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.age.count());
    EXPECT_EQ(FormatAge(c.age), c.expected);
  }
}

}  // namespace
}  // namespace s3prune::policy
