#include "s3/adaptive_limit.h"

#include <algorithm>

namespace s3prune::s3 {

AdaptiveLimit::AdaptiveLimit(std::size_t maximum)
    : maximum_(std::max<std::size_t>(1, maximum)), limit_(maximum_), lowest_(maximum_) {}

void AdaptiveLimit::Acquire() {
  std::unique_lock lock(mutex_);
  room_.wait(lock, [&] { return in_flight_ < limit_; });
  ++in_flight_;
}

void AdaptiveLimit::Release() {
  {
    std::lock_guard lock(mutex_);
    --in_flight_;
  }
  room_.notify_one();
}

void AdaptiveLimit::OnThrottled() {
  std::lock_guard lock(mutex_);
  limit_ = std::max<std::size_t>(1, limit_ / 2);
  lowest_ = std::min(lowest_, limit_);
  successes_ = 0;
}

void AdaptiveLimit::OnSuccess() {
  bool grew = false;
  {
    std::lock_guard lock(mutex_);
    if (limit_ < maximum_ && ++successes_ >= limit_) {
      ++limit_;
      successes_ = 0;
      grew = true;
    }
  }
  if (grew) room_.notify_one();
}

std::size_t AdaptiveLimit::limit() const {
  std::lock_guard lock(mutex_);
  return limit_;
}

std::size_t AdaptiveLimit::lowest_limit() const {
  std::lock_guard lock(mutex_);
  return lowest_;
}

}  // namespace s3prune::s3
