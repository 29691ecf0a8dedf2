#include "cli/interrupt.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace s3prune::cli
