#include "testing/fake_transport.h"

#include <gtest/gtest.h>

#include "util/text.h"

namespace s3prune::s3::fake {

std::expected<HttpResponse, TransportError> ScriptedTransport::Send(const HttpRequest& request) {
  script_.requests.push_back(request);
  if (script_.replies.empty()) {
    ADD_FAILURE() << "unscripted request: " << request.method << " " << request.url;
    return std::unexpected(TransportError{TransportFailure::kOther, "script exhausted"});
  }
  TransportReply reply = std::move(script_.replies.front());
  script_.replies.pop_front();
  return reply;
}

TransportReply Reply(int status, std::string body, HttpHeaders headers) {
  return HttpResponse{status, std::move(headers), std::move(body)};
}

TransportReply Failure(TransportFailure failure, std::string message) {
  return std::unexpected(TransportError{failure, std::move(message)});
}

std::string ErrorXml(std::string_view code, std::string_view message, std::string_view extra) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + std::string(code) +
         "</Code><Message>" + std::string(message) + "</Message>" + std::string(extra) +
         "<RequestId>REQ123</RequestId></Error>";
}

std::string HeaderOf(const HttpRequest& request, std::string_view name) {
  const auto lower = [](std::string_view text) { return util::ToLower(text); };
  for (const auto& [header, value] : request.headers) {
    if (lower(header) == lower(name)) return value;
  }
  return "";
}

ClientConfig FakeConfig() {
  ClientConfig config;
  config.endpoint.endpoint_url = "http://127.0.0.1:9000";
  config.region = "us-east-1";
  config.credentials = kFakeCredentials;
  config.retry = RetryPolicy{.max_attempts = 3,
                             .base_delay = std::chrono::milliseconds(100),
                             .max_delay = std::chrono::milliseconds(1000)};
  return config;
}

std::unique_ptr<S3Client> MakeFakeClient(ClientConfig config, TransportFactory transports,
                                         std::function<void(std::chrono::milliseconds)> record_sleep) {
  return std::make_unique<S3Client>(
      std::move(config), std::move(transports),
      RetryHooks{.random_unit = [] { return 0.5; }, .sleep = std::move(record_sleep)},
      [] { return std::chrono::system_clock::time_point(kFixedTime); });
}

}  // namespace s3prune::s3::fake
