// Error values for everything the S3 client does. Every failure — an S3 <Error> body, an
// HTTP status without a body, a curl failure, an unparsable reply — is mapped to one code
// of this closed set in one place (error_mapping.cc), so retries and exit codes are decided
// on the code and never on message text.
#pragma once

#include <expected>
#include <chrono>
#include <string>
#include <string_view>

namespace s3prune::s3 {

enum class ErrorCode {
  kNoSuchBucket,        // the bucket does not exist
  kNotFound,            // a key, upload, or bucket configuration that does not exist
  kAccessDenied,        // the credentials are valid but not allowed to do this
  kSignatureMismatch,   // wrong secret key (or a signing bug)
  kInvalidAccessKey,    // the access key id is unknown to the server
  kExpiredToken,        // a session token that is expired or invalid
  kNoCredentials,       // no provider in the chain found credentials
  kBadConfig,           // a malformed config/credentials file or endpoint
  kThrottled,           // SlowDown, 503 Slow Down, 429
  kServerError,         // 500, 502, 503, 504, InternalError
  kRequestTimeout,      // S3's RequestTimeout: the server gave up waiting on us
  kClockSkew,           // RequestTimeTooSkewed
  kWrongRegion,         // 301 PermanentRedirect / AuthorizationHeaderMalformed region
  kInvalidRequest,      // any other 4xx the server rejected
  kTimeout,             // no answer in time (connect or transfer)
  kNetwork,             // DNS, connection refused or reset
  kTls,                 // certificate or handshake failure
  kMalformedReply,      // a reply that is not what the S3 API specifies
  kUnsupported,         // the store lacks the operation: 501 NotImplemented, 405 MethodNotAllowed,
                        // or an answer of another kind (s3/capabilities.h); permanent, never retried
  kRefused,             // never from a server: one of s3prune's safety checks stopped the run
  kInternal,            // never from a server: an exception caught at a worker's edge (a bug, or
                        // a resource failure such as memory or a FIPS-only digest)
};

struct Error {
  ErrorCode code = ErrorCode::kMalformedReply;
  std::string message;     // human text: the server's <Message> or our own
  std::string s3_code;     // the server's <Code> (e.g. "NoSuchBucket"), empty if none
  std::string request_id;  // x-amz-request-id / <RequestId>, empty if none
  int http_status = 0;     // 0 when no HTTP response was received
  std::string region;      // for kWrongRegion: the region the server named, if any
  std::chrono::seconds retry_after{0};  // a throttling reply's Retry-After, 0 if none
  // What the request was about when it is not the command's own bucket, set by the caller
  // (e.g. "--keep-from object s3://other/live.txt"), so that messages blame the right thing.
  std::string subject;
};

template <class T>
using Result = std::expected<T, Error>;

// A stable lower-case name for a code, e.g. "no_such_bucket"; used in logs and JSON.
std::string_view ErrorCodeName(ErrorCode code);

// Builds an Error with just a code and a message.
inline Error MakeError(ErrorCode code, std::string message) {
  Error error;
  error.code = code;
  error.message = std::move(message);
  return error;
}

}  // namespace s3prune::s3
