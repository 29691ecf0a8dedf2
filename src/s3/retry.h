// Retry decisions and delays, as the AWS SDKs' "standard" retry mode: a few attempts,
// full-jitter exponential backoff with a cap, retry only transient failures. Pure: the
// random draw and the sleep are passed in, so tests neither sleep nor depend on chance.
#pragma once

#include <chrono>
#include <functional>

#include "s3/core/error.h"

namespace s3prune::s3 {

// A batch job sends thousands of requests, so one request gets more attempts than an SDK's
// 3: at a 20% transient failure rate, 5 attempts fail one request in 3,000. A server that
// sent nothing for a whole stall window twice is taken as gone, so a dead endpoint still
// fails in about 25 s (2 x 10 s stall + backoff).
struct RetryPolicy {
  int max_attempts = 5;                            // first try included (--max-attempts)
  int max_timeout_attempts = 2;                    // attempts that may end in kTimeout
  std::chrono::milliseconds base_delay{1000};      // the scale of the first backoff
  std::chrono::milliseconds max_delay{20'000};     // no single backoff is longer
};

// The clock-like parts a retry loop needs, injected.
struct RetryHooks {
  std::function<double()> random_unit;                   // uniform in [0, 1)
  std::function<void(std::chrono::milliseconds)> sleep;  // waits that long
};

// Hooks backed by a real random engine and std::this_thread::sleep_for. Thread-safe.
RetryHooks SystemRetryHooks();

// True for failures that may succeed when tried again: throttling, 5xx, S3's
// RequestTimeout, timeouts and lost connections. Never auth, missing bucket or bad input.
bool IsRetryable(ErrorCode code);

// Whether to try again after attempt number `attempt` (1-based) failed with `error`, of
// which `timeouts` attempts so far ended in kTimeout (this one included).
bool ShouldRetry(const Error& error, int attempt, int timeouts, const RetryPolicy& policy);

// The wait before attempt number `attempt + 1`, after `attempt` (1-based) failed:
// random_unit * min(max_delay, base_delay * 2^(attempt-1)).
std::chrono::milliseconds BackoffDelay(int attempt, double random_unit, const RetryPolicy& policy);

}  // namespace s3prune::s3
