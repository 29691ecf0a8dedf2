// S3Client sends one S3 request at a time per calling thread: it resolves the bucket's
// endpoint, signs with SigV4, sends through a pooled transport, maps failures to error
// codes, retries transient ones with backoff, and follows a wrong-region answer once.
// The S3 operations themselves (list, delete, ...) are free functions in their own files,
// built on Execute, so this class stays small.
// Thread-safe: any number of threads may call Execute at once; each borrows a transport.
#pragma once

#include <atomic>
#include <chrono>
#include <climits>
#include <cstdint>
#include <optional>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <semaphore>
#include <string>

#include "s3/auth/credentials.h"
#include "s3/capabilities.h"
#include "s3/endpoint.h"
#include "s3/core/error.h"
#include "s3/core/model.h"
#include "s3/http/http_transport.h"
#include "s3/request_stats.h"
#include "s3/adaptive_limit.h"
#include "s3/request_timeouts.h"
#include "s3/retry.h"

namespace s3prune::s3 {

struct S3Request {
  OperationKind kind = OperationKind::kBucket;
  std::string method = "GET";
  std::string bucket;
  std::string key;      // raw key; empty for a bucket-level request
  HttpHeaders query;    // raw name/value pairs; a sub-resource such as ?delete is {"delete", ""}
  HttpHeaders headers;  // extra headers, signed and sent (Content-MD5, Content-Type, ...)
  std::string body;
};

struct ClientConfig {
  EndpointConfig endpoint;
  std::string region = "us-east-1";  // the first guess; a redirect may correct it per bucket
  Credentials credentials;  // used when credentials_source is not set (tests, fixed keys)
  // Asked before each request: temporary credentials are refreshed behind it.
  std::shared_ptr<CredentialsSource> credentials_source;
  RetryPolicy retry;
  // How long each kind of request may stay silent before it is a timeout.
  RequestTimeouts timeouts;
  // At most this many requests on the wire at once, however many threads call Execute.
  std::size_t max_in_flight = 16;
  // --expected-bucket-owner: sent (and signed) as x-amz-expected-bucket-owner on every
  // request, so S3 refuses (403) when the bucket belongs to another account. "" sends none.
  std::string expected_bucket_owner;
};

// One line of -v output. Carries no header, so nothing secret can reach the log.
struct RequestLogEntry {
  std::string_view method;
  std::string_view path;  // encoded path and query, as sent
  int status = 0;         // 0 when no response arrived
  std::chrono::milliseconds elapsed{};
  int attempt = 1;
  std::string_view error;  // empty on success
};

using RequestLogger = std::function<void(const RequestLogEntry&)>;
using WallClock = std::function<std::chrono::system_clock::time_point()>;

class S3Client {
 public:
  S3Client(ClientConfig config, TransportFactory transports, RetryHooks hooks, WallClock clock);

  // A 2xx response, or the error it ended in after retries.
  Result<HttpResponse> Execute(const S3Request& request);

  // REQUIRES: called before requests are in flight.
  void SetLogger(RequestLogger logger) { logger_ = std::move(logger); }

  const RequestStats& stats() const { return stats_; }

  // The latest Date header of any successful response so far: the server's clock, which is
  // the clock LastModified times are written by. nullopt before any response carried one.
  std::optional<Timestamp> LatestServerTime() const;

  // How far the server's clock is ahead of ours, learned from a RequestTimeTooSkewed reply's
  // Date header (0 until then). Every later signature uses the local clock plus this.
  std::chrono::milliseconds ClockOffset() const { return std::chrono::milliseconds(clock_offset_ms_.load()); }
  // The region requests to `bucket` are signed for: the configured one, or the one a
  // redirect named.
  std::string RegionFor(const std::string& bucket);

  // What the store was found to lack so far (s3/capabilities.h).
  const StoreCapabilities& capabilities() const { return capabilities_; }
  // An answer saying the store lacks `request`'s operation (kUnsupported): remembered, and
  // its message says so in one line naming the request. Operations call it for an answer of
  // the wrong kind; Execute for 501 and 405.
  Error NoteUnsupported(const S3Request& request, Error error);
  // --endpoint-url as resolved ("" for AWS) and --expected-bucket-owner ("" when none).
  const std::string& EndpointUrl() const { return config_.endpoint.endpoint_url; }
  const std::string& ExpectedBucketOwner() const { return config_.expected_bucket_owner; }

 private:
  Result<HttpResponse> SendOnce(const S3Request& request, const std::string& region, int attempt);
  void NoteServerTime(const HttpResponse& response);
  // From a RequestTimeTooSkewed reply to a request sent when our clock said `local_time`.
  void LearnClockOffset(const HttpResponse& response, std::chrono::system_clock::time_point local_time);

  ClientConfig config_;
  TransportPool transports_;
  RetryHooks hooks_;
  WallClock clock_;
  RequestLogger logger_;
  RequestStats stats_;
  std::atomic<std::int64_t> latest_server_ms_{kNoServerTime};
  std::atomic<std::int64_t> clock_offset_ms_{0};
  static constexpr std::int64_t kNoServerTime = INT64_MIN;
  std::unique_ptr<AdaptiveLimit> in_flight_;
  std::mutex region_mutex_;
  std::map<std::string, std::string> bucket_regions_;  // learned from redirects
  StoreCapabilities capabilities_;
};

}  // namespace s3prune::s3
