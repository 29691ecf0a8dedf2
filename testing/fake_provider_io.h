// A scripted ProviderIo for unit tests of the credentials providers: the environment, files,
// HTTP replies and commands are maps the test fills in, every HTTP request is recorded, and
// the clock is a value the test moves. An HTTP request nobody scripted fails as a refused
// connection (nothing listening), which is what an unreachable metadata endpoint looks like.
// Test-only. Not thread-safe.
#pragma once

#include <deque>
#include <map>
#include <string>
#include <vector>

#include "s3/credentials/provider.h"

namespace s3prune::s3::fake {

class FakeProviderIo {
 public:
  using Reply = std::expected<HttpResponse, TransportError>;

  std::map<std::string, std::string> env;
  std::map<std::string, std::string> files;                  // path -> contents
  std::map<std::string, CommandResult> commands;             // command line -> result
  std::vector<std::chrono::seconds> command_timeouts;        // the timeout of each command run
  std::chrono::system_clock::time_point now = std::chrono::sys_days{std::chrono::year{2026} / 12 / 1};
  std::vector<HttpRequest> requests;                         // every request, in order
  std::vector<std::chrono::seconds> timeouts;                // the timeout of each request

  // Replies for "METHOD URL" (the URL exactly as sent), used in order; the last one repeats.
  void Script(const std::string& method_and_url, std::vector<Reply> replies);

  // Wired to this object, which must outlive it.
  ProviderIo Io();

 private:
  std::map<std::string, std::deque<Reply>> http_;
};

std::expected<HttpResponse, TransportError> Ok(std::string body, int status = 200);

// An STS reply with these credentials, expiring at `expiration` (RFC 3339).
std::string StsReply(const std::string& action, const std::string& key_id, const std::string& expiration);

}  // namespace s3prune::s3::fake
