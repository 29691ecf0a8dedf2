// A bounded pool for one batch of independent tasks: RunParallel runs task(i) for every i
// in [0, count) on at most `workers` threads and returns when all have finished. Tasks
// report their own outcomes (into their own slot of a result vector); the pool adds no
// locking around them. Tasks return errors as values (CatchAsError turns a throw at a
// task's edge into one); should one throw anyway, the others still run and the first
// exception is rethrown after all have finished, never std::terminate in a worker.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "s3/core/error.h"

namespace s3prune::prune {

// Runs `body`; an exception it throws comes back as a kInternal error value.
template <class Body>
std::optional<s3::Error> CatchAsError(Body&& body) {
  try {
    body();
    return std::nullopt;
  } catch (const std::exception& error) {
    return s3::MakeError(s3::ErrorCode::kInternal, std::string("internal error: ") + error.what());
  } catch (...) {
    return s3::MakeError(s3::ErrorCode::kInternal, "internal error: unknown exception");
  }
}

inline void RunParallel(std::size_t count, std::size_t workers, const std::function<void(std::size_t)>& task) {
  workers = std::clamp<std::size_t>(workers, 1, std::max<std::size_t>(count, 1));
  std::exception_ptr first_exception;
  std::mutex mutex;
  auto run = [&](std::size_t i) {
    try {
      task(i);
    } catch (...) {
      std::lock_guard lock(mutex);
      if (!first_exception) first_exception = std::current_exception();
    }
  };
  if (workers == 1) {
    for (std::size_t i = 0; i < count; ++i) run(i);
  } else {
    std::atomic<std::size_t> next{0};
    std::vector<std::jthread> threads;
    threads.reserve(workers);
    for (std::size_t w = 0; w < workers; ++w) {
      threads.emplace_back([&] {
        for (std::size_t i = next++; i < count; i = next++) run(i);
      });
    }
  }  // threads join here
  if (first_exception) std::rethrow_exception(first_exception);
}

}  // namespace s3prune::prune
