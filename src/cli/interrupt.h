// Ctrl-C (SIGINT) and SIGTERM while apply deletes. The first one asks the deletion to stop
// starting new work: batches in flight finish, then the summary says what was and was not
// deleted, and apply exits 128 + the signal (130, 143). The handler resets itself, so a
// second signal ends the process at once (the default action). Outside the scope the
// default actions stay: stopping a plan or the prompt deletes nothing, so it needs no care.
// One scope at a time per process.
#pragma once

#include <chrono>

namespace s3prune::cli {

class InterruptScope {
 public:
  InterruptScope();   // installs the handlers
  ~InterruptScope();  // restores the previous ones
  InterruptScope(const InterruptScope&) = delete;
  InterruptScope& operator=(const InterruptScope&) = delete;

  bool Requested() const;  // a signal arrived or the stop deadline passed; safe from any thread
  int Signal() const;      // 0, SIGINT or SIGTERM (also when the deadline passed)
};

// A time after which every InterruptScope reports a SIGTERM, as if one had arrived: the
// Lambda runtime stops this way before the invocation's deadline, with the summary of what
// was done. Process-wide; time_point::max() (the default) for none.
void SetStopDeadline(std::chrono::steady_clock::time_point deadline);

}  // namespace s3prune::cli
