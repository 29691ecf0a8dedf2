// How many requests may be on the wire at once, adapted to the server as the SDKs' adaptive
// retry mode does: it starts at --concurrency; each throttled reply (SlowDown, 503, 429)
// halves it (never below 1), and each success grows it back by one after as many successes
// as the current limit (additive increase), so a throttling server sees fewer requests at
// once until it stops throttling. Thread-safe.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <mutex>

namespace s3prune::s3 {

class AdaptiveLimit {
 public:
  explicit AdaptiveLimit(std::size_t maximum);

  void Acquire();  // blocks while `limit` requests are in flight
  void Release();

  void OnThrottled();
  void OnSuccess();

  std::size_t limit() const;
  std::size_t lowest_limit() const;  // the lowest the limit went: for --stats

 private:
  const std::size_t maximum_;
  mutable std::mutex mutex_;
  std::condition_variable room_;
  std::size_t limit_;
  std::size_t lowest_;
  std::size_t in_flight_ = 0;
  std::size_t successes_ = 0;  // since the limit last changed
};

}  // namespace s3prune::s3
