#include "report/units.h"

#include <gtest/gtest.h>

namespace s3prune::report {
namespace {

TEST(FormatBytes, Table) {
  const std::pair<std::uint64_t, std::string> cases[] = {
      {0, "0 B"}, {999, "999 B"}, {1023, "1023 B"}, {1024, "1.0 KiB"}, {1536, "1.5 KiB"},
      {1048576, "1.0 MiB"}, {5368709120ULL, "5.0 GiB"}, {1099511627776ULL, "1.0 TiB"},
  };
  for (const auto& [bytes, text] : cases) EXPECT_EQ(FormatBytes(bytes), text) << bytes;
}

TEST(MonthlyCost, OneGibAtTheDefaultPrice) {
  EXPECT_DOUBLE_EQ(MonthlyCost(1ULL << 30, kDefaultPricePerGbMonth), 0.023);
  EXPECT_DOUBLE_EQ(MonthlyCost(0, kDefaultPricePerGbMonth), 0.0);
}

TEST(FormatDollars, Table) {
  const std::pair<double, std::string> cases[] = {
      {0.0, "$0.00"}, {0.023, "$0.02"}, {1.005, "$1.00"}, {1234.567, "$1,234.57"}, {1234567.0, "$1,234,567.00"},
  };
  for (const auto& [dollars, text] : cases) EXPECT_EQ(FormatDollars(dollars), text) << dollars;
}

}  // namespace
}  // namespace s3prune::report
