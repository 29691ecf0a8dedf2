#include "report/units.h"

#include "policy/duration.h"
#include "s3/core/timestamp.h"

#include <array>
#include <cmath>
#include <cstdio>

namespace s3prune::report {

std::string FormatBytes(std::uint64_t bytes) {
  constexpr std::array<const char*, 6> kUnits{"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
  if (bytes < 1024) return std::to_string(bytes) + " B";
  double value = static_cast<double>(bytes) / 1024.0;
  std::size_t unit = 0;
  while (value >= 1024.0 && unit + 1 < kUnits.size()) {
    value /= 1024.0;
    ++unit;
  }
  char text[32];
  std::snprintf(text, sizeof text, "%.1f %s", value, kUnits[unit]);
  return text;
}

double MonthlyCost(std::uint64_t bytes, double price_per_gb_month) {
  return static_cast<double>(bytes) / (1024.0 * 1024.0 * 1024.0) * price_per_gb_month;
}

std::string FormatDollars(double dollars) {
  const long long cents = std::llround(dollars * 100.0);
  std::string whole = std::to_string(cents / 100);
  for (int i = static_cast<int>(whole.size()) - 3; i > 0; i -= 3) whole.insert(static_cast<std::size_t>(i), ",");
  char fraction[4];
  std::snprintf(fraction, sizeof fraction, "%02lld", cents % 100);
  return "$" + whole + "." + fraction;
}

std::string Plural(std::uint64_t count, std::string_view noun) {
  return std::to_string(count) + " " + std::string(noun) + (count == 1 ? "" : "s");
}

std::string FormatAgeAt(util::Timestamp now, util::Timestamp then) {
  return policy::FormatAge(std::chrono::duration_cast<std::chrono::seconds>(now - then));
}

std::string FormatSecondsTimestamp(util::Timestamp time) {
  return s3::FormatTimestamp(std::chrono::floor<std::chrono::seconds>(time));
}

}  // namespace s3prune::report
