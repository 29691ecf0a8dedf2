// Ctrl-C (SIGINT) and SIGTERM while apply deletes. The first one asks the deletion to stop
// starting new work: batches in flight finish, then the summary says what was and was not
// deleted, and apply exits 128 + the signal (130, 143). The handler resets itself, so a
// second signal ends the process at once (the default action). Outside the scope the
// default actions stay: stopping a plan or the prompt deletes nothing, so it needs no care.
// Scopes nest on one thread: only the outermost installs the handlers, starts clear and
// restores them, so a signal caught by an outer scope (several targets with --output json,
// whose one document must still be printed) is seen by the inner ones.
//
// A closed stdout (`| head -3` that has exited) is another reason to stop: SIGPIPE is
// ignored (IgnoreBrokenPipes), so a write there fails instead of killing s3prune in the
// middle of a deletion, and StdoutClosed says so before anything is written.
#pragma once

#include <chrono>

namespace s3prune::cli {

class InterruptScope {
 public:
  InterruptScope();   // installs the handlers (the outermost scope)
  ~InterruptScope();  // restores the previous ones (the outermost scope)
  InterruptScope(const InterruptScope&) = delete;
  InterruptScope& operator=(const InterruptScope&) = delete;

  bool Requested() const;  // a signal arrived or the stop deadline passed; safe from any thread
  int Signal() const;      // 0, SIGINT or SIGTERM (also when the deadline passed)
};

// A time after which every InterruptScope reports a SIGTERM, as if one had arrived: the
// Lambda runtime stops this way before the invocation's deadline, with the summary of what
// was done. Process-wide; time_point::max() (the default) for none.
void SetStopDeadline(std::chrono::steady_clock::time_point deadline);

// Process-wide: SIGPIPE is ignored, so a write to a closed pipe fails with EPIPE (the stream
// goes bad) and s3prune decides what to do. Child processes get the default back
// (s3/credentials/system_io.h).
void IgnoreBrokenPipes();

// True when nobody can read stdout any more: a pipe whose reading end is closed, or no
// stdout at all. A file or a terminal is never closed in this sense.
bool StdoutClosed();

}  // namespace s3prune::cli
