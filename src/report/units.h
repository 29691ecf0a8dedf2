// Human units for reports: sizes in IEC units ("1.5 GiB") and the estimated monthly cost of
// stored bytes. Pure.
#pragma once

#include <cstdint>
#include <string>

namespace s3prune::report {

// S3 Standard, us-east-1, first 50 TB, per GB-month (AWS bills a GB as 2^30 bytes).
inline constexpr double kDefaultPricePerGbMonth = 0.023;

std::string FormatBytes(std::uint64_t bytes);  // "0 B", "999 B", "1.0 KiB", "12.3 GiB"

double MonthlyCost(std::uint64_t bytes, double price_per_gb_month);

std::string FormatDollars(double dollars);  // "$0.02", "$1,234.57"

}  // namespace s3prune::report
