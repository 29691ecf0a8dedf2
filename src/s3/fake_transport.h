// A scripted HttpTransport and an S3Client wired to it, for unit tests of the client and the
// S3 operations built on it. Fakes are fine for pure logic and for faults a real server
// cannot be made to produce (503 storms, resets, redirects to another region, replies that
// break the protocol); everything a real server can show is tested against one in
// tests/integration/.
// Header-only and test-only: nothing in the library includes it. Not thread-safe: the
// script is shared by every transport the client borrows, so tests stay single-threaded.
#pragma once

#include <gtest/gtest.h>

#include <cctype>
#include <chrono>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "s3/client.h"
#include "s3/http_transport.h"

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

  std::expected<HttpResponse, TransportError> Send(const HttpRequest& request) override {
    script_.requests.push_back(request);
    if (script_.replies.empty()) {
      ADD_FAILURE() << "unscripted request: " << request.method << " " << request.url;
      return std::unexpected(TransportError{TransportFailure::kOther, "script exhausted"});
    }
    TransportReply reply = std::move(script_.replies.front());
    script_.replies.pop_front();
    return reply;
  }

 private:
  TransportScript& script_;
};

inline TransportReply Reply(int status, std::string body = "", HttpHeaders headers = {}) {
  return HttpResponse{status, std::move(headers), std::move(body)};
}

inline TransportReply Failure(TransportFailure failure, std::string message) {
  return std::unexpected(TransportError{failure, std::move(message)});
}

// An S3 <Error> document; `extra` is inserted before </Error>.
inline std::string ErrorXml(std::string_view code, std::string_view message,
                            std::string_view extra = "") {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + std::string(code) +
         "</Code><Message>" + std::string(message) + "</Message>" + std::string(extra) +
         "<RequestId>REQ123</RequestId></Error>";
}

// The value of the first header named `name` (any case) in a sent request, or "".
inline std::string HeaderOf(const HttpRequest& request, std::string_view name) {
  auto lower = [](std::string_view text) {
    std::string out(text);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
  };
  for (const auto& [header, value] : request.headers) {
    if (lower(header) == lower(name)) return value;
  }
  return "";
}

// 2024-05-01T12:00:00Z: the only time the fake client ever sees.
inline constexpr std::chrono::sys_seconds kFixedTime =
    std::chrono::sys_days{std::chrono::year{2024} / std::chrono::May / 1} + std::chrono::hours{12};

inline const Credentials kFakeCredentials{"AKIDFAKEEXAMPLE", "fakeSecretKey/K7MDENG+bPxRfiCYEXAMPLE",
                                          ""};

// Path-style against a local endpoint, three attempts, 100 ms base delay.
inline ClientConfig FakeConfig() {
  ClientConfig config;
  config.endpoint.endpoint_url = "http://127.0.0.1:9000";
  config.region = "us-east-1";
  config.credentials = kFakeCredentials;
  config.retry = RetryPolicy{.max_attempts = 3,
                             .base_delay = std::chrono::milliseconds(100),
                             .max_delay = std::chrono::milliseconds(1000)};
  return config;
}

// An S3Client whose transport replays `script`, whose clock is kFixedTime, whose jitter
// draw is always 0.5 and whose sleeps are recorded instead of slept.
class FakeS3 {
 public:
  explicit FakeS3(ClientConfig config = FakeConfig())
      : client_(std::make_unique<S3Client>(
            std::move(config), [this] { return std::make_unique<ScriptedTransport>(script); },
            RetryHooks{.random_unit = [] { return 0.5; },
                       .sleep = [this](std::chrono::milliseconds delay) { sleeps.push_back(delay); }},
            [] { return std::chrono::system_clock::time_point(kFixedTime); })) {}
  FakeS3(const FakeS3&) = delete;
  FakeS3& operator=(const FakeS3&) = delete;

  S3Client& client() { return *client_; }

  TransportScript script;
  std::vector<std::chrono::milliseconds> sleeps;

 private:
  std::unique_ptr<S3Client> client_;
};

}  // namespace s3prune::s3::fake
