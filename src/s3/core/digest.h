// The hashes S3 requests need: SHA-256 (payload hash and the SigV4 chain), HMAC-SHA256 (the
// SigV4 signing key and signature) and MD5 in base64 (the Content-MD5 header DeleteObjects
// requires). Thin wrappers over OpenSSL's EVP interface, so the rest of the code never sees
// OpenSSL types.
// Thread-safety: pure functions; OpenSSL 3 is safe for concurrent use without set-up.
// The functions throw std::runtime_error only if OpenSSL itself fails, which happens when an
// algorithm is disabled (MD5 under a FIPS-only OpenSSL configuration), never for any input.
#pragma once

#include <array>
#include <span>
#include <string>
#include <string_view>

namespace s3prune::s3 {

using Sha256Digest = std::array<unsigned char, 32>;

Sha256Digest Sha256(std::string_view data);

// Lower-case hex, the form SigV4 uses for the payload hash and the canonical request hash.
std::string Sha256Hex(std::string_view data);

// HMAC-SHA256 keyed by text (the first step of the signing key: "AWS4" + secret) or by a
// previous digest (every later step).
Sha256Digest HmacSha256(std::string_view key, std::string_view data);
Sha256Digest HmacSha256(const Sha256Digest& key, std::string_view data);

// Lower-case hex of any bytes.
std::string HexEncode(std::span<const unsigned char> bytes);

// Lower-case hex of the SHA-1 digest: the file name of the AWS CLI's SSO token cache.
std::string Sha1Hex(std::string_view data);

// The base64 of the MD5 digest, as the Content-MD5 header wants it (RFC 1864).
std::string Md5Base64(std::string_view data);

}  // namespace s3prune::s3
