#include "s3/retry.h"

#include <gtest/gtest.h>

namespace s3prune::s3 {
namespace {

using std::chrono::milliseconds;

TEST(IsRetryable, TransientFailuresOnly) {
  const std::pair<ErrorCode, bool> cases[] = {
      {ErrorCode::kThrottled, true},        {ErrorCode::kServerError, true},
      {ErrorCode::kRequestTimeout, true},   {ErrorCode::kTimeout, true},
      {ErrorCode::kNetwork, true},          {ErrorCode::kAccessDenied, false},
      {ErrorCode::kSignatureMismatch, false}, {ErrorCode::kInvalidAccessKey, false},
      {ErrorCode::kNoSuchBucket, false},    {ErrorCode::kNotFound, false},
      {ErrorCode::kMalformedReply, false},  {ErrorCode::kTls, false},
      {ErrorCode::kClockSkew, false},       {ErrorCode::kInvalidRequest, false},
      {ErrorCode::kInternal, false},        {ErrorCode::kRefused, false},
      {ErrorCode::kBadConfig, false},       {ErrorCode::kUnsupported, false},
  };
  for (const auto& [code, retryable] : cases) {
    EXPECT_EQ(IsRetryable(code), retryable) << ErrorCodeName(code);
  }
}

TEST(ShouldRetry, TransientFailuresUpToTheAttemptsAndTimeoutsTwiceAtMost) {
  const RetryPolicy policy;  // 5 attempts, 2 of them may time out
  struct Case {
    ErrorCode code;
    int attempt;
    int timeouts;
    bool retry;
  };
  const Case cases[] = {
      {ErrorCode::kThrottled, 1, 0, true},   {ErrorCode::kThrottled, 4, 0, true},
      {ErrorCode::kThrottled, 5, 0, false},  {ErrorCode::kNetwork, 4, 1, true},
      {ErrorCode::kTimeout, 1, 1, true},     {ErrorCode::kTimeout, 2, 2, false},
      {ErrorCode::kServerError, 3, 2, true},  // earlier timeouts do not stop other retries
      {ErrorCode::kAccessDenied, 1, 0, false},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(ShouldRetry(MakeError(c.code, "x"), c.attempt, c.timeouts, policy), c.retry)
        << ErrorCodeName(c.code) << " attempt " << c.attempt << " timeouts " << c.timeouts;
  }
  EXPECT_EQ(RetryPolicy{}.max_attempts, 5) << "the README states this number";
}

TEST(BackoffDelay, FullJitterExponentialWithCap) {
  const RetryPolicy policy{.max_attempts = 10, .base_delay = milliseconds(100), .max_delay = milliseconds(1000)};
  struct Case {
    int attempt;
    double random;
    milliseconds expected;
  };
  const Case cases[] = {
      {1, 1.0, milliseconds(100)}, {1, 0.5, milliseconds(50)}, {2, 1.0, milliseconds(200)},
      {3, 1.0, milliseconds(400)}, {4, 0.25, milliseconds(200)}, {5, 1.0, milliseconds(1000)},
      {40, 1.0, milliseconds(1000)},  // the cap, without overflow
      {1, 0.0, milliseconds(0)},      {3, -1.0, milliseconds(0)},  // clamped draw
  };
  for (const auto& c : cases) {
    EXPECT_EQ(BackoffDelay(c.attempt, c.random, policy), c.expected)
        << "attempt " << c.attempt << " random " << c.random;
  }
}

TEST(SystemRetryHooks, DrawsInUnitInterval) {
  auto hooks = SystemRetryHooks();
  for (int i = 0; i < 1000; ++i) {
    const double draw = hooks.random_unit();
    ASSERT_GE(draw, 0.0);
    ASSERT_LT(draw, 1.0);
  }
}

}  // namespace
}  // namespace s3prune::s3
