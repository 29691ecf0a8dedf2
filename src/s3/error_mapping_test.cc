// The mapping of HTTP replies and transport failures to error codes, case by case.
#include "s3/error_mapping.h"

#include <gtest/gtest.h>

#include <string>

#include "s3/retry.h"

namespace s3prune::s3 {
namespace {

std::string ErrorXml(std::string_view code, std::string_view message, std::string_view extra = "") {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + std::string(code) +
         "</Code><Message>" + std::string(message) + "</Message>" + std::string(extra) + "</Error>";
}

// "code | s3_code | message | request_id | region | status"
std::string Describe(const Error& error) {
  return std::string(ErrorCodeName(error.code)) + " | " + error.s3_code + " | " + error.message +
         " | " + error.request_id + " | " + error.region + " | " + std::to_string(error.http_status);
}

TEST(ErrorFromResponseTest, RetryAfterIsReadInWholeSecondsUpToAnHour) {
  const std::pair<std::string, long> cases[] = {{"3", 3}, {"0", 0}, {"86400", 3600}, {"soon", 0}, {"", 0}};
  for (const auto& [header, seconds] : cases) {
    const HttpResponse response{503, {{"retry-after", header}}, ErrorXml("SlowDown", "slow down")};
    EXPECT_EQ(ErrorFromResponse(response).retry_after, std::chrono::seconds(seconds)) << "'" << header << "'";
  }
}

TEST(ErrorFromResponseTest, MapsStatusBodyAndHeaders) {
  struct Case {
    std::string name;
    HttpResponse response;
    std::string expected;
  };
  const Case cases[] = {
      {"NoSuchBucket, request id from the body",
       {404, {{"x-amz-request-id", "HDR1"}},
        ErrorXml("NoSuchBucket", "The specified bucket does not exist", "<RequestId>BODY1</RequestId>")},
       "no_such_bucket | NoSuchBucket | The specified bucket does not exist | BODY1 |  | 404"},
      {"request id from the header when the body has none",
       {404, {{"x-amz-request-id", "HDR2"}}, ErrorXml("NoSuchKey", "The specified key does not exist.")},
       "not_found | NoSuchKey | The specified key does not exist. | HDR2 |  | 404"},
      {"HEAD 404 without a body",
       {404, {{"x-amz-request-id", "HDR3"}}, ""},
       "not_found |  | HTTP 404 | HDR3 |  | 404"},
      {"503 without a body", {503, {}, ""}, "throttled |  | HTTP 503 |  |  | 503"},
      {"503 SlowDown", {503, {}, ErrorXml("SlowDown", "Please reduce your request rate.")},
       "throttled | SlowDown | Please reduce your request rate. |  |  | 503"},
      {"429 without a body", {429, {}, ""}, "throttled |  | HTTP 429 |  |  | 429"},
      {"500 InternalError", {500, {}, ErrorXml("InternalError", "oops")},
       "server_error | InternalError | oops |  |  | 500"},
      {"502 HTML from a proxy", {502, {}, "<html><body>Bad Gateway</body></html>"},
       "server_error |  | HTTP 502 |  |  | 502"},
      {"504 without a body", {504, {}, ""}, "server_error |  | HTTP 504 |  |  | 504"},
      {"400 RequestTimeout", {400, {}, ErrorXml("RequestTimeout", "idle")},
       "request_timeout | RequestTimeout | idle |  |  | 400"},
      {"SignatureDoesNotMatch with an empty Message (RGW)",
       {403, {}, ErrorXml("SignatureDoesNotMatch", "", "<RequestId>tx0001</RequestId>")},
       "signature_mismatch | SignatureDoesNotMatch | HTTP 403 SignatureDoesNotMatch | tx0001 |  | 403"},
      {"InvalidAccessKeyId", {403, {}, ErrorXml("InvalidAccessKeyId", "unknown key")},
       "invalid_access_key | InvalidAccessKeyId | unknown key |  |  | 403"},
      {"AccessDenied", {403, {}, ErrorXml("AccessDenied", "Access Denied")},
       "access_denied | AccessDenied | Access Denied |  |  | 403"},
      {"HEAD 403 without a body", {403, {}, ""}, "access_denied |  | HTTP 403 |  |  | 403"},
      {"ExpiredToken", {400, {}, ErrorXml("ExpiredToken", "expired")},
       "expired_token | ExpiredToken | expired |  |  | 400"},
      {"RequestTimeTooSkewed", {403, {}, ErrorXml("RequestTimeTooSkewed", "skewed")},
       "clock_skew | RequestTimeTooSkewed | skewed |  |  | 403"},
      {"NoSuchLifecycleConfiguration", {404, {}, ErrorXml("NoSuchLifecycleConfiguration", "none")},
       "not_found | NoSuchLifecycleConfiguration | none |  |  | 404"},
      {"NoSuchUpload", {404, {}, ErrorXml("NoSuchUpload", "gone")},
       "not_found | NoSuchUpload | gone |  |  | 404"},
      {"301 PermanentRedirect, region from x-amz-bucket-region",
       {301, {{"x-amz-bucket-region", "eu-west-1"}},
        ErrorXml("PermanentRedirect", "use the endpoint", "<Endpoint>b.s3.eu-west-1.amazonaws.com</Endpoint>")},
       "wrong_region | PermanentRedirect | use the endpoint |  | eu-west-1 | 301"},
      {"PermanentRedirect with an empty Message names the endpoint",
       {301, {}, ErrorXml("PermanentRedirect", "", "<Endpoint>b.s3.eu-west-1.amazonaws.com</Endpoint>")},
       "wrong_region | PermanentRedirect | use endpoint b.s3.eu-west-1.amazonaws.com |  |  | 301"},
      {"HEAD 301 without a body", {301, {{"x-amz-bucket-region", "ap-south-1"}}, ""},
       "wrong_region |  | HTTP 301 |  | ap-south-1 | 301"},
      {"AuthorizationHeaderMalformed naming a <Region>",
       {400, {}, ErrorXml("AuthorizationHeaderMalformed", "expecting 'eu-central-1'", "<Region>eu-central-1</Region>")},
       "wrong_region | AuthorizationHeaderMalformed | expecting 'eu-central-1' |  | eu-central-1 | 400"},
      {"AuthorizationHeaderMalformed without a region cannot be fixed by a retry",
       {400, {}, ErrorXml("AuthorizationHeaderMalformed", "bad header")},
       "invalid_request | AuthorizationHeaderMalformed | bad header |  |  | 400"},
      {"an unknown code keeps its name", {400, {}, ErrorXml("InvalidArgument", "bad max-keys")},
       "invalid_request | InvalidArgument | bad max-keys |  |  | 400"},
      {"416 InvalidRange", {416, {}, ErrorXml("InvalidRange", "")},
       "invalid_request | InvalidRange | HTTP 416 InvalidRange |  |  | 416"},
  };
  for (const auto& c : cases) {
    const Error error = ErrorFromResponse(c.response);
    EXPECT_EQ(Describe(error), c.expected) << c.name;
    EXPECT_FALSE(error.message.empty()) << c.name;
  }
}

TEST(ErrorFromTransportTest, MapsEveryFailure) {
  struct Case {
    TransportFailure failure;
    ErrorCode code;
  };
  const Case cases[] = {
      {TransportFailure::kTimeout, ErrorCode::kTimeout},
      {TransportFailure::kResolve, ErrorCode::kNetwork},
      {TransportFailure::kConnect, ErrorCode::kNetwork},
      {TransportFailure::kConnectionLost, ErrorCode::kNetwork},
      {TransportFailure::kTls, ErrorCode::kTls},
      {TransportFailure::kBadRequest, ErrorCode::kBadConfig},
      {TransportFailure::kOther, ErrorCode::kInternal},
  };
  for (const auto& c : cases) {
    const std::string message = "failure #" + std::to_string(static_cast<int>(c.failure));
    const Error error = ErrorFromTransport({c.failure, message});
    EXPECT_EQ(ErrorCodeName(error.code), ErrorCodeName(c.code)) << message;
    EXPECT_NE(error.message.find(message), std::string::npos) << error.message;
    EXPECT_FALSE(IsRetryable(error.code) && (c.failure == TransportFailure::kBadRequest ||
                                             c.failure == TransportFailure::kOther))
        << "a request that cannot be made is not retried: " << message;
    EXPECT_EQ(error.http_status, 0) << message;
  }
}

TEST(MapS3ErrorCodeTest, TheCodeWinsOverTheStatus) {
  struct Case {
    std::string_view s3_code;
    int status;
    ErrorCode code;
  };
  const Case cases[] = {
      {"SlowDown", 503, ErrorCode::kThrottled},
      {"NoSuchBucket", 404, ErrorCode::kNoSuchBucket},
      {"InternalError", 200, ErrorCode::kServerError},  // S3's 200-with-error bodies
      {"SomethingNew", 503, ErrorCode::kThrottled},
      {"SomethingNew", 500, ErrorCode::kServerError},
      {"SomethingNew", 409, ErrorCode::kInvalidRequest},
      {"", 307, ErrorCode::kWrongRegion},
      {"", 408, ErrorCode::kRequestTimeout},
      {"NotImplemented", 501, ErrorCode::kUnsupported},  // a store without the operation: not retried
      {"", 501, ErrorCode::kUnsupported},
      {"MethodNotAllowed", 405, ErrorCode::kUnsupported},  // s3rver's ?versions
      {"", 405, ErrorCode::kUnsupported},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(ErrorCodeName(MapS3ErrorCode(c.s3_code, c.status)), ErrorCodeName(c.code))
        << "'" << c.s3_code << "' " << c.status;
  }
}

}  // namespace
}  // namespace s3prune::s3
