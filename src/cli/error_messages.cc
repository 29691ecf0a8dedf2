#include "cli/error_messages.h"

#include "cli/exit_codes.h"

namespace s3prune::cli {
namespace {

// A reply that is not what S3 sends: most often the endpoint is a web server, a console or a
// proxy page, or (with virtual addressing) the server ignored the bucket in the host name and
// answered as for the service: <ListAllMyBucketsResult>.
std::string NotS3(const s3::Error& error, const ErrorContext& context) {
  const std::string endpoint = context.endpoint.empty() ? "the endpoint" : context.endpoint;
  if (error.message.find("<ListAllMyBucketsResult>") != std::string::npos) {
    return endpoint + " answered a bucket request with its list of buckets (" + error.message +
           "): it did not see the bucket in the host name; use --addressing path";
  }
  return "the reply from " + endpoint + " does not look like S3 (" + error.message +
         "): check that --endpoint-url is the S3 API (not a web site, console or proxy page), or try "
         "--addressing path";
}

std::string Explain(const s3::Error& error, const ErrorContext& context) {
  using s3::ErrorCode;
  const std::string bucket = "'" + context.bucket + "'";
  const std::string key = "access key '" + context.access_key_id + "'";
  switch (error.code) {
    case ErrorCode::kNoSuchBucket:
      if (error.request_id.empty() && error.s3_code.empty()) {
        // Every S3 reply carries a request id: a bare 404 is more likely a web server.
        return "bucket " + bucket + " not found at " + context.endpoint +
               ", and the reply carried no S3 request id, so it may not be an S3 API: check --endpoint-url "
               "and the bucket name";
      }
      return "bucket " + bucket + " does not exist at " + context.endpoint + ": check the name, --region and --endpoint-url";
    case ErrorCode::kNotFound: return error.message;
    case ErrorCode::kAccessDenied:
      if (!error.subject.empty()) {
        return "access denied reading " + error.subject + " with " + key + " (" + error.message +
               "): check that the IAM policy allows s3:GetObject on it";
      }
      return "access denied with " + key + " (" + error.message + "): check the IAM policy for bucket " + bucket;
    case ErrorCode::kSignatureMismatch:
      // AWS and RGW answer an unknown access key with InvalidAccessKeyId, but some stores
      // (OpenStack Swift's S3 API, measured) answer it with SignatureDoesNotMatch too, so the
      // reply alone cannot tell the two apart.
      return "the secret key for " + key + " is wrong, or " + (context.endpoint.empty() ? "the store" : context.endpoint) +
             " does not know that access key (SignatureDoesNotMatch): check AWS_SECRET_ACCESS_KEY or the profile's "
             "aws_secret_access_key, and AWS_ACCESS_KEY_ID";
    case ErrorCode::kInvalidAccessKey:
      return key + " is not known to " + context.endpoint + " (InvalidAccessKeyId): check AWS_ACCESS_KEY_ID, "
             "--profile and --endpoint-url";
    case ErrorCode::kExpiredToken:
      return "the session token for " + key + " is expired or invalid: refresh AWS_SESSION_TOKEN";
    case ErrorCode::kClockSkew:
      return "this machine's clock is too far from the server's (RequestTimeTooSkewed): sync it (e.g. NTP)";
    case ErrorCode::kWrongRegion:
      return "bucket " + bucket + " is in another region" + (error.region.empty() ? "" : " (" + error.region + ")") +
             ": pass --region";
    case ErrorCode::kThrottled:
      return "the server kept throttling requests (" + error.message + "): retry later or lower --concurrency";
    case ErrorCode::kServerError: return "the server failed (" + error.message + "): retry later";
    case ErrorCode::kTimeout:
      return "no answer from " + context.endpoint + " in time (" + error.message + "): check the endpoint and network";
    case ErrorCode::kNetwork:
      return "cannot reach " + context.endpoint + " (" + error.message + "): check --endpoint-url, DNS and proxies";
    case ErrorCode::kTls:
      return "TLS failed with " + context.endpoint + " (" + error.message + "): check AWS_CA_BUNDLE or the certificate";
    case ErrorCode::kMalformedReply: return NotS3(error, context);
    case ErrorCode::kNoCredentials:
    case ErrorCode::kBadConfig:
    case ErrorCode::kRequestTimeout:
    case ErrorCode::kInvalidRequest:
    case ErrorCode::kUnsupported:
    case ErrorCode::kRefused:
    case ErrorCode::kInternal: break;
  }
  return error.message;
}

}  // namespace

std::string DescribeError(const s3::Error& error, const ErrorContext& context) {
  std::string text = Explain(error, context);
  if (!error.request_id.empty()) text += " [request id " + error.request_id + "]";
  for (char& c : text) {
    if (c == '\n' || c == '\r') c = ' ';  // one line, whatever the server said
  }
  return text;
}

int ExitCodeFor(const s3::Error& error) {
  return error.code == s3::ErrorCode::kBadConfig ? kExitUsage : kExitFailure;
}

}  // namespace s3prune::cli
