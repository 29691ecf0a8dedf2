// What a credential_process answer must be to be used: finished within the timeout, exited 0,
// and not expired already. The commands are scripted (FakeProviderIo); the real timeout and
// kill are system_io_test.cc's.
#include "s3/credentials/credential_process.h"

#include <gtest/gtest.h>

#include "testing/fake_provider_io.h"

namespace s3prune::s3 {
namespace {

using fake::FakeProviderIo;

constexpr const char* kCommand = "/usr/bin/get-creds";

std::string Answer(const std::string& expiration) {
  return R"({"Version": 1, "AccessKeyId": "PROCKEY", "SecretAccessKey": "s", "SessionToken": "t", "Expiration": ")" +
         expiration + R"("})";
}

TEST(CredentialProcessTest, RunsWithASixtySecondTimeout) {
  FakeProviderIo io;
  io.commands[kCommand] = {0, Answer("2026-12-01T01:00:00Z"), ""};
  auto credentials = RunCredentialProcess(io.Io(), kCommand);
  ASSERT_TRUE(credentials) << credentials.error().message;
  EXPECT_EQ(credentials->access_key_id, "PROCKEY");
  EXPECT_EQ(io.command_timeouts, std::vector<std::chrono::seconds>{std::chrono::seconds(60)});
}

TEST(CredentialProcessTest, ACommandStoppedAtTheTimeoutIsAnErrorWithWhatItSaid) {
  FakeProviderIo io;
  CommandResult hung{-1, "", "waiting for the browser...\n"};
  hung.ending = CommandResult::Ending::kTimedOut;
  io.commands[kCommand] = hung;
  auto credentials = RunCredentialProcess(io.Io(), kCommand);
  ASSERT_FALSE(credentials);
  EXPECT_EQ(credentials.error().code, ErrorCode::kNoCredentials);
  EXPECT_EQ(credentials.error().message,
            "credential_process '/usr/bin/get-creds' did not finish within 60 s and was stopped (does it wait for "
            "input or a browser?): waiting for the browser...");
}

TEST(CredentialProcessTest, AnAnswerThatHasExpiredByTheClockIsAnError) {
  // io.now is 2026-12-01T00:00:00Z.
  const struct {
    const char* expiration;
    bool usable;
  } cases[] = {
      {"2026-11-30T23:00:00Z", false},
      {"2026-12-01T00:00:00Z", false},
      {"2026-12-01T00:00:01Z", true},
  };
  for (const auto& c : cases) {
    FakeProviderIo io;
    io.commands[kCommand] = {0, Answer(c.expiration), ""};
    auto credentials = RunCredentialProcess(io.Io(), kCommand);
    EXPECT_EQ(credentials.has_value(), c.usable) << c.expiration;
    if (!c.usable && !credentials) {
      EXPECT_EQ(credentials.error().code, ErrorCode::kNoCredentials);
      EXPECT_EQ(credentials.error().message, "credential_process '/usr/bin/get-creds' returned credentials that expired at " +
                                                 std::string(c.expiration) + ": it must print fresh ones");
    }
  }
}

}  // namespace
}  // namespace s3prune::s3
