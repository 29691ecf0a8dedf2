// A scripted HttpTransport and an S3Client wired to it, for unit tests of the client and the
// S3 operations built on it. Fakes are fine for pure logic and for faults a real server
// cannot be made to produce (503 storms, resets, redirects to another region, replies that
// break the protocol); everything a real server can show is tested against one in
// tests/integration/.
// Test-only (the s3prune_testing library): nothing in s3prune links it. Not thread-safe: the
// script is shared by every transport the client borrows, so tests stay single-threaded.
#pragma once

#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "s3/client.h"
#include "s3/http/http_transport.h"

namespace s3prune::s3::fake {

using TransportReply = std::expected<HttpResponse, TransportError>;

// What the server "says", in order, and every request the client sent.
struct TransportScript {
  std::deque<TransportReply> replies;
  std::vector<HttpRequest> requests;
};

class ScriptedTransport : public HttpTransport {
 public:
  explicit ScriptedTransport(TransportScript& script) : script_(script) {}
  // The next scripted reply; an unscripted request fails the test.
  std::expected<HttpResponse, TransportError> Send(const HttpRequest& request) override;

 private:
  TransportScript& script_;
};

TransportReply Reply(int status, std::string body = "", HttpHeaders headers = {});
TransportReply Failure(TransportFailure failure, std::string message);

// An S3 <Error> document; `extra` is inserted before </Error>.
std::string ErrorXml(std::string_view code, std::string_view message, std::string_view extra = "");

// The value of the first header named `name` (any case) in a sent request, or "".
std::string HeaderOf(const HttpRequest& request, std::string_view name);

// 2024-05-01T12:00:00Z: the only time the fake client ever sees.
inline constexpr std::chrono::sys_seconds kFixedTime =
    std::chrono::sys_days{std::chrono::year{2024} / std::chrono::May / 1} + std::chrono::hours{12};

inline const Credentials kFakeCredentials{"AKIDFAKEEXAMPLE", "fakeSecretKey/K7MDENG+bPxRfiCYEXAMPLE",
                                          ""};

// Path-style against a local endpoint, three attempts, 100 ms base delay.
ClientConfig FakeConfig();

// The one wiring of a test client: transports from `transports`, the clock fixed at
// kFixedTime, the jitter draw always 0.5, and each backoff handed to `record_sleep`
// instead of slept.
std::unique_ptr<S3Client> MakeFakeClient(ClientConfig config, TransportFactory transports,
                                         std::function<void(std::chrono::milliseconds)> record_sleep);

// An S3Client whose transport replays `script`; sleeps are recorded in `sleeps`.
class FakeS3 {
 public:
  explicit FakeS3(ClientConfig config = FakeConfig())
      : client_(MakeFakeClient(
            std::move(config), [this] { return std::make_unique<ScriptedTransport>(script); },
            [this](std::chrono::milliseconds delay) { sleeps.push_back(delay); })) {}
  FakeS3(const FakeS3&) = delete;
  FakeS3& operator=(const FakeS3&) = delete;

  S3Client& client() { return *client_; }

  TransportScript script;
  std::vector<std::chrono::milliseconds> sleeps;

 private:
  std::unique_ptr<S3Client> client_;
};

}  // namespace s3prune::s3::fake
