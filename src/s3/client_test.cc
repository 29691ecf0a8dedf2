// S3Client through a scripted transport: retries and backoff, the region redirect, what goes
// on the wire, and what the logger sees. Fakes are fine for pure logic and for faults a real
// server cannot be made to produce (503 storms, resets, a bucket in another region); the
// client against a real server is tested in tests/integration/s3_client_test.cc.
#include "s3/client.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "s3/core/digest.h"
#include "testing/fake_transport.h"
#include "s3/auth/sigv4.h"
#include "s3/core/uri_encode.h"

namespace s3prune::s3 {
namespace {

using fake::ErrorXml;
using fake::Failure;
using fake::FakeS3;
using fake::HeaderOf;
using fake::Reply;
using fake::TransportReply;
using std::chrono::milliseconds;

S3Request GetRequest(std::string key = "deploys/app.txt") {
  S3Request request;
  request.kind = OperationKind::kGetObject;
  request.method = "GET";
  request.bucket = "bucket";
  request.key = std::move(key);
  return request;
}

std::uint64_t Requests(const S3Client& client, OperationKind kind) {
  return client.stats().Snapshot().requests[static_cast<std::size_t>(kind)];
}

// --- Retries ---

TEST(S3ClientRetryTest, SucceedsAfterOneRetryOfA503WithTheExpectedBackoff) {
  FakeS3 s3;
  s3.script.replies = {Reply(503, ErrorXml("SlowDown", "Please reduce your request rate.")),
                       Reply(200, "hello")};
  auto response = s3.client().Execute(GetRequest());
  ASSERT_TRUE(response.has_value()) << response.error().message;
  EXPECT_EQ(response->body, "hello");
  EXPECT_EQ(s3.script.requests.size(), 2u);
  // Full jitter: draw 0.5 of base_delay (100 ms) * 2^0.
  EXPECT_EQ(s3.sleeps, std::vector<milliseconds>{milliseconds(50)});
  const auto stats = s3.client().stats().Snapshot();
  EXPECT_EQ(Requests(s3.client(), OperationKind::kGetObject), 2u);
  EXPECT_EQ(stats.retries, 1u);
  EXPECT_EQ(stats.failures, 0u);
}

TEST(S3ClientRetryTest, RetriesTransientFailures) {
  struct Case {
    std::string name;
    TransportReply failure;
  };
  const std::vector<Case> cases = {
      {"503 SlowDown", Reply(503, ErrorXml("SlowDown", "Please reduce your request rate."))},
      {"503 without body", Reply(503)},
      {"429 without body", Reply(429)},
      {"500 InternalError", Reply(500, ErrorXml("InternalError", "We encountered an internal error."))},
      {"502 from a proxy", Reply(502, "<html><body>Bad Gateway</body></html>")},
      {"504 without body", Reply(504)},
      {"400 RequestTimeout", Reply(400, ErrorXml("RequestTimeout", "Your socket connection timed out."))},
      {"connection reset", Failure(TransportFailure::kConnectionLost, "Connection reset by peer")},
      {"connect refused", Failure(TransportFailure::kConnect, "Connection refused")},
      {"timeout", Failure(TransportFailure::kTimeout, "Operation timed out")},
  };
  for (const auto& c : cases) {
    FakeS3 s3;
    s3.script.replies = {c.failure, Reply(200, "ok")};
    auto response = s3.client().Execute(GetRequest());
    EXPECT_TRUE(response.has_value()) << c.name << ": " << response.error().message;
    EXPECT_EQ(s3.script.requests.size(), 2u) << c.name;
    EXPECT_EQ(s3.sleeps, std::vector<milliseconds>{milliseconds(50)}) << c.name;
    EXPECT_EQ(s3.client().stats().Snapshot().retries, 1u) << c.name;
  }
}

TEST(S3ClientRetryTest, NeverRetriesPermanentFailures) {
  struct Case {
    std::string name;
    TransportReply failure;
    ErrorCode code;
  };
  const std::vector<Case> cases = {
      {"AccessDenied", Reply(403, ErrorXml("AccessDenied", "Access Denied")), ErrorCode::kAccessDenied},
      {"SignatureDoesNotMatch", Reply(403, ErrorXml("SignatureDoesNotMatch", "")),
       ErrorCode::kSignatureMismatch},
      {"InvalidAccessKeyId", Reply(403, ErrorXml("InvalidAccessKeyId", "no such key id")),
       ErrorCode::kInvalidAccessKey},
      {"NoSuchBucket", Reply(404, ErrorXml("NoSuchBucket", "The specified bucket does not exist")),
       ErrorCode::kNoSuchBucket},
      {"NoSuchKey", Reply(404, ErrorXml("NoSuchKey", "The specified key does not exist.")),
       ErrorCode::kNotFound},
      {"TLS failure", Failure(TransportFailure::kTls, "certificate verify failed"), ErrorCode::kTls},
  };
  for (const auto& c : cases) {
    FakeS3 s3;
    // A retry would succeed, so an unwanted retry shows as a success.
    s3.script.replies = {c.failure, Reply(200, "ok")};
    auto response = s3.client().Execute(GetRequest());
    ASSERT_FALSE(response.has_value()) << c.name;
    EXPECT_EQ(ErrorCodeName(response.error().code), ErrorCodeName(c.code)) << c.name;
    EXPECT_EQ(s3.script.requests.size(), 1u) << c.name;
    EXPECT_TRUE(s3.sleeps.empty()) << c.name;
    const auto stats = s3.client().stats().Snapshot();
    EXPECT_EQ(stats.retries, 0u) << c.name;
    EXPECT_EQ(stats.failures, 1u) << c.name;
  }
}

TEST(S3ClientRetryTest, ExhaustedAttemptsReturnTheLastErrorAndCountIt) {
  FakeS3 s3;
  s3.script.replies = {Reply(503), Failure(TransportFailure::kConnectionLost, "reset"),
                       Reply(500, ErrorXml("InternalError", "third time unlucky"),
                             {{"x-amz-request-id", "HEADERID"}}),
                       Reply(200, "never asked for")};
  auto response = s3.client().Execute(GetRequest());
  ASSERT_FALSE(response.has_value());
  EXPECT_EQ(response.error().code, ErrorCode::kServerError);
  EXPECT_EQ(response.error().message, "third time unlucky");
  EXPECT_EQ(response.error().http_status, 500);
  EXPECT_EQ(s3.script.requests.size(), 3u);
  EXPECT_EQ(s3.sleeps, (std::vector<milliseconds>{milliseconds(50), milliseconds(100)}));
  const auto stats = s3.client().stats().Snapshot();
  EXPECT_EQ(Requests(s3.client(), OperationKind::kGetObject), 3u);
  EXPECT_EQ(stats.TotalRequests(), 3u);
  EXPECT_EQ(stats.retries, 2u);
  EXPECT_EQ(stats.failures, 1u);
}

// --- The region redirect ---

// The AWS endpoints, so the region shows in the host as well as in the signature.
ClientConfig AwsConfig() {
  ClientConfig config = fake::FakeConfig();
  config.endpoint.endpoint_url.clear();
  return config;
}

TEST(S3ClientRegionTest, RetriesOnceInTheRegionTheServerNames) {
  struct Case {
    std::string name;
    TransportReply redirect;
    std::string region;
  };
  const std::vector<Case> cases = {
      {"301 with x-amz-bucket-region",
       Reply(301, ErrorXml("PermanentRedirect", "must be addressed using the specified endpoint",
                           "<Endpoint>deploy-bucket.s3.eu-west-1.amazonaws.com</Endpoint>"),
             {{"x-amz-bucket-region", "eu-west-1"}}),
       "eu-west-1"},
      {"301 without a body", Reply(301, "", {{"x-amz-bucket-region", "ap-south-1"}}), "ap-south-1"},
      {"400 AuthorizationHeaderMalformed with <Region>",
       Reply(400, ErrorXml("AuthorizationHeaderMalformed",
                           "the region 'us-east-1' is wrong; expecting 'eu-central-1'",
                           "<Region>eu-central-1</Region>")),
       "eu-central-1"},
  };
  for (const auto& c : cases) {
    FakeS3 s3(AwsConfig());
    s3.script.replies = {c.redirect, Reply(200, "moved")};
    S3Request request = GetRequest("a.txt");
    request.bucket = "deploy-bucket";
    auto response = s3.client().Execute(request);
    ASSERT_TRUE(response.has_value()) << c.name << ": " << response.error().message;
    ASSERT_EQ(s3.script.requests.size(), 2u) << c.name;
    const auto& first = s3.script.requests[0];
    const auto& second = s3.script.requests[1];
    EXPECT_EQ(first.url, "https://deploy-bucket.s3.us-east-1.amazonaws.com/a.txt") << c.name;
    EXPECT_EQ(second.url, "https://deploy-bucket.s3." + c.region + ".amazonaws.com/a.txt") << c.name;
    EXPECT_NE(HeaderOf(first, "Authorization").find("/20240501/us-east-1/s3/aws4_request"),
              std::string::npos) << c.name;
    EXPECT_NE(HeaderOf(second, "Authorization").find("/20240501/" + c.region + "/s3/aws4_request"),
              std::string::npos) << c.name << ": " << HeaderOf(second, "Authorization");
    EXPECT_TRUE(s3.sleeps.empty()) << c.name << ": a redirect is not a backoff";
    EXPECT_EQ(s3.client().RegionFor("deploy-bucket"), c.region) << c.name;
  }
}

TEST(S3ClientRegionTest, FollowsOnlyOneRedirect) {
  FakeS3 s3(AwsConfig());
  s3.script.replies = {Reply(301, "", {{"x-amz-bucket-region", "eu-west-1"}}),
                       Reply(301, "", {{"x-amz-bucket-region", "ap-south-1"}}),
                       Reply(200, "never asked for")};
  auto response = s3.client().Execute(GetRequest());
  ASSERT_FALSE(response.has_value());
  EXPECT_EQ(response.error().code, ErrorCode::kWrongRegion);
  EXPECT_EQ(response.error().region, "ap-south-1");
  EXPECT_EQ(s3.script.requests.size(), 2u);
  EXPECT_EQ(s3.client().stats().Snapshot().failures, 1u);
}

TEST(S3ClientRegionTest, LaterRequestsGoStraightToTheLearnedRegion) {
  FakeS3 s3(AwsConfig());
  s3.script.replies = {Reply(301, "", {{"x-amz-bucket-region", "eu-west-1"}}), Reply(200),
                       Reply(200)};
  ASSERT_TRUE(s3.client().Execute(GetRequest("one")).has_value());
  ASSERT_TRUE(s3.client().Execute(GetRequest("two")).has_value());
  ASSERT_EQ(s3.script.requests.size(), 3u);
  EXPECT_EQ(s3.script.requests[2].url, "https://bucket.s3.eu-west-1.amazonaws.com/two");
}

// --- What goes on the wire ---

struct ParsedUrl {
  std::string host;
  std::string path;   // as sent, still encoded
  std::string query;  // as sent
};

ParsedUrl SplitUrl(const std::string& url) {
  const auto host_start = url.find("://") + 3;
  const auto path_start = url.find('/', host_start);
  const auto query_start = url.find('?', path_start);
  return {url.substr(host_start, path_start - host_start),
          url.substr(path_start, query_start == std::string::npos ? std::string::npos
                                                                  : query_start - path_start),
          query_start == std::string::npos ? "" : url.substr(query_start + 1)};
}

// The raw name/value pairs of a query string as sent.
QueryList DecodeQuery(const std::string& query) {
  QueryList pairs;
  std::size_t start = 0;
  while (start < query.size()) {
    const auto end = std::min(query.find('&', start), query.size());
    const std::string part = query.substr(start, end - start);
    const auto equals = part.find('=');
    pairs.emplace_back(UriDecode(part.substr(0, equals), PlusDecoding::kPlusIsPlus).value_or("?"),
                       UriDecode(equals == std::string::npos ? "" : part.substr(equals + 1),
                                 PlusDecoding::kPlusIsPlus).value_or("?"));
    start = end + 1;
  }
  return pairs;
}

// Signs the request again from nothing but what was sent: equal only if the URL and the
// headers on the wire are exactly what the client signed.
std::string AuthorizationForWhatWasSent(const HttpRequest& sent) {
  const ParsedUrl url = SplitUrl(sent.url);
  SigningRequest signing;
  signing.method = sent.method;
  signing.encoded_path = url.path;
  signing.query = DecodeQuery(url.query);
  for (const auto& [name, value] : sent.headers) {
    if (!IsSignerHeader(name)) signing.headers.emplace_back(name, value);
  }
  signing.headers.emplace_back("host", url.host);
  signing.payload_sha256 = HeaderOf(sent, "x-amz-content-sha256");
  const HeaderList signed_headers =
      SignRequest(signing, fake::kFakeCredentials, "us-east-1", "s3", fake::kFixedTime);
  return signed_headers.back().second;
}

TEST(S3ClientWireTest, EncodesThePathOnceSortsTheQueryAndSignsWhatItSends) {
  FakeS3 s3;
  s3.script.replies = {Reply(200)};
  S3Request request;
  request.kind = OperationKind::kPutObject;
  request.method = "PUT";
  request.bucket = "bucket";
  request.key = "a b/c+d";
  request.query = {{"versionId", "x/y z+"}, {"acl", ""}};
  request.headers = {{"Content-Type", "text/plain"}};
  request.body = "body bytes";
  ASSERT_TRUE(s3.client().Execute(request).has_value());
  ASSERT_EQ(s3.script.requests.size(), 1u);
  const HttpRequest& sent = s3.script.requests[0];

  EXPECT_EQ(sent.method, "PUT");
  EXPECT_EQ(sent.url, "http://127.0.0.1:9000/bucket/a%20b/c%2Bd?acl=&versionId=x%2Fy%20z%2B");
  EXPECT_EQ(sent.body, "body bytes");
  EXPECT_EQ(HeaderOf(sent, "Content-Type"), "text/plain");
  EXPECT_EQ(HeaderOf(sent, "x-amz-date"), "20240501T120000Z");
  EXPECT_EQ(HeaderOf(sent, "x-amz-content-sha256"), Sha256Hex("body bytes"));
  const std::string authorization = HeaderOf(sent, "Authorization");
  EXPECT_TRUE(authorization.starts_with(
      "AWS4-HMAC-SHA256 Credential=AKIDFAKEEXAMPLE/20240501/us-east-1/s3/aws4_request, "
      "SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date, Signature="))
      << authorization;
  EXPECT_EQ(authorization, AuthorizationForWhatWasSent(sent));
}

TEST(S3ClientWireTest, SendsKeysByteForByte) {
  struct Case {
    std::string key;
    std::string path;
  };
  const Case cases[] = {
      {"dir//file", "/bucket/dir//file"},
      {"a/./b/../c", "/bucket/a/./b/../c"},
      {"100%", "/bucket/100%25"},
      {"%41", "/bucket/%2541"},
      {"\xC3\xA9t\xC3\xA9/\xE6\x97\xA5\xE6\x9C\xAC", "/bucket/%C3%A9t%C3%A9/%E6%97%A5%E6%9C%AC"},
      {"ctl\x01key", "/bucket/ctl%01key"},
      {"a&b=c?d#e~f", "/bucket/a%26b%3Dc%3Fd%23e~f"},
  };
  for (const auto& c : cases) {
    FakeS3 s3;
    s3.script.replies = {Reply(200)};
    ASSERT_TRUE(s3.client().Execute(GetRequest(c.key)).has_value()) << c.key;
    ASSERT_EQ(s3.script.requests.size(), 1u) << c.key;
    EXPECT_EQ(s3.script.requests[0].url, "http://127.0.0.1:9000" + c.path) << c.key;
    EXPECT_EQ(HeaderOf(s3.script.requests[0], "Authorization"),
              AuthorizationForWhatWasSent(s3.script.requests[0])) << c.key;
  }
}

// --- Logging ---

TEST(S3ClientLogTest, LoggerSeesEveryAttemptButNoSecret) {
  ClientConfig config = fake::FakeConfig();
  config.credentials.session_token = "SESSIONTOKENVALUE";
  FakeS3 s3(std::move(config));
  std::vector<std::string> lines;
  s3.client().SetLogger([&](const RequestLogEntry& entry) {
    lines.push_back(std::string(entry.method) + " " + std::string(entry.path) + " " +
                    std::to_string(entry.status) + " #" + std::to_string(entry.attempt) + " " +
                    std::string(entry.error));
  });
  s3.script.replies = {
      Reply(503),
      Reply(403, ErrorXml("SignatureDoesNotMatch", "",
                          "<SignatureProvided>deadbeefcafe</SignatureProvided>"
                          "<StringToSign>AWS4-HMAC-SHA256 20240501T120000Z</StringToSign>"))};
  ASSERT_FALSE(s3.client().Execute(GetRequest("a b")).has_value());
  ASSERT_EQ(s3.script.requests.size(), 2u);

  EXPECT_EQ(lines, (std::vector<std::string>{
                       "GET /bucket/a%20b 503 #1 HTTP 503",
                       "GET /bucket/a%20b 403 #2 HTTP 403 SignatureDoesNotMatch"}));
  const std::string authorization = HeaderOf(s3.script.requests[1], "Authorization");
  const std::string signature = authorization.substr(authorization.find("Signature=") + 10);
  ASSERT_EQ(signature.size(), 64u) << authorization;
  const std::string secrets[] = {"Authorization", "authorization",     "AWS4-HMAC-SHA256",
                                 "Signature=",    signature,           "deadbeefcafe",
                                 fake::kFakeCredentials.secret_access_key, "SESSIONTOKENVALUE",
                                 "x-amz-security-token"};
  for (const auto& line : lines) {
    for (const auto& secret : secrets) {
      EXPECT_EQ(line.find(secret), std::string::npos) << "'" << secret << "' in log line: " << line;
    }
  }
}

// --- Bucket owner ---

TEST(S3ClientOwnerTest, TheExpectedBucketOwnerIsSentAndSignedOnEveryRequest) {
  ClientConfig config = fake::FakeConfig();
  config.expected_bucket_owner = "111122223333";
  FakeS3 s3(config);
  s3.script.replies = {Reply(200, "a"), Reply(200, "b")};
  S3Request list = GetRequest("");
  list.kind = OperationKind::kListObjects;
  for (const auto& request : {GetRequest(), list}) ASSERT_TRUE(s3.client().Execute(request).has_value());
  for (const auto& sent : s3.script.requests) {
    EXPECT_EQ(HeaderOf(sent, "x-amz-expected-bucket-owner"), "111122223333");
    EXPECT_NE(HeaderOf(sent, "authorization").find("x-amz-expected-bucket-owner"), std::string::npos)
        << "signed: " << HeaderOf(sent, "authorization");
  }

  FakeS3 plain;  // none unless asked
  plain.script.replies = {Reply(200, "a")};
  ASSERT_TRUE(plain.client().Execute(GetRequest()).has_value());
  EXPECT_EQ(HeaderOf(plain.script.requests[0], "x-amz-expected-bucket-owner"), "");
}

}  // namespace
}  // namespace s3prune::s3
