#include "fake_http_endpoint.h"

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>

#include "s3/core/timestamp.h"

namespace s3prune::testing {

FakeHttpEndpoint::FakeHttpEndpoint(Handler handler) : handler_(std::move(handler)) {
  listener_ = ListenOnLoopback(port_);
  acceptor_ = std::thread([this] { Serve(); });
}

FakeHttpEndpoint::~FakeHttpEndpoint() {
  stopping_ = true;
  acceptor_.join();
  close(listener_);
}

std::string FakeHttpEndpoint::endpoint() const { return "http://127.0.0.1:" + std::to_string(port_); }

std::vector<ReceivedRequest> FakeHttpEndpoint::requests() const {
  std::lock_guard lock(mutex_);
  return requests_;
}

void FakeHttpEndpoint::Serve() {
  while (!stopping_) {
    pollfd ready{listener_, POLLIN, 0};
    if (poll(&ready, 1, 50) <= 0) continue;
    const int client = accept(listener_, nullptr, nullptr);
    if (client < 0) continue;
    std::string buffer, raw_head, body;
    if (ReadRequest(client, buffer, raw_head, body)) {
      ReceivedRequest request;
      request.head = ParseHead(raw_head);
      const std::string& line = request.head.first_line;
      request.method = line.substr(0, line.find(' '));
      request.target = line.substr(line.find(' ') + 1, line.rfind(' ') - line.find(' ') - 1);
      request.body = body;
      {
        std::lock_guard lock(mutex_);
        requests_.push_back(request);
      }
      const CannedReply reply = handler_(request);
      std::string head = "HTTP/1.1 " + std::to_string(reply.status) + " Canned\r\nContent-Type: " + reply.content_type +
                         "\r\nContent-Length: " + std::to_string(reply.body.size()) + "\r\nConnection: close\r\n";
      for (const auto& [name, value] : reply.headers) head += name + ": " + value + "\r\n";
      SendAll(client, head + "\r\n" + reply.body);
    }
    close(client);
  }
}

std::string EndpointCredentialsJson(const std::string& key_id, const std::string& secret, const std::string& expiration) {
  return R"({"AccessKeyId": ")" + key_id + R"(", "SecretAccessKey": ")" + secret + R"(", "Token": "", "Expiration": ")" +
         expiration + R"("})";
}

std::string TimeFromNow(int seconds) {
  const auto at = std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now()) +
                  std::chrono::seconds(seconds);
  return s3::FormatTimestamp(std::chrono::floor<std::chrono::seconds>(at));
}

}  // namespace s3prune::testing
