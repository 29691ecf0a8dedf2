#include "s3/auth/sigv4.h"

#include <algorithm>
#include <cstdio>
#include <tuple>

#include "s3/core/uri_encode.h"

namespace s3prune::s3 {
namespace {

using std::chrono::days;
using std::chrono::floor;
using std::chrono::sys_days;

constexpr std::string_view kScopeTerminator = "aws4_request";

std::string Lowercase(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return lower;
}

bool IsBlank(char c) { return c == ' ' || c == '\t'; }

// The spec's Trimall: no leading or trailing blanks, inner runs of blanks become one space.
std::string TrimAll(std::string_view value) {
  std::string trimmed;
  trimmed.reserve(value.size());
  bool pending_space = false;
  for (const char c : value) {
    if (IsBlank(c)) {
      pending_space = !trimmed.empty();
      continue;
    }
    if (pending_space) trimmed += ' ';
    pending_space = false;
    trimmed += c;
  }
  return trimmed;
}

// Header names lower-cased and sorted; repeated names merged into one comma-joined value.
// The stable sort keeps the caller's order among values of the same name, as the spec requires.
HeaderList CanonicalHeaderEntries(const HeaderList& headers) {
  HeaderList entries;
  entries.reserve(headers.size());
  for (const auto& [name, value] : headers) entries.emplace_back(Lowercase(name), TrimAll(value));
  std::stable_sort(entries.begin(), entries.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  HeaderList merged;
  for (auto& [name, value] : entries) {
    if (!merged.empty() && merged.back().first == name) {
      merged.back().second += ',';
      merged.back().second += value;
    } else {
      merged.emplace_back(std::move(name), std::move(value));
    }
  }
  return merged;
}

}  // namespace

std::string AmzDate(std::chrono::sys_seconds time) {
  const sys_days day = floor<days>(time);
  const std::chrono::year_month_day date{day};
  const std::chrono::hh_mm_ss clock{time - day};
  char text[32];
  std::snprintf(text, sizeof text, "%04d%02u%02uT%02d%02d%02dZ", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                static_cast<int>(clock.hours().count()), static_cast<int>(clock.minutes().count()),
                static_cast<int>(clock.seconds().count()));
  return text;
}

std::string DateStamp(std::chrono::sys_days date) {
  return AmzDate(std::chrono::sys_seconds{date}).substr(0, 8);
}

std::string NormalizePath(std::string_view path) {
  std::vector<std::string_view> segments;
  bool ends_in_directory = false;
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t slash = std::min(path.find('/', start), path.size());
    const std::string_view segment = path.substr(start, slash - start);
    ends_in_directory = segment.empty() || segment == "." || segment == "..";
    if (segment == "..") {
      if (!segments.empty()) segments.pop_back();
    } else if (!segment.empty() && segment != ".") {
      segments.push_back(segment);
    }
    start = slash + 1;
  }
  std::string normalized = "/";
  for (std::size_t i = 0; i < segments.size(); ++i) {
    if (i > 0) normalized += '/';
    normalized += segments[i];
  }
  // "/a/b/" and "/a/b/.." name directories; keep the trailing slash that says so.
  if (ends_in_directory && !segments.empty()) normalized += '/';
  return normalized;
}

std::string CanonicalUri(std::string_view encoded_path, PathCanonicalization path) {
  if (path == PathCanonicalization::kNormalizeAndEncode) {
    return UriEncode(NormalizePath(encoded_path), SlashEncoding::kKeep);
  }
  return encoded_path.empty() ? std::string("/") : std::string(encoded_path);
}

std::string CanonicalQueryString(const QueryList& query) {
  QueryList encoded;
  encoded.reserve(query.size());
  for (const auto& [name, value] : query) {
    encoded.emplace_back(UriEncode(name, SlashEncoding::kEncode),
                         UriEncode(value, SlashEncoding::kEncode));
  }
  // Sorted on the encoded bytes, not the raw ones: that is what the server re-computes.
  std::sort(encoded.begin(), encoded.end());
  std::string joined;
  for (const auto& [name, value] : encoded) {
    if (!joined.empty()) joined += '&';
    joined += name;
    joined += '=';
    joined += value;
  }
  return joined;
}

std::string CanonicalHeaders(const HeaderList& headers) {
  std::string lines;
  for (const auto& [name, value] : CanonicalHeaderEntries(headers)) {
    lines += name;
    lines += ':';
    lines += value;
    lines += '\n';
  }
  return lines;
}

std::string SignedHeaders(const HeaderList& headers) {
  std::string names;
  for (const auto& entry : CanonicalHeaderEntries(headers)) {
    if (!names.empty()) names += ';';
    names += entry.first;
  }
  return names;
}

std::string CanonicalRequest(const SigningRequest& request, PathCanonicalization path) {
  // CanonicalHeaders ends in '\n' itself, so a blank line separates it from SignedHeaders.
  return request.method + '\n' + CanonicalUri(request.encoded_path, path) + '\n' +
         CanonicalQueryString(request.query) + '\n' + CanonicalHeaders(request.headers) + '\n' +
         SignedHeaders(request.headers) + '\n' + request.payload_sha256;
}

std::string CredentialScope(std::chrono::sys_days date, std::string_view region,
                            std::string_view service) {
  std::string scope = DateStamp(date);
  for (const std::string_view part : {region, service, kScopeTerminator}) {
    scope += '/';
    scope += part;
  }
  return scope;
}

std::string StringToSign(std::chrono::sys_seconds time, std::string_view scope,
                         std::string_view canonical_request) {
  std::string text(kSigningAlgorithm);
  text += '\n';
  text += AmzDate(time);
  text += '\n';
  text += scope;
  text += '\n';
  text += Sha256Hex(canonical_request);
  return text;
}

Sha256Digest SigningKey(std::string_view secret_access_key, std::chrono::sys_days date,
                        std::string_view region, std::string_view service) {
  const Sha256Digest date_key =
      HmacSha256("AWS4" + std::string(secret_access_key), DateStamp(date));
  const Sha256Digest region_key = HmacSha256(date_key, region);
  const Sha256Digest service_key = HmacSha256(region_key, service);
  return HmacSha256(service_key, kScopeTerminator);
}

std::string Signature(const Sha256Digest& signing_key, std::string_view string_to_sign) {
  return HexEncode(HmacSha256(signing_key, string_to_sign));
}

std::string AuthorizationHeader(std::string_view access_key_id, std::string_view scope,
                                std::string_view signed_headers, std::string_view signature) {
  std::string header(kSigningAlgorithm);
  header += " Credential=";
  header += access_key_id;
  header += '/';
  header += scope;
  header += ", SignedHeaders=";
  header += signed_headers;
  header += ", Signature=";
  header += signature;
  return header;
}

bool IsSignerHeader(std::string_view name) {
  const std::string lower = Lowercase(name);
  return lower == "x-amz-date" || lower == "x-amz-content-sha256" ||
         lower == "x-amz-security-token" || lower == "authorization";
}

HeaderList SignerHeaders(std::chrono::sys_seconds now, std::string_view payload_sha256,
                         const Credentials& credentials, ContentSha256Header content_sha256) {
  HeaderList headers;
  headers.emplace_back("x-amz-date", AmzDate(now));
  if (content_sha256 == ContentSha256Header::kSigned) {
    headers.emplace_back("x-amz-content-sha256", std::string(payload_sha256));
  }
  // Temporary credentials are only accepted with their token, and S3 wants it signed.
  if (!credentials.session_token.empty()) {
    headers.emplace_back("x-amz-security-token", credentials.session_token);
  }
  return headers;
}

HeaderList SignRequest(const SigningRequest& request, const Credentials& credentials,
                       std::string_view region, std::string_view service,
                       std::chrono::sys_seconds now, const SigningRules& rules) {
  HeaderList added = SignerHeaders(now, request.payload_sha256, credentials, rules.content_sha256);
  SigningRequest to_sign = request;
  to_sign.headers.insert(to_sign.headers.end(), added.begin(), added.end());

  const sys_days date = floor<days>(now);
  const std::string scope = CredentialScope(date, region, service);
  const std::string string_to_sign =
      StringToSign(now, scope, CanonicalRequest(to_sign, rules.path));
  const std::string signature =
      Signature(SigningKey(credentials.secret_access_key, date, region, service), string_to_sign);
  added.emplace_back("Authorization",
                     AuthorizationHeader(credentials.access_key_id, scope,
                                         SignedHeaders(to_sign.headers), signature));
  return added;
}

}  // namespace s3prune::s3
