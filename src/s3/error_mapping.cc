#include "s3/error_mapping.h"

#include <algorithm>
#include <array>
#include <utility>

#include "s3/xml/xml_error.h"
#include "util/text.h"

namespace s3prune::s3 {
namespace {

struct CodeEntry {
  std::string_view s3_code;
  ErrorCode code;
};

constexpr std::array kS3Codes{
    CodeEntry{"NoSuchBucket", ErrorCode::kNoSuchBucket},
    CodeEntry{"NoSuchKey", ErrorCode::kNotFound},
    CodeEntry{"NoSuchUpload", ErrorCode::kNotFound},
    CodeEntry{"NoSuchVersion", ErrorCode::kNotFound},
    CodeEntry{"NoSuchLifecycleConfiguration", ErrorCode::kNotFound},
    CodeEntry{"AccessDenied", ErrorCode::kAccessDenied},
    CodeEntry{"AllAccessDisabled", ErrorCode::kAccessDenied},
    CodeEntry{"AccountProblem", ErrorCode::kAccessDenied},
    CodeEntry{"SignatureDoesNotMatch", ErrorCode::kSignatureMismatch},
    CodeEntry{"InvalidAccessKeyId", ErrorCode::kInvalidAccessKey},
    CodeEntry{"ExpiredToken", ErrorCode::kExpiredToken},
    CodeEntry{"InvalidToken", ErrorCode::kExpiredToken},
    CodeEntry{"TokenRefreshRequired", ErrorCode::kExpiredToken},
    CodeEntry{"SlowDown", ErrorCode::kThrottled},
    CodeEntry{"Throttling", ErrorCode::kThrottled},
    CodeEntry{"ThrottlingException", ErrorCode::kThrottled},
    CodeEntry{"RequestLimitExceeded", ErrorCode::kThrottled},
    CodeEntry{"TooManyRequestsException", ErrorCode::kThrottled},
    CodeEntry{"InternalError", ErrorCode::kServerError},
    CodeEntry{"ServiceUnavailable", ErrorCode::kServerError},
    CodeEntry{"RequestTimeout", ErrorCode::kRequestTimeout},
    CodeEntry{"RequestTimeTooSkewed", ErrorCode::kClockSkew},
    CodeEntry{"PermanentRedirect", ErrorCode::kWrongRegion},
    CodeEntry{"AuthorizationHeaderMalformed", ErrorCode::kWrongRegion},
    CodeEntry{"IllegalLocationConstraintException", ErrorCode::kWrongRegion},
    CodeEntry{"NotImplemented", ErrorCode::kUnsupported},
    CodeEntry{"MethodNotAllowed", ErrorCode::kUnsupported},
};

ErrorCode MapStatus(int status) {
  switch (status) {
    case 301:
    case 307: return ErrorCode::kWrongRegion;
    case 403: return ErrorCode::kAccessDenied;
    case 404: return ErrorCode::kNotFound;
    case 408: return ErrorCode::kRequestTimeout;
    case 429: return ErrorCode::kThrottled;
    case 503: return ErrorCode::kThrottled;  // S3's "503 Slow Down" often comes without a body
    case 405:  // MethodNotAllowed: s3rver's answer to ?versions
    case 501: return ErrorCode::kUnsupported;  // NotImplemented: a store without the feature, never transient
    default: break;
  }
  if (status >= 500) return ErrorCode::kServerError;
  if (status >= 400) return ErrorCode::kInvalidRequest;
  return ErrorCode::kMalformedReply;
}

}  // namespace

ErrorCode MapS3ErrorCode(std::string_view s3_code, int http_status) {
  for (const auto& entry : kS3Codes) {
    if (entry.s3_code == s3_code) return entry.code;
  }
  return MapStatus(http_status);
}

Error ErrorFromResponse(const HttpResponse& response) {
  Error error;
  error.http_status = response.status;
  error.request_id = std::string(response.Header("x-amz-request-id"));
  error.region = std::string(response.Header("x-amz-bucket-region"));
  if (auto body = ParseErrorBody(response.body)) {
    error.s3_code = body->code;
    error.message = body->message;
    if (!body->request_id.empty()) error.request_id = body->request_id;
    if (!body->region.empty()) error.region = body->region;
    if (error.message.empty() && !body->endpoint.empty()) error.message = "use endpoint " + body->endpoint;
  }
  error.code = MapS3ErrorCode(error.s3_code, response.status);
  if (const auto retry_after = util::ParseWholeNumber(response.Header("retry-after"))) {
    error.retry_after = std::chrono::seconds(std::min<std::uint64_t>(*retry_after, 3600));  // an hour at most
  }
  // AuthorizationHeaderMalformed also covers malformations other than the region; only a
  // named region makes it something a retry in that region can fix.
  if (error.code == ErrorCode::kWrongRegion && error.s3_code == "AuthorizationHeaderMalformed" &&
      error.region.empty()) {
    error.code = ErrorCode::kInvalidRequest;
  }
  if (error.message.empty()) {
    error.message = "HTTP " + std::to_string(response.status) +
                    (error.s3_code.empty() ? std::string() : " " + error.s3_code);
  }
  return error;
}

Error ErrorFromTransport(const TransportError& failure) {
  switch (failure.failure) {
    case TransportFailure::kTimeout: return MakeError(ErrorCode::kTimeout, failure.message);
    case TransportFailure::kTls: return MakeError(ErrorCode::kTls, failure.message);
    case TransportFailure::kResolve:
    case TransportFailure::kConnect:
    case TransportFailure::kConnectionLost: return MakeError(ErrorCode::kNetwork, failure.message);
    case TransportFailure::kBadRequest:
      return MakeError(ErrorCode::kBadConfig, "the request cannot be made (" + failure.message + "): check --endpoint-url");
    case TransportFailure::kOther: break;
  }
  // Unclassified: retrying it or calling it a network problem would send the user the wrong way.
  return MakeError(ErrorCode::kInternal, "the HTTP transport failed (" + failure.message + ")");
}

}  // namespace s3prune::s3
