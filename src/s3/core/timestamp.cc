#include "s3/core/timestamp.h"

#include <cstdio>

namespace s3prune::s3 {
namespace {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;

// Reads a run of exactly `width` ASCII digits and advances `text` past it.
std::optional<int> TakeDigits(std::string_view& text, std::size_t width) {
  if (text.size() < width) return std::nullopt;
  int value = 0;
  for (std::size_t i = 0; i < width; ++i) {
    const char c = text[i];
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  text.remove_prefix(width);
  return value;
}

bool TakeChar(std::string_view& text, char expected) {
  if (text.empty() || text.front() != expected) return false;
  text.remove_prefix(1);
  return true;
}

// RFC 3339 allows lower-case 't' and 'z'.
bool TakeCharIgnoreCase(std::string_view& text, char upper) {
  return TakeChar(text, upper) || TakeChar(text, static_cast<char>(upper - 'A' + 'a'));
}

// The fraction after the seconds' '.', truncated to milliseconds.
std::optional<milliseconds> TakeFraction(std::string_view& text) {
  int millis = 0;
  std::size_t digits = 0;
  while (!text.empty() && text.front() >= '0' && text.front() <= '9') {
    if (digits < 3) millis = millis * 10 + (text.front() - '0');
    ++digits;
    text.remove_prefix(1);
  }
  if (digits == 0) return std::nullopt;
  for (std::size_t i = digits; i < 3; ++i) millis *= 10;
  return milliseconds(millis);
}

// The zone designator as an offset east of UTC.
std::optional<minutes> TakeOffset(std::string_view& text) {
  if (TakeCharIgnoreCase(text, 'Z')) return minutes(0);
  int sign = 0;
  if (TakeChar(text, '+')) {
    sign = 1;
  } else if (TakeChar(text, '-')) {
    sign = -1;
  } else {
    return std::nullopt;
  }
  const auto hh = TakeDigits(text, 2);
  if (!hh || !TakeChar(text, ':')) return std::nullopt;
  const auto mm = TakeDigits(text, 2);
  if (!mm || *hh > 23 || *mm > 59) return std::nullopt;
  return minutes(sign * (*hh * 60 + *mm));
}

}  // namespace

std::optional<Timestamp> ParseTimestamp(std::string_view text) {
  const auto year = TakeDigits(text, 4);
  if (!year || !TakeChar(text, '-')) return std::nullopt;
  const auto month = TakeDigits(text, 2);
  if (!month || !TakeChar(text, '-')) return std::nullopt;
  const auto day = TakeDigits(text, 2);
  if (!day || !TakeCharIgnoreCase(text, 'T')) return std::nullopt;
  const auto hour = TakeDigits(text, 2);
  if (!hour || !TakeChar(text, ':')) return std::nullopt;
  const auto minute = TakeDigits(text, 2);
  if (!minute || !TakeChar(text, ':')) return std::nullopt;
  const auto second = TakeDigits(text, 2);
  if (!second) return std::nullopt;
  milliseconds fraction{0};
  if (TakeChar(text, '.')) {
    const auto parsed = TakeFraction(text);
    if (!parsed) return std::nullopt;
    fraction = *parsed;
  }
  const auto offset = TakeOffset(text);
  if (!offset || !text.empty()) return std::nullopt;

  const std::chrono::year_month_day date{std::chrono::year(*year),
                                         std::chrono::month(static_cast<unsigned>(*month)),
                                         std::chrono::day(static_cast<unsigned>(*day))};
  // S3 never writes leap seconds, so :60 is treated as garbage like any other bad field.
  if (!date.ok() || *hour > 23 || *minute > 59 || *second > 59) return std::nullopt;
  return Timestamp(std::chrono::sys_days(date)) + hours(*hour) + minutes(*minute) +
         seconds(*second) + fraction - *offset;
}

std::optional<Timestamp> ParseHttpDate(std::string_view text) {
  constexpr std::string_view kMonths = "JanFebMarAprMayJunJulAugSepOctNovDec";
  // "Sun, " is checked only for its shape: the date alone fixes the weekday.
  if (text.size() < 5 || text.substr(3, 2) != ", ") return std::nullopt;
  text.remove_prefix(5);
  const auto day = TakeDigits(text, 2);
  if (!day || !TakeChar(text, ' ') || text.size() < 4) return std::nullopt;
  const std::size_t month_at = kMonths.find(text.substr(0, 3));
  if (month_at == std::string_view::npos || month_at % 3 != 0) return std::nullopt;
  text.remove_prefix(3);
  if (!TakeChar(text, ' ')) return std::nullopt;
  const auto year = TakeDigits(text, 4);
  if (!year || !TakeChar(text, ' ')) return std::nullopt;
  const auto hour = TakeDigits(text, 2);
  if (!hour || !TakeChar(text, ':')) return std::nullopt;
  const auto minute = TakeDigits(text, 2);
  if (!minute || !TakeChar(text, ':')) return std::nullopt;
  const auto second = TakeDigits(text, 2);
  if (!second || text != " GMT") return std::nullopt;
  const std::chrono::year_month_day date{std::chrono::year(*year),
                                         std::chrono::month(static_cast<unsigned>(month_at / 3 + 1)),
                                         std::chrono::day(static_cast<unsigned>(*day))};
  if (!date.ok() || *hour > 23 || *minute > 59 || *second > 59) return std::nullopt;
  return Timestamp(std::chrono::sys_days(date)) + hours(*hour) + minutes(*minute) + seconds(*second);
}

std::string FormatTimestamp(Timestamp t) {
  const auto day_start = std::chrono::floor<days>(t);
  const std::chrono::year_month_day date{day_start};
  const std::chrono::hh_mm_ss time{t - day_start};
  char buffer[40];
  int length = std::snprintf(
      buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02d", static_cast<int>(date.year()),
      static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
      static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
      static_cast<int>(time.seconds().count()));
  if (const auto millis = time.subseconds().count(); millis != 0) {
    length += std::snprintf(buffer + length, sizeof buffer - length, ".%03d",
                            static_cast<int>(millis));
  }
  return std::string(buffer, length) + "Z";
}

}  // namespace s3prune::s3
