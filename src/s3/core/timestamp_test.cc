#include "s3/core/timestamp.h"

#include <gtest/gtest.h>

namespace s3prune::s3 {
namespace {

using std::chrono::milliseconds;

// 2009-10-12T17:50:30Z, the timestamp of the S3 API Reference's sample replies.
constexpr std::int64_t kSampleMillis = 1255369830000;

Timestamp At(std::int64_t millis) { return Timestamp(milliseconds(millis)); }

TEST(ParseTimestampTest, AcceptsRfc3339) {
  struct Case {
    std::string_view text;
    std::int64_t millis;
  };
  const Case cases[] = {
      {"2009-10-12T17:50:30.000Z", kSampleMillis},
      {"2009-10-12T17:50:30Z", kSampleMillis},
      {"2009-10-12T17:50:30.5Z", kSampleMillis + 500},
      {"2009-10-12T17:50:30.123Z", kSampleMillis + 123},
      {"2009-10-12T17:50:30.123999Z", kSampleMillis + 123},  // truncated, not rounded
      {"2009-10-12t17:50:30z", kSampleMillis},
      {"2009-10-12T19:50:30+02:00", kSampleMillis},
      {"2009-10-12T12:20:30-05:30", kSampleMillis},
      {"1970-01-01T00:00:00Z", 0},
      {"1969-12-31T23:59:59.999Z", -1},
      {"2024-02-29T00:00:00Z", 1709164800000},
  };
  for (const auto& c : cases) {
    const auto parsed = ParseTimestamp(c.text);
    ASSERT_TRUE(parsed.has_value()) << c.text;
    EXPECT_EQ(*parsed, At(c.millis)) << c.text;
  }
}

TEST(ParseTimestampTest, RejectsGarbage) {
  const std::string_view cases[] = {
      "",
      "2009-10-12",
      "2009-10-12T17:50:30",         // no zone: local time is ambiguous
      "2009-10-12 17:50:30Z",
      "2009-10-12T17:50:30.Z",
      "2009-10-12T17:50:30.000ZZ",
      "2009-10-12T17:50:30+0200",
      "2009-13-12T17:50:30Z",
      "2009-02-29T17:50:30Z",        // not a leap year
      "2009-10-32T17:50:30Z",
      "2009-10-12T24:00:00Z",
      "2009-10-12T17:60:30Z",
      "2009-10-12T17:50:60Z",
      "209-10-12T17:50:30Z",
      "2009-1-12T17:50:30Z",
      " 2009-10-12T17:50:30Z",
      "Mon, 12 Oct 2009 17:50:30 GMT",
  };
  for (const auto text : cases) {
    EXPECT_FALSE(ParseTimestamp(text).has_value()) << "'" << text << "'";
  }
}

TEST(FormatTimestampTest, WritesMillisecondsOnlyWhenPresent) {
  struct Case {
    std::int64_t millis;
    std::string_view text;
  };
  const Case cases[] = {
      {kSampleMillis, "2009-10-12T17:50:30Z"},
      {kSampleMillis + 7, "2009-10-12T17:50:30.007Z"},
      {kSampleMillis + 120, "2009-10-12T17:50:30.120Z"},
      {0, "1970-01-01T00:00:00Z"},
      {-1, "1969-12-31T23:59:59.999Z"},
      {1709164800000, "2024-02-29T00:00:00Z"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(FormatTimestamp(At(c.millis)), c.text) << c.millis;
    EXPECT_EQ(ParseTimestamp(c.text), At(c.millis)) << c.text;
  }
}

TEST(ParseHttpDateTest, ReadsImfFixdate) {
  EXPECT_EQ(ParseHttpDate("Mon, 12 Oct 2009 17:50:30 GMT"), At(kSampleMillis));
  EXPECT_EQ(ParseHttpDate("Thu, 29 Feb 2024 00:00:00 GMT"), At(1709164800000));
  EXPECT_EQ(ParseHttpDate("Thu, 01 Jan 1970 00:00:00 GMT"), At(0));
}

TEST(ParseHttpDateTest, RejectsOtherForms) {
  const std::string_view cases[] = {
      "",
      "2009-10-12T17:50:30Z",
      "Monday, 12-Oct-09 17:50:30 GMT",  // RFC 850, obsolete
      "Mon Oct 12 17:50:30 2009",        // asctime, obsolete
      "Mon, 12 Oct 2009 17:50:30 UTC",
      "Mon, 12 Oct 2009 17:50:30 GMT ",
      "Mon, 12 Okt 2009 17:50:30 GMT",
      "Mon, 12 anF 2009 17:50:30 GMT",
      "Mon, 30 Feb 2009 17:50:30 GMT",
      "Mon, 12 Oct 2009 24:00:00 GMT",
      "Mon, 2 Oct 2009 17:50:30 GMT",
  };
  for (const auto text : cases) {
    EXPECT_FALSE(ParseHttpDate(text).has_value()) << "'" << text << "'";
  }
}

}  // namespace
}  // namespace s3prune::s3
