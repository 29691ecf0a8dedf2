// The narrow interface between the S3 client and the network: send one HTTP request, get
// the whole response or a transport failure. CurlTransport is the real one; tests use fakes
// to produce faults a real server cannot be made to produce (resets, 503 storms, garbage).
// A transport is used by one thread at a time; TransportPool hands them out to many.
#pragma once

#include <chrono>
#include <cstdint>
#include <expected>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace s3prune::s3 {

using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
  std::string method;  // "GET", "PUT", "POST", "DELETE", "HEAD"
  std::string url;     // complete URL; path encoded once, query already canonical
  HttpHeaders headers;
  std::string body;
  // A response that sends nothing for this long is a timeout; 0: the transport's own limit.
  // Set per request because the work behind requests differs (s3/request_timeouts.h).
  std::chrono::seconds stall_timeout{0};
};

struct HttpResponse {
  int status = 0;
  HttpHeaders headers;  // names lower-cased by the transport
  std::string body;

  // The first header with this lower-case name, or "" when absent.
  std::string_view Header(std::string_view lower_name) const;
};

// Why no HTTP response arrived. error_mapping turns this into an s3::Error.
enum class TransportFailure {
  kTimeout,
  kResolve,
  kConnect,
  kTls,
  kConnectionLost,
  kBadRequest,  // the request cannot be made as given: malformed URL, unsupported protocol
  kOther,       // anything else the transport did not classify: not retried, shown as is
};

struct TransportError {
  TransportFailure failure = TransportFailure::kOther;
  std::string message;
};

class HttpTransport {
 public:
  virtual ~HttpTransport() = default;
  virtual std::expected<HttpResponse, TransportError> Send(const HttpRequest& request) = 0;
};

using TransportFactory = std::function<std::unique_ptr<HttpTransport>()>;

// Keeps idle transports (and so their open connections) for reuse by any thread.
// Thread-safe.
class TransportPool {
 public:
  explicit TransportPool(TransportFactory factory) : factory_(std::move(factory)) {}

  // Borrows a transport for one request; it returns to the pool when the lease ends.
  class Lease {
   public:
    Lease(TransportPool& pool, std::unique_ptr<HttpTransport> transport)
        : pool_(pool), transport_(std::move(transport)) {}
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease() { pool_.Return(std::move(transport_)); }
    HttpTransport& operator*() { return *transport_; }
    HttpTransport* operator->() { return transport_.get(); }

   private:
    TransportPool& pool_;
    std::unique_ptr<HttpTransport> transport_;
  };

  Lease Borrow();

 private:
  void Return(std::unique_ptr<HttpTransport> transport);

  TransportFactory factory_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<HttpTransport>> idle_;
};

}  // namespace s3prune::s3
