#include "s3/retry.h"

#include <algorithm>
#include <mutex>
#include <random>
#include <thread>

namespace s3prune::s3 {

bool IsRetryable(ErrorCode code) {
  switch (code) {
    case ErrorCode::kThrottled:
    case ErrorCode::kServerError:
    case ErrorCode::kRequestTimeout:
    case ErrorCode::kTimeout:
    case ErrorCode::kNetwork: return true;
    default: return false;
  }
}

bool ShouldRetry(const Error& error, int attempt, int timeouts, const RetryPolicy& policy) {
  if (!IsRetryable(error.code) || attempt >= policy.max_attempts) return false;
  return error.code != ErrorCode::kTimeout || timeouts < policy.max_timeout_attempts;
}

std::chrono::milliseconds BackoffDelay(int attempt, double random_unit, const RetryPolicy& policy) {
  const int doublings = std::clamp(attempt - 1, 0, 30);
  const double ceiling = std::min(static_cast<double>(policy.max_delay.count()),
                                  static_cast<double>(policy.base_delay.count()) * (1LL << doublings));
  const double unit = std::clamp(random_unit, 0.0, 1.0);
  return std::chrono::milliseconds(static_cast<long long>(unit * ceiling));
}

RetryHooks SystemRetryHooks() {
  struct SharedEngine {
    std::mutex mutex;
    std::mt19937_64 engine{std::random_device{}()};
  };
  static SharedEngine shared;
  RetryHooks hooks;
  hooks.random_unit = [] {
    std::lock_guard lock(shared.mutex);
    return std::uniform_real_distribution<double>(0.0, 1.0)(shared.engine);
  };
  hooks.sleep = [](std::chrono::milliseconds delay) { std::this_thread::sleep_for(delay); };
  return hooks;
}

}  // namespace s3prune::s3
