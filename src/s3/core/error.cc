#include "s3/core/error.h"

namespace s3prune::s3 {

std::string_view ErrorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::kNoSuchBucket: return "no_such_bucket";
    case ErrorCode::kNotFound: return "not_found";
    case ErrorCode::kAccessDenied: return "access_denied";
    case ErrorCode::kSignatureMismatch: return "signature_mismatch";
    case ErrorCode::kInvalidAccessKey: return "invalid_access_key";
    case ErrorCode::kExpiredToken: return "expired_token";
    case ErrorCode::kNoCredentials: return "no_credentials";
    case ErrorCode::kBadConfig: return "bad_config";
    case ErrorCode::kThrottled: return "throttled";
    case ErrorCode::kServerError: return "server_error";
    case ErrorCode::kRequestTimeout: return "request_timeout";
    case ErrorCode::kClockSkew: return "clock_skew";
    case ErrorCode::kWrongRegion: return "wrong_region";
    case ErrorCode::kInvalidRequest: return "invalid_request";
    case ErrorCode::kTimeout: return "timeout";
    case ErrorCode::kNetwork: return "network";
    case ErrorCode::kTls: return "tls";
    case ErrorCode::kMalformedReply: return "malformed_reply";
    case ErrorCode::kUnsupported: return "unsupported";
    case ErrorCode::kRefused: return "refused";
    case ErrorCode::kInternal: return "internal";
  }
  return "unknown";
}

}  // namespace s3prune::s3
