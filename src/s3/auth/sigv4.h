// AWS Signature Version 4 for the Authorization header, written as the chain of pure functions
// the specification describes:
//
//   CanonicalRequest -> StringToSign(time, CredentialScope, ...) -> SigningKey -> Signature
//                                                               -> AuthorizationHeader
//
// SignRequest runs the whole chain. Nothing here reads the clock or does I/O: the signing time
// is passed in, so every step is checked against the published test vectors.
//
// S3 differs from other AWS services in two places, and S3's rules are the defaults:
//  - the path is signed exactly as sent: each key byte encoded once, "//", "." and ".." kept
//    (they are part of key names); other services normalise the path and encode it again;
//  - x-amz-content-sha256 is sent and signed on every request; other services omit it.
// The non-S3 values of PathCanonicalization and ContentSha256Header exist so the generic-service
// test vectors can run through the same code; s3prune never uses them.
//
// Callers supply their own headers (host, range, content-md5, ...) in SigningRequest::headers;
// SignRequest adds x-amz-date, x-amz-content-sha256 and x-amz-security-token, signs them
// together with the caller's, and returns them with Authorization. Send the caller's headers
// plus the returned ones, and build the URL from the same encoded_path and
// CanonicalQueryString(query), so that what is sent is exactly what was signed.
// Thread-safety: pure functions.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "s3/auth/credentials.h"
#include "s3/core/digest.h"

namespace s3prune::s3 {

using HeaderList = std::vector<std::pair<std::string, std::string>>;
using QueryList = std::vector<std::pair<std::string, std::string>>;

inline constexpr std::string_view kSigningAlgorithm = "AWS4-HMAC-SHA256";
// The payload hash of a request without a body, and the marker for a body that is not hashed.
inline constexpr std::string_view kEmptyPayloadSha256 =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
inline constexpr std::string_view kUnsignedPayload = "UNSIGNED-PAYLOAD";

struct SigningRequest {
  std::string method;        // "GET", "PUT", ...: upper case, as sent
  std::string encoded_path;  // as sent on the wire, encoded once, never normalised: "/bucket/a%20b"
  QueryList query;           // raw (decoded) name/value pairs; the signer encodes and sorts them
  HeaderList headers;        // including host; any case; duplicates allowed; none the signer adds
  std::string payload_sha256;  // Sha256Hex(body), or kUnsignedPayload
};

// How the path of the canonical request is derived from SigningRequest::encoded_path.
enum class PathCanonicalization {
  kAsSent,              // S3: the encoded path verbatim.
  kNormalizeAndEncode,  // Other services: remove "." and ".." segments and empty segments
                        // ("//"), then URI-encode the result again ("double encoding").
};

// Whether x-amz-content-sha256 is added as a signed header. The payload hash is the last line of
// the canonical request either way.
enum class ContentSha256Header {
  kSigned,   // S3: required on every request.
  kOmitted,  // Other services.
};

// Where the signing rules of S3 and other AWS services differ. The defaults are S3's.
struct SigningRules {
  PathCanonicalization path = PathCanonicalization::kAsSent;
  ContentSha256Header content_sha256 = ContentSha256Header::kSigned;
};

// "20130524T000000Z", the x-amz-date format.
std::string AmzDate(std::chrono::sys_seconds time);
// "20130524", the date in the credential scope.
std::string DateStamp(std::chrono::sys_days date);

// --- Task 1: the canonical request ---

// RFC 3986 dot-segment removal that also drops empty segments: "//a/./b/../c/" -> "/a/c/".
// Only for PathCanonicalization::kNormalizeAndEncode; never applied to S3 paths.
std::string NormalizePath(std::string_view path);

// The path line of the canonical request; "/" for an empty path.
std::string CanonicalUri(std::string_view encoded_path, PathCanonicalization path);

// Each name and value UriEncode'd (slashes too), sorted by encoded name, then encoded value,
// joined as "a=1&b=&c=3". A parameter without a value keeps its '=' ("lifecycle=").
// Also the query string to put in the URL, so the wire matches what was signed.
std::string CanonicalQueryString(const QueryList& query);

// One "name:value\n" line per header name: names lower-cased, values trimmed with inner runs of
// spaces and tabs collapsed to one space, sorted by name; the values of repeated names joined
// with ',' in the order given.
std::string CanonicalHeaders(const HeaderList& headers);

// The lower-cased, sorted, distinct header names joined with ';': "host;range;x-amz-date".
std::string SignedHeaders(const HeaderList& headers);

std::string CanonicalRequest(const SigningRequest& request,
                             PathCanonicalization path = PathCanonicalization::kAsSent);

// --- Task 2: the string to sign ---

// "20130524/us-east-1/s3/aws4_request".
std::string CredentialScope(std::chrono::sys_days date, std::string_view region,
                            std::string_view service);

std::string StringToSign(std::chrono::sys_seconds time, std::string_view scope,
                         std::string_view canonical_request);

// --- Task 3: the signature ---

// HMAC chain "AWS4" + secret -> date -> region -> service -> "aws4_request". The key is valid
// for one day, region and service.
Sha256Digest SigningKey(std::string_view secret_access_key, std::chrono::sys_days date,
                        std::string_view region, std::string_view service);

// Lower-case hex HMAC-SHA256 of the string to sign.
std::string Signature(const Sha256Digest& signing_key, std::string_view string_to_sign);

// "AWS4-HMAC-SHA256 Credential=AKID/<scope>, SignedHeaders=host;..., Signature=<hex>".
std::string AuthorizationHeader(std::string_view access_key_id, std::string_view scope,
                                std::string_view signed_headers, std::string_view signature);

// --- The whole chain ---

// True for the headers the signer owns: x-amz-date, x-amz-content-sha256,
// x-amz-security-token and authorization, in any case.
bool IsSignerHeader(std::string_view name);

// The headers the signer adds and signs: x-amz-date, then x-amz-content-sha256 (unless
// omitted), then x-amz-security-token when the credentials carry a session token.
HeaderList SignerHeaders(std::chrono::sys_seconds now, std::string_view payload_sha256,
                         const Credentials& credentials, ContentSha256Header content_sha256);

// Signs `request` at time `now` and returns the headers to add to it: SignerHeaders(...)
// followed by Authorization.
// REQUIRES: no header in request.headers satisfies IsSignerHeader (it would be sent twice).
HeaderList SignRequest(const SigningRequest& request, const Credentials& credentials,
                       std::string_view region, std::string_view service,
                       std::chrono::sys_seconds now, const SigningRules& rules = {});

}  // namespace s3prune::s3
