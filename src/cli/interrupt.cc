#include "cli/interrupt.h"

#include <poll.h>
#include <unistd.h>

#include <atomic>
#include <csignal>

namespace s3prune::cli {
namespace {

// Lock-free, so storing to it is async-signal-safe.
std::atomic<int> g_signal{0};
static_assert(std::atomic<int>::is_always_lock_free);

int g_depth = 0;  // scopes alive; they are made and ended on one thread
struct sigaction g_previous_int {};
struct sigaction g_previous_term {};

void OnSignal(int signal) {
  g_signal.store(signal);
  constexpr char kMessage[] =
      "\ns3prune: interrupted: finishing the requests in flight, starting no new ones (again to stop at once)\n";
  (void)!write(STDERR_FILENO, kMessage, sizeof kMessage - 1);
}

}  // namespace

InterruptScope::InterruptScope() {
  if (g_depth++ > 0) return;  // an outer scope already catches signals; keep what it caught
  g_signal.store(0);
  struct sigaction action {};
  action.sa_handler = OnSignal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESETHAND;  // the second signal takes the default action
  sigaction(SIGINT, &action, &g_previous_int);
  sigaction(SIGTERM, &action, &g_previous_term);
}

InterruptScope::~InterruptScope() {
  if (--g_depth > 0) return;
  sigaction(SIGINT, &g_previous_int, nullptr);
  sigaction(SIGTERM, &g_previous_term, nullptr);
}

namespace {

std::atomic<std::chrono::steady_clock::rep> g_deadline{std::chrono::steady_clock::time_point::max().time_since_epoch().count()};

bool DeadlinePassed() {
  return std::chrono::steady_clock::now().time_since_epoch().count() >= g_deadline.load();
}

}  // namespace

void SetStopDeadline(std::chrono::steady_clock::time_point deadline) { g_deadline.store(deadline.time_since_epoch().count()); }

bool InterruptScope::Requested() const { return g_signal.load() != 0 || DeadlinePassed(); }

int InterruptScope::Signal() const {
  if (g_signal.load() != 0) return g_signal.load();
  return DeadlinePassed() ? SIGTERM : 0;
}

void IgnoreBrokenPipes() { signal(SIGPIPE, SIG_IGN); }

bool StdoutClosed() {
  // No events asked: poll still reports POLLERR for a pipe without readers, POLLHUP for a
  // socket shut down, POLLNVAL for a closed descriptor.
  pollfd out{STDOUT_FILENO, 0, 0};
  if (poll(&out, 1, 0) != 1) return false;
  return (out.revents & (POLLERR | POLLHUP | POLLNVAL)) != 0;
}

}  // namespace s3prune::cli
