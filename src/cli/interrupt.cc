#include "cli/interrupt.h"

#include <unistd.h>

#include <atomic>
#include <csignal>

namespace s3prune::cli {
namespace {

// Lock-free, so storing to it is async-signal-safe.
std::atomic<int> g_signal{0};
static_assert(std::atomic<int>::is_always_lock_free);

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
  g_signal.store(0);
  struct sigaction action {};
  action.sa_handler = OnSignal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESETHAND;  // the second signal takes the default action
  sigaction(SIGINT, &action, &g_previous_int);
  sigaction(SIGTERM, &action, &g_previous_term);
}

InterruptScope::~InterruptScope() {
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

}  // namespace s3prune::cli
