// A one-line progress display on stderr for long listings and deletions, redrawn a few
// times a second from the shared counters, and only when stderr is a terminal (logs and CI
// get no carriage-return noise). Owns one background thread while alive.
#pragma once

#include <condition_variable>
#include <mutex>
#include <ostream>
#include <string>
#include <thread>

#include "prune/progress_counters.h"

namespace s3prune::report {

class ProgressLine {
 public:
  // Draws nothing when `enabled` is false.
  ProgressLine(std::ostream& err, const prune::ProgressCounters& counters, bool enabled);
  ~ProgressLine();  // stops drawing and clears the line
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

 private:
  void Draw();

  std::ostream& err_;
  const prune::ProgressCounters& counters_;
  std::mutex mutex_;
  std::condition_variable stop_requested_;
  bool stopping_ = false;
  std::jthread thread_;
};

}  // namespace s3prune::report
