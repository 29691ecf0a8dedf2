#include "policy/duration.h"

#include <array>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <utility>

namespace s3prune::policy {
namespace {

using std::chrono::seconds;

constexpr std::string_view kAcceptedForm =
    "expected a whole number and a unit (w d h m s), largest unit first, "
    "e.g. 90s, 45m, 12h, 30d, 2w, 1d12h";

struct Unit {
  char symbol;
  seconds length;
};

// In descending order: a duration's units must appear in this order, each at most once.
constexpr std::array<Unit, 5> kDurationUnits = {{
    {'w', std::chrono::weeks{1}},
    {'d', std::chrono::days{1}},
    {'h', std::chrono::hours{1}},
    {'m', std::chrono::minutes{1}},
    {'s', seconds{1}},
}};

// Ages are shown in days at most: "41d3h" reads better in a table than "5w6d".
constexpr std::array<Unit, 4> kAgeUnits = {{
    {'d', std::chrono::days{1}},
    {'h', std::chrono::hours{1}},
    {'m', std::chrono::minutes{1}},
    {'s', seconds{1}},
}};

std::unexpected<std::string> Invalid(std::string_view text, std::string_view problem) {
  std::string message = "invalid duration '";
  message += text;
  message += "': ";
  message += problem;
  message += "; ";
  message += kAcceptedForm;
  return std::unexpected(std::move(message));
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsLetter(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }

// The position in kDurationUnits of a unit spelled `word`, or kDurationUnits.size().
std::size_t FindUnit(std::string_view word) {
  std::size_t index = 0;
  while (index < kDurationUnits.size() &&
         !(word.size() == 1 && word[0] == kDurationUnits[index].symbol)) {
    ++index;
  }
  return index;
}

// A problem with one character where a number was expected.
std::string NotANumber(char c) {
  if (c == '-') return "negative durations are not accepted";
  if (IsLetter(c)) return std::string("missing number before '") + c + "'";
  return std::string("unexpected character '") + c + "'";
}

}  // namespace

std::expected<Duration, std::string> ParseDuration(std::string_view text) {
  if (text.empty()) return Invalid(text, "it is empty");
  const std::int64_t max_seconds = kMaxDuration.count();
  std::int64_t total = 0;
  std::size_t next_unit = 0;  // units before this index were used or skipped over
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t number_start = pos;
    while (pos < text.size() && IsDigit(text[pos])) ++pos;
    if (pos == number_start) return Invalid(text, NotANumber(text[pos]));
    const std::string_view digits = text.substr(number_start, pos - number_start);
    if (pos == text.size()) {
      return Invalid(text, "missing unit after '" + std::string(digits) + "'");
    }
    if (text[pos] == '.' || text[pos] == ',') {
      return Invalid(text, "only whole numbers are accepted");
    }

    const std::size_t unit_start = pos;
    while (pos < text.size() && IsLetter(text[pos])) ++pos;
    const std::string_view word = text.substr(unit_start, pos - unit_start);
    if (word.empty()) return Invalid(text, std::string("unexpected character '") + text[pos] + "'");
    const std::size_t unit = FindUnit(word);
    if (unit == kDurationUnits.size()) {
      return Invalid(text, "unknown unit '" + std::string(word) + "'");
    }
    if (unit < next_unit) return Invalid(text, "units must go from largest to smallest, each once");
    next_unit = unit + 1;

    std::int64_t number = 0;
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), number);
    const std::int64_t unit_seconds = kDurationUnits[unit].length.count();
    if (error != std::errc{} || number > (max_seconds - total) / unit_seconds) {
      return Invalid(text, "too large (the maximum is " + FormatAge(kMaxDuration) + ")");
    }
    total += number * unit_seconds;
  }
  if (total == 0) return Invalid(text, "it must be longer than zero");
  return Duration{seconds{total}, std::string(text)};
}

std::string FormatAge(seconds age) {
  // Unsigned magnitude, so that even seconds::min() has one.
  const bool negative = age.count() < 0;
  std::uint64_t magnitude = static_cast<std::uint64_t>(age.count());
  if (negative) magnitude = ~magnitude + 1;

  std::string text = negative ? "-" : "";
  for (std::size_t i = 0; i < kAgeUnits.size(); ++i) {
    const auto unit = static_cast<std::uint64_t>(kAgeUnits[i].length.count());
    if (magnitude < unit) continue;
    text += std::to_string(magnitude / unit) + kAgeUnits[i].symbol;
    if (i + 1 < kAgeUnits.size()) {
      const auto next = static_cast<std::uint64_t>(kAgeUnits[i + 1].length.count());
      const std::uint64_t rest = magnitude % unit / next;
      if (rest > 0) text += std::to_string(rest) + kAgeUnits[i + 1].symbol;
    }
    return text;
  }
  return "0s";
}

}  // namespace s3prune::policy
