// Unit tests of each SigV4 step, and the S3-specific worked examples of the S3 API Reference
// ("Signature Calculations for the Authorization Header: Transferring Payload in a Single
// Chunk"). The generic-service test suites run in sigv4_vectors_test.cc.
#include "s3/auth/sigv4.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "s3/core/uri_encode.h"

namespace s3prune::s3 {
namespace {

using namespace std::chrono_literals;
using std::chrono::sys_days;
using std::chrono::sys_seconds;

// --- The S3 API Reference examples ---

const Credentials kExampleCredentials{"AKIAIOSFODNN7EXAMPLE",
                                      "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", ""};
constexpr sys_days kExampleDay = sys_days{2013y / std::chrono::May / 24};
constexpr sys_seconds kExampleTime = sys_seconds{kExampleDay};
constexpr std::string_view kExampleHost = "examplebucket.s3.amazonaws.com";
constexpr std::string_view kPutBody = "Welcome to Amazon S3.";

struct S3Example {
  std::string name;
  SigningRequest request;
  std::string canonical_request;
  std::string canonical_request_sha256;  // the last line of the string to sign
  std::string signed_headers;
  std::string signature;
};

// The canonical requests are copied from the documentation, line for line.
std::vector<S3Example> S3Examples() {
  const std::string empty(kEmptyPayloadSha256);
  const std::string host(kExampleHost);
  return {
      {"GetObjectWithRange",
       {"GET", "/test.txt", {}, {{"Host", host}, {"Range", "bytes=0-9"}}, empty},
       R"(GET
/test.txt

host:examplebucket.s3.amazonaws.com
range:bytes=0-9
x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
x-amz-date:20130524T000000Z

host;range;x-amz-content-sha256;x-amz-date
e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855)",
       "7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972",
       "host;range;x-amz-content-sha256;x-amz-date",
       "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"},
      // The key "test$file.text" is encoded once: '$' becomes %24.
      {"PutObject",
       {"PUT",
        "/" + UriEncode("test$file.text", SlashEncoding::kKeep),
        {},
        {{"Host", host},
         {"Date", "Fri, 24 May 2013 00:00:00 GMT"},
         {"x-amz-storage-class", "REDUCED_REDUNDANCY"}},
        Sha256Hex(kPutBody)},
       R"(PUT
/test%24file.text

date:Fri, 24 May 2013 00:00:00 GMT
host:examplebucket.s3.amazonaws.com
x-amz-content-sha256:44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072
x-amz-date:20130524T000000Z
x-amz-storage-class:REDUCED_REDUNDANCY

date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class
44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072)",
       "9e0e90d9c76de8fa5b200d8c849cd5b8dc7a3be3951ddb7f6a76b4158342019d",
       "date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class",
       "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd"},
      {"GetBucketLifecycle",
       {"GET", "/", {{"lifecycle", ""}}, {{"Host", host}}, empty},
       R"(GET
/
lifecycle=
host:examplebucket.s3.amazonaws.com
x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
x-amz-date:20130524T000000Z

host;x-amz-content-sha256;x-amz-date
e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855)",
       "9766c798316ff2757b517bc739a67f6213b4ab36dd5da2f94eaebf79c77395ca",
       "host;x-amz-content-sha256;x-amz-date",
       "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543"},
      // Given out of order: the canonical query string sorts by name.
      {"ListObjects",
       {"GET", "/", {{"prefix", "J"}, {"max-keys", "2"}}, {{"Host", host}}, empty},
       R"(GET
/
max-keys=2&prefix=J
host:examplebucket.s3.amazonaws.com
x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
x-amz-date:20130524T000000Z

host;x-amz-content-sha256;x-amz-date
e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855)",
       "df57d21db20da04d7fa30298dd4488ba3a2b47ca3a489c74750e0f1e7df1b9b7",
       "host;x-amz-content-sha256;x-amz-date",
       "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7"},
  };
}

void PrintTo(const S3Example& example, std::ostream* out) { *out << example.name; }

class S3ExampleTest : public testing::TestWithParam<S3Example> {};

TEST_P(S3ExampleTest, EveryStepMatchesTheDocumentation) {
  const S3Example& example = GetParam();
  SigningRequest to_sign = example.request;
  for (auto& header : SignerHeaders(kExampleTime, example.request.payload_sha256,
                                    kExampleCredentials, ContentSha256Header::kSigned)) {
    to_sign.headers.push_back(std::move(header));
  }
  const std::string canonical_request = CanonicalRequest(to_sign);
  EXPECT_EQ(canonical_request, example.canonical_request);

  const std::string scope = CredentialScope(kExampleDay, "us-east-1", "s3");
  const std::string string_to_sign = StringToSign(kExampleTime, scope, canonical_request);
  EXPECT_EQ(string_to_sign,
            "AWS4-HMAC-SHA256\n20130524T000000Z\n"
            "20130524/us-east-1/s3/aws4_request\n" +
                example.canonical_request_sha256);

  const Sha256Digest key =
      SigningKey(kExampleCredentials.secret_access_key, kExampleDay, "us-east-1", "s3");
  EXPECT_EQ(Signature(key, string_to_sign), example.signature);
}

TEST_P(S3ExampleTest, SignRequestAddsDateHashAndAuthorization) {
  const S3Example& example = GetParam();
  const HeaderList added =
      SignRequest(example.request, kExampleCredentials, "us-east-1", "s3", kExampleTime);
  const HeaderList expected = {
      {"x-amz-date", "20130524T000000Z"},
      {"x-amz-content-sha256", example.request.payload_sha256},
      {"Authorization",
       "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
       "SignedHeaders=" +
           example.signed_headers + ", Signature=" + example.signature},
  };
  EXPECT_EQ(added, expected);
}

INSTANTIATE_TEST_SUITE_P(S3ApiReference, S3ExampleTest, testing::ValuesIn(S3Examples()),
                         [](const auto& info) { return info.param.name; });

TEST(SigV4Test, SigningKeyOfTheS3Examples) {
  EXPECT_EQ(
      HexEncode(SigningKey(kExampleCredentials.secret_access_key, kExampleDay, "us-east-1", "s3")),
      "dbb893acc010964918f1fd433add87c70e8b0db6be30c1fbeafefa5ec6ba8378");
}

// --- S3 rules ---

const SigningRequest kPlainGet{
    "GET", "/bucket/key", {}, {{"host", "s3.example.com"}}, std::string(kEmptyPayloadSha256)};

std::string SignedHeadersOf(const HeaderList& added) {
  const std::string& authorization = added.back().second;
  const auto begin = authorization.find("SignedHeaders=") + 14;
  return authorization.substr(begin, authorization.find(',', begin) - begin);
}

TEST(SigV4Test, SessionTokenIsSentAndSigned) {
  Credentials temporary = kExampleCredentials;
  temporary.session_token = "FQoGZXIvYXdzEXAMPLE//token+=";
  const HeaderList added = SignRequest(kPlainGet, temporary, "us-east-1", "s3", kExampleTime);
  ASSERT_EQ(added.size(), 4u);
  EXPECT_EQ(added[2],
            (std::pair<std::string, std::string>{"x-amz-security-token", temporary.session_token}));
  EXPECT_EQ(SignedHeadersOf(added), "host;x-amz-content-sha256;x-amz-date;x-amz-security-token");
  // The token changes the signature: it is covered, not merely attached.
  const HeaderList without =
      SignRequest(kPlainGet, kExampleCredentials, "us-east-1", "s3", kExampleTime);
  EXPECT_EQ(SignedHeadersOf(without), "host;x-amz-content-sha256;x-amz-date");
  EXPECT_NE(added.back().second.substr(added.back().second.size() - 64),
            without.back().second.substr(without.back().second.size() - 64));
}

TEST(SigV4Test, S3PathIsEncodedOnceAndNeverNormalised) {
  // A key with a doubled slash, dot segments, a space and a non-ASCII character (U+20AC).
  const std::string key = "a//b/./c/../d e/\xE2\x82\xAC";
  SigningRequest request = kPlainGet;
  request.encoded_path = "/bucket/" + UriEncode(key, SlashEncoding::kKeep);
  ASSERT_EQ(request.encoded_path, "/bucket/a//b/./c/../d%20e/%E2%82%AC");

  EXPECT_EQ(CanonicalUri(request.encoded_path, PathCanonicalization::kAsSent),
            request.encoded_path);
  const std::string canonical_request = CanonicalRequest(request);
  EXPECT_EQ(canonical_request.substr(0, canonical_request.find('\n', 4)),
            "GET\n/bucket/a//b/./c/../d%20e/%E2%82%AC");
  // What other services would sign instead, to show the difference matters.
  EXPECT_EQ(CanonicalUri(request.encoded_path, PathCanonicalization::kNormalizeAndEncode),
            "/bucket/a/b/d%2520e/%25E2%2582%25AC");
}

TEST(SigV4Test, UnsignedPayloadIsSentAndSignedAsIs) {
  SigningRequest request = kPlainGet;
  request.payload_sha256 = kUnsignedPayload;
  const HeaderList added =
      SignRequest(request, kExampleCredentials, "us-east-1", "s3", kExampleTime);
  EXPECT_EQ(added[1],
            (std::pair<std::string, std::string>{"x-amz-content-sha256", "UNSIGNED-PAYLOAD"}));
  EXPECT_TRUE(CanonicalRequest(request).ends_with("\nUNSIGNED-PAYLOAD"));
}

TEST(SigV4Test, SignerHeadersCanOmitTheContentHashForOtherServices) {
  const HeaderList headers = SignerHeaders(kExampleTime, kEmptyPayloadSha256, kExampleCredentials,
                                           ContentSha256Header::kOmitted);
  EXPECT_EQ(headers, (HeaderList{{"x-amz-date", "20130524T000000Z"}}));
}

TEST(SigV4Test, IsSignerHeader) {
  for (const char* name : {"x-amz-date", "X-Amz-Date", "x-amz-content-sha256",
                           "X-AMZ-SECURITY-TOKEN", "Authorization"}) {
    EXPECT_TRUE(IsSignerHeader(name)) << name;
  }
  for (const char* name : {"host", "range", "x-amz-storage-class", "date", "content-md5"}) {
    EXPECT_FALSE(IsSignerHeader(name)) << name;
  }
}

// --- Each step, table-driven ---

TEST(SigV4Test, Dates) {
  constexpr sys_seconds time = sys_days{2015y / std::chrono::August / 30} + 12h + 36min + 5s;
  EXPECT_EQ(AmzDate(time), "20150830T123605Z");
  EXPECT_EQ(AmzDate(sys_seconds{sys_days{1999y / 12 / 31}} + 23h + 59min + 59s),
            "19991231T235959Z");
  EXPECT_EQ(DateStamp(sys_days{2013y / std::chrono::May / 4}), "20130504");
  EXPECT_EQ(CredentialScope(sys_days{2013y / std::chrono::May / 4}, "eu-west-1", "s3"),
            "20130504/eu-west-1/s3/aws4_request");
}

TEST(SigV4Test, CanonicalQueryString) {
  const struct {
    QueryList query;
    std::string canonical;
  } cases[] = {
      {{}, ""},
      {{{"lifecycle", ""}}, "lifecycle="},
      {{{"prefix", "J"}, {"max-keys", "2"}}, "max-keys=2&prefix=J"},
      {{{"b", "2"}, {"a", "2"}, {"a", "1"}}, "a=1&a=2&b=2"},  // repeated names: by value
      {{{"prefix", "a b/c+d&e=f~"}}, "prefix=a%20b%2Fc%2Bd%26e%3Df~"},
      {{{"continuation-token", "1ueGcx/XYE+HnhbY="}}, "continuation-token=1ueGcx%2FXYE%2BHnhbY%3D"},
      // Sorted on the encoded bytes: '%' < 'Z' < 'a', and "a%2F" < "a." though '/' > '.'.
      {{{"a", "3"}, {"Z", "2"}, {"\xE1\x88\xB4", "1"}}, "%E1%88%B4=1&Z=2&a=3"},
      {{{"a.", "1"}, {"a/", "2"}}, "a%2F=2&a.=1"},
  };
  for (const auto& c : cases) EXPECT_EQ(CanonicalQueryString(c.query), c.canonical);
}

TEST(SigV4Test, CanonicalAndSignedHeaders) {
  const struct {
    HeaderList headers;
    std::string canonical;
    std::string signed_headers;
  } cases[] = {
      {{{"Host", "h"}}, "host:h\n", "host"},
      {{{"Host", "h"}, {"Content-Type", "text/plain"}, {"X-Amz-Meta-A", "  a   b  "}},
       "content-type:text/plain\nhost:h\nx-amz-meta-a:a b\n",
       "content-type;host;x-amz-meta-a"},
      {{{"My", "\ta\t\t b "}}, "my:a b\n", "my"},  // tabs count as blanks
      {{{"x-Dup", "2"}, {"host", "h"}, {"X-DUP", " 1"}, {"x-dup", "3 "}},
       "host:h\nx-dup:2,1,3\n",
       "host;x-dup"},  // repeated names: joined in the order given
      {{{"x-empty", ""}, {"host", "h"}}, "host:h\nx-empty:\n", "host;x-empty"},
      {{{"My", "\"a   b   c\""}}, "my:\"a b c\"\n", "my"},  // quotes do not protect blanks
  };
  for (const auto& c : cases) {
    EXPECT_EQ(CanonicalHeaders(c.headers), c.canonical);
    EXPECT_EQ(SignedHeaders(c.headers), c.signed_headers);
  }
}

TEST(SigV4Test, NormalizePath) {
  const struct {
    std::string_view path;
    std::string_view normalized;
  } cases[] = {
      {"", "/"},
      {"/", "/"},
      {"//", "/"},
      {"/./", "/"},
      {"/example/..", "/"},
      {"/example1/example2/../..", "/"},
      {"/./example", "/example"},
      {"//example//", "/example/"},
      {"/a/b/..", "/a/"},
      {"/a/b/.", "/a/b/"},
      {"/../a", "/a"},             // cannot climb above the root
      {"/a/..b/.c", "/a/..b/.c"},  // only whole segments are dot segments
      {"/example space/", "/example space/"},
  };
  for (const auto& c : cases) EXPECT_EQ(NormalizePath(c.path), c.normalized) << c.path;
}

TEST(SigV4Test, CanonicalUri) {
  EXPECT_EQ(CanonicalUri("", PathCanonicalization::kAsSent), "/");
  EXPECT_EQ(CanonicalUri("/a%20b//c", PathCanonicalization::kAsSent), "/a%20b//c");
  EXPECT_EQ(CanonicalUri("/a%20b//c", PathCanonicalization::kNormalizeAndEncode), "/a%2520b/c");
  EXPECT_EQ(CanonicalUri("/example/$delete", PathCanonicalization::kNormalizeAndEncode),
            "/example/%24delete");
}

}  // namespace
}  // namespace s3prune::s3
