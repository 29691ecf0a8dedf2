// Percent-encoding as AWS Signature Version 4 defines it (the S3 API Reference's UriEncode),
// and its inverse for the URL-encoded keys S3 returns with `encoding-type=url`.
//
// The rules are stricter than a generic URL encoder: only the unreserved characters
// A-Z a-z 0-9 - _ . ~ stay as they are; every other byte, including each byte of a multi-byte
// UTF-8 character, becomes %XX with upper-case hex. A signature is computed over the encoded
// text, so any deviation (lower-case hex, a kept '+' or '*') is a SignatureDoesNotMatch.
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace s3prune::s3 {

// Object key paths keep '/' as the path separator; query names and values encode it.
enum class SlashEncoding { kEncode, kKeep };

// Encodes every byte of `raw` except the unreserved characters (and '/' when `slash` is kKeep).
// Encoding the same text twice encodes the '%' signs: only encode raw bytes.
std::string UriEncode(std::string_view raw, SlashEncoding slash);

// Whether '+' means a space (HTML form encoding, as some S3 listings use) or a literal '+'
// (RFC 3986, and what UriEncode produces: it never emits '+', it writes %2B).
enum class PlusDecoding { kPlusIsSpace, kPlusIsPlus };

// Decodes %XX sequences (hex in either case) back to the bytes they stand for.
// Returns nullopt when a '%' is not followed by two hex digits: a key decoded by guesswork could
// name a different object, so a malformed listing must be rejected, not repaired.
std::optional<std::string> UriDecode(std::string_view encoded, PlusDecoding plus);

}  // namespace s3prune::s3
