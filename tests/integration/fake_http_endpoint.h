// A small HTTP server on loopback that answers with what the test's handler says: the
// credential endpoints a real machine would have (ECS/EKS container endpoint, EC2 instance
// metadata, STS) when s3prune runs against the local RGW. The credentials it hands out are
// RGW's own test keys, so the S3 side stays real. Connections close after each reply.
// Thread-safe: one acceptor thread serves the requests in turn.
#pragma once

#include <atomic>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "http_wire.h"

namespace s3prune::testing {

struct ReceivedRequest {
  std::string method;
  std::string target;  // path and query, as sent
  Head head;
  std::string body;
};

struct CannedReply {
  int status = 200;
  std::string body;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers = {};
};

class FakeHttpEndpoint {
 public:
  using Handler = std::function<CannedReply(const ReceivedRequest&)>;
  explicit FakeHttpEndpoint(Handler handler);
  ~FakeHttpEndpoint();
  FakeHttpEndpoint(const FakeHttpEndpoint&) = delete;
  FakeHttpEndpoint& operator=(const FakeHttpEndpoint&) = delete;

  std::string endpoint() const;  // http://127.0.0.1:PORT
  std::vector<ReceivedRequest> requests() const;

 private:
  void Serve();

  Handler handler_;
  int listener_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  mutable std::mutex mutex_;
  std::vector<ReceivedRequest> requests_;
  std::thread acceptor_;
};

// A container / IMDS credentials document for `key_id` / `secret`, no token, expiring at
// `expiration` (RFC 3339).
std::string EndpointCredentialsJson(const std::string& key_id, const std::string& secret, const std::string& expiration);

// An RFC 3339 time `seconds` from now (negative: in the past).
std::string TimeFromNow(int seconds);

}  // namespace s3prune::testing
