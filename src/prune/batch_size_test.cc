#include "prune/batch_size.h"

#include <gtest/gtest.h>

namespace s3prune::prune {
namespace {

TEST(BatchSize, HalvesAfterEachTimeoutDownToTheFloor) {
  BatchSize size(1000, 50);
  EXPECT_EQ(size.Current(), 1000u);
  const std::pair<std::size_t, std::optional<std::size_t>> timeouts[] = {
      {1000, 500}, {500, 250}, {250, 125}, {125, 62}, {62, 50}, {50, std::nullopt},
  };
  for (const auto& [sent, shrunk] : timeouts) {
    EXPECT_EQ(size.OnTimeout(sent), shrunk) << "after a timeout of " << sent << " keys";
  }
  EXPECT_EQ(size.Current(), 50u);
}

TEST(BatchSize, BatchesOfOneSizeTimingOutTogetherShrinkItOnce) {
  BatchSize size(1000, 50);
  EXPECT_EQ(size.OnTimeout(1000), 500u);
  EXPECT_EQ(size.OnTimeout(1000), std::nullopt);  // sent at the old size, in flight meanwhile
  EXPECT_EQ(size.OnTimeout(1000), std::nullopt);
  EXPECT_EQ(size.Current(), 500u);
}

TEST(BatchSize, ASmallLastBatchThatTimesOutShrinksToHalfItsOwnSize) {
  BatchSize size(1000, 50);
  EXPECT_EQ(size.OnTimeout(300), 150u);  // 300 keys were too many: so is anything above 150
  EXPECT_EQ(size.Current(), 150u);
}

}  // namespace
}  // namespace s3prune::prune
