#include "report/progress.h"

#include <chrono>

namespace s3prune::report {
namespace {

constexpr std::chrono::milliseconds kRedrawInterval{250};

}  // namespace

ProgressLine::ProgressLine(std::ostream& err, const prune::ProgressCounters& counters, bool enabled)
    : err_(err), counters_(counters) {
  if (!enabled) return;
  thread_ = std::jthread([this] {
    std::unique_lock lock(mutex_);
    while (!stop_requested_.wait_for(lock, kRedrawInterval, [this] { return stopping_; })) Draw();
    err_ << "\r\033[K" << std::flush;
  });
}

ProgressLine::~ProgressLine() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  stop_requested_.notify_all();
}

void ProgressLine::Draw() {
  const auto listed = counters_.listed.load(std::memory_order_relaxed);
  const auto deleted = counters_.deleted.load(std::memory_order_relaxed);
  const auto failed = counters_.failed.load(std::memory_order_relaxed);
  std::string line = "\r\033[Klisted " + std::to_string(listed);
  if (deleted > 0 || failed > 0) line += ", deleted " + std::to_string(deleted);
  if (failed > 0) line += ", failed " + std::to_string(failed);
  err_ << line << std::flush;
}

}  // namespace s3prune::report
