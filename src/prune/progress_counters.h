// Counters that long-running listing and deleting bump as they go, read by the progress
// display on another thread. Thread-safe (relaxed atomics: the display only needs a recent
// value, never a consistent snapshot).
#pragma once

#include <atomic>
#include <cstdint>

namespace s3prune::prune {

struct ProgressCounters {
  std::atomic<std::uint64_t> listed{0};   // objects or versions listed
  std::atomic<std::uint64_t> deleted{0};  // objects or versions deleted
  std::atomic<std::uint64_t> failed{0};   // objects or versions that could not be deleted
};

}  // namespace s3prune::prune
