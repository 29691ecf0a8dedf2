// A bounded pool for one batch of independent tasks: RunParallel runs task(i) for every i
// in [0, count) on at most `workers` threads and returns when all have finished. Tasks
// report their own outcomes (into their own slot of a result vector); the pool adds no
// locking around them.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <functional>
#include <thread>
#include <vector>

namespace s3prune::prune {

inline void RunParallel(std::size_t count, std::size_t workers, const std::function<void(std::size_t)>& task) {
  workers = std::clamp<std::size_t>(workers, 1, std::max<std::size_t>(count, 1));
  if (workers == 1) {
    for (std::size_t i = 0; i < count; ++i) task(i);
    return;
  }
  std::atomic<std::size_t> next{0};
  std::vector<std::jthread> threads;
  threads.reserve(workers);
  for (std::size_t w = 0; w < workers; ++w) {
    threads.emplace_back([&] {
      for (std::size_t i = next++; i < count; i = next++) task(i);
    });
  }
}

}  // namespace s3prune::prune
