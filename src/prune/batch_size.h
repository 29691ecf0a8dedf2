// How many keys one DeleteObjects carries: kMaxKeysPerDelete until a batch times out, then
// half the size of the batch that timed out, down to a floor, for the rest of the run. A store
// that answers a batch only when every key is gone (OpenStack Swift: 10-15 s for 1,000 keys)
// then answers smaller batches in time. Concurrent timeouts of batches of one size shrink it
// once, not once each. Thread-safe.
#pragma once

#include <atomic>
#include <cstddef>
#include <optional>

#include "s3/delete_operations.h"

namespace s3prune::prune {

inline constexpr std::size_t kSmallestDeleteBatch = 50;

class BatchSize {
 public:
  explicit BatchSize(std::size_t start = s3::kMaxKeysPerDelete, std::size_t floor = kSmallestDeleteBatch)
      : current_(start), floor_(floor < start ? floor : start) {}

  std::size_t Current() const { return current_.load(std::memory_order_relaxed); }

  // A batch of `sent` keys timed out. The new size when this shrank it; nullopt when it was
  // already smaller than half of `sent` (another batch's timeout shrank it) or at the floor.
  std::optional<std::size_t> OnTimeout(std::size_t sent) {
    const std::size_t half = sent / 2 > floor_ ? sent / 2 : floor_;
    std::size_t seen = current_.load(std::memory_order_relaxed);
    while (half < seen) {
      if (current_.compare_exchange_weak(seen, half, std::memory_order_relaxed)) return half;
    }
    return std::nullopt;
  }

 private:
  std::atomic<std::size_t> current_;
  const std::size_t floor_;
};

}  // namespace s3prune::prune
