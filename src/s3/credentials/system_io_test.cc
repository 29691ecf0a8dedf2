// RunShellCommand with real child processes: output and exit status collected, and a command
// still running at its timeout killed together with what it started. The timeouts are short
// and the commands would run for 1000 s: the tests assert that the timeout stopped them, not
// how long anything took.
#include "s3/credentials/system_io.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <unistd.h>

#include <gtest/gtest.h>

namespace s3prune::s3 {
namespace {

using std::chrono::seconds;

TEST(RunShellCommandTest, CollectsOutputAndExitStatus) {
  const CommandResult result = RunShellCommand("echo out; echo err >&2; exit 3", seconds(30));
  EXPECT_EQ(result.exit_code, 3);
  EXPECT_EQ(result.out, "out\n");
  EXPECT_EQ(result.err, "err\n");
  EXPECT_EQ(result.ending, CommandResult::Ending::kOnItsOwn);
}

TEST(RunShellCommandTest, TheCommandGetsTheDefaultSigpipeEvenWhenWeIgnoreIt) {
  const auto previous = signal(SIGPIPE, SIG_IGN);
  const CommandResult result = RunShellCommand("grep SigIgn /proc/self/status", seconds(30));
  signal(SIGPIPE, previous);
  EXPECT_EQ(result.exit_code, 0) << result.err;
  // SIGPIPE is signal 13, bit 0x1000 of the ignored mask.
  const std::string mask = result.out.substr(result.out.find("SigIgn:") + 7);
  EXPECT_EQ(std::stoull(mask, nullptr, 16) & 0x1000u, 0u) << result.out;
}

TEST(RunShellCommandTest, ACommandStillRunningAtTheTimeoutIsKilledWithWhatItStarted) {
  // The shell and the sleeps it starts inherit `held`'s write end (it is not close-on-exec):
  // its read end sees the end of the file only once every one of them is dead.
  int held[2];
  ASSERT_EQ(pipe(held), 0);
  const CommandResult result = RunShellCommand("echo started; sleep 1000 & sleep 1000", seconds(1));
  close(held[1]);
  EXPECT_EQ(result.ending, CommandResult::Ending::kTimedOut);
  EXPECT_EQ(result.exit_code, -1);
  EXPECT_EQ(result.out, "started\n");
  pollfd end{held[0], POLLIN, 0};
  ASSERT_EQ(poll(&end, 1, 30'000), 1) << "the background sleep is still running after 30 s";
  char byte;
  EXPECT_EQ(read(held[0], &byte, 1), 0) << "end of file: nothing holds the pipe any more";
  close(held[0]);
}

}  // namespace
}  // namespace s3prune::s3
