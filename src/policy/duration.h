// Durations as users write them on the command line (`--keep-within 30d`, `1d12h`), and the
// compact age text shown in plans ("41d3h"). Pure functions; thread-safe.
#pragma once

#include <chrono>
#include <expected>
#include <string>
#include <string_view>

namespace s3prune::policy {

// The longest duration ParseDuration accepts. Far beyond any retention period, and far enough
// from the limits of std::chrono::milliseconds that age arithmetic can never overflow.
inline constexpr std::chrono::seconds kMaxDuration = std::chrono::days{36500};  // ~100 years

struct Duration {
  std::chrono::seconds length{0};  // always > 0 when it comes from ParseDuration
  std::string text{};  // the spelling the user wrote, e.g. "30d"; reasons quote it verbatim
};

// Parses whole numbers with units w (weeks), d, h, m, s, largest unit first, each unit at most
// once: "90s", "45m", "12h", "30d", "2w", "1d12h", "2w3d". No sign, no spaces, no fractions.
// On failure returns a one-line message that names the problem and the accepted form.
std::expected<Duration, std::string> ParseDuration(std::string_view text);

// The two most significant units of an age, truncated, with days as the largest unit:
// "41d3h", "5h12m", "45s", "0s"; a zero second unit is dropped ("41d", not "41d0h").
// A negative age (a time in the future) is formatted with a leading '-'.
std::string FormatAge(std::chrono::seconds age);

}  // namespace s3prune::policy
