// Human units for reports: sizes in IEC units ("1.5 GiB"), the estimated monthly cost of
// stored bytes, counted nouns, ages and times as every view shows them. Pure.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "util/timestamp.h"

namespace s3prune::report {

// S3 Standard, us-east-1, first 50 TB, per GB-month (AWS bills a GB as 2^30 bytes).
inline constexpr double kDefaultPricePerGbMonth = 0.023;

std::string FormatBytes(std::uint64_t bytes);  // "0 B", "999 B", "1.0 KiB", "12.3 GiB"

double MonthlyCost(std::uint64_t bytes, double price_per_gb_month);

std::string FormatDollars(double dollars);  // "$0.02", "$1,234.57"

std::string Plural(std::uint64_t count, std::string_view noun);  // "1 object", "2 objects"

// The age of `then` at `now` ("41d3h", as policy::FormatAge writes it).
std::string FormatAgeAt(util::Timestamp now, util::Timestamp then);

// Whole seconds are enough for people ("2026-11-01T10:00:00Z"); JSON keeps the milliseconds.
std::string FormatSecondsTimestamp(util::Timestamp time);

}  // namespace s3prune::report
