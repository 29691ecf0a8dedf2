#include "cli/interrupt.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <cerrno>
#include <csignal>

namespace s3prune::cli {
namespace {

TEST(InterruptScope, TheFirstSignalIsRecordedNotFatal) {
  for (int signal : {SIGINT, SIGTERM}) {
    InterruptScope scope;
    EXPECT_FALSE(scope.Requested());
    ASSERT_EQ(std::raise(signal), 0);  // would end the test process without the scope's handler
    EXPECT_TRUE(scope.Requested()) << signal;
    EXPECT_EQ(scope.Signal(), signal);
  }
}

TEST(InterruptScope, ANewScopeStartsClearAndRestoresTheDefaultAfterwards) {
  {
    InterruptScope scope;
    EXPECT_FALSE(scope.Requested());
  }
  struct sigaction now {};
  sigaction(SIGTERM, nullptr, &now);
  EXPECT_EQ(now.sa_handler, SIG_DFL);
}

TEST(InterruptScope, AnInnerScopeSeesWhatTheOuterOneCaught) {
  InterruptScope outer;
  ASSERT_EQ(std::raise(SIGTERM), 0);
  {
    InterruptScope inner;  // as apply's deletion does inside a run of several targets
    EXPECT_TRUE(inner.Requested());
    EXPECT_EQ(inner.Signal(), SIGTERM);
  }
  EXPECT_EQ(outer.Signal(), SIGTERM);
}

// stdout replaced by a pipe for the test's duration, then put back.
class StdoutPipe {
 public:
  StdoutPipe() {
    EXPECT_EQ(pipe(ends_), 0);
    saved_ = dup(STDOUT_FILENO);
    dup2(ends_[1], STDOUT_FILENO);
  }
  ~StdoutPipe() {
    dup2(saved_, STDOUT_FILENO);
    for (int fd : {saved_, ends_[0], ends_[1]}) {
      if (fd >= 0) close(fd);
    }
  }
  void CloseReadingEnd() {
    close(ends_[0]);
    ends_[0] = -1;
  }

 private:
  int ends_[2] = {-1, -1};
  int saved_ = -1;
};

TEST(StdoutClosed, OnlyOnceThePipesReaderIsGone) {
  StdoutPipe pipe;
  EXPECT_FALSE(StdoutClosed());
  pipe.CloseReadingEnd();
  EXPECT_TRUE(StdoutClosed());
}

TEST(StdoutClosed, AWriteToItFailsInsteadOfEndingTheProcess) {
  IgnoreBrokenPipes();
  StdoutPipe pipe;
  pipe.CloseReadingEnd();
  EXPECT_EQ(write(STDOUT_FILENO, "x", 1), -1);  // without IgnoreBrokenPipes, SIGPIPE ends the test process
  EXPECT_EQ(errno, EPIPE);
  signal(SIGPIPE, SIG_DFL);
}

}  // namespace
}  // namespace s3prune::cli
