// The real HTTP transport, on libcurl's easy interface. This is the only code in s3prune
// that includes curl. One easy handle per transport keeps its connections open between
// requests (keep-alive); the client's TransportPool lends one to a thread per request.
// Not thread-safe itself.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "s3/http/http_transport.h"

namespace s3prune::s3 {

struct CurlSettings {
  // Giving up on a host that does not accept the connection.
  std::chrono::seconds connect_timeout{5};
  // A response that sends nothing (not one byte a second) for this long is a stalled
  // transfer; a large listing that keeps sending is never cut off, however long it takes.
  // 0: no limit (the Lambda Runtime API's long poll for the next event). A request's own
  // stall_timeout, when set, replaces it.
  std::chrono::seconds stall_timeout{10};
  std::string ca_bundle;    // AWS_CA_BUNDLE; empty = the system store
  std::string http_proxy;   // for http:// endpoints; empty = libcurl's own environment lookup
  std::string https_proxy;  // for https:// endpoints
  std::string no_proxy;     // hosts that bypass the proxy (NO_PROXY)
};

// Reads AWS_CA_BUNDLE, HTTP(S)_PROXY and NO_PROXY (either case) through `getenv`.
CurlSettings CurlSettingsFromEnvironment();

class CurlTransport : public HttpTransport {
 public:
  explicit CurlTransport(CurlSettings settings);
  ~CurlTransport() override;
  CurlTransport(const CurlTransport&) = delete;
  CurlTransport& operator=(const CurlTransport&) = delete;

  std::expected<HttpResponse, TransportError> Send(const HttpRequest& request) override;

 private:
  CurlSettings settings_;
  void* handle_;  // CURL*, kept opaque so no other file sees curl
};

}  // namespace s3prune::s3
