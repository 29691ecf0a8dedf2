#include "s3/adaptive_limit.h"

#include <gtest/gtest.h>

namespace s3prune::s3 {
namespace {

TEST(AdaptiveLimit, HalvesOnThrottlingAndGrowsBackOneAtATime) {
  AdaptiveLimit limit(16);
  EXPECT_EQ(limit.limit(), 16u);
  limit.OnThrottled();
  EXPECT_EQ(limit.limit(), 8u);
  limit.OnThrottled();
  limit.OnThrottled();
  limit.OnThrottled();
  limit.OnThrottled();
  EXPECT_EQ(limit.limit(), 1u) << "never below one";
  EXPECT_EQ(limit.lowest_limit(), 1u);
  limit.OnSuccess();
  EXPECT_EQ(limit.limit(), 2u) << "one success at limit 1";
  limit.OnSuccess();
  EXPECT_EQ(limit.limit(), 2u);
  limit.OnSuccess();
  EXPECT_EQ(limit.limit(), 3u) << "two successes at limit 2";
  for (int i = 0; i < 1000; ++i) limit.OnSuccess();
  EXPECT_EQ(limit.limit(), 16u) << "never above the maximum";
}

TEST(AdaptiveLimit, AcquireAndReleaseCountInFlight) {
  AdaptiveLimit limit(2);
  limit.Acquire();
  limit.Acquire();
  limit.Release();
  limit.Acquire();  // would block without the release
  limit.Release();
  limit.Release();
  EXPECT_EQ(limit.limit(), 2u);
}

}  // namespace
}  // namespace s3prune::s3
