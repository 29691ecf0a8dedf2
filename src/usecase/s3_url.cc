#include "usecase/s3_url.h"

#include <algorithm>
#include <cstddef>

#include "s3/core/model.h"

namespace s3prune::usecase {
namespace {

// S3's rules, loosened only for legacy upper case and underscores: what no S3 accepts is
// caught here with a clear message instead of a confusing server error.
bool PlausibleBucketName(std::string_view bucket) {
  if (bucket.size() < 3 || bucket.size() > 63) return false;
  return std::ranges::all_of(bucket, [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
           c == '_';
  });
}

// `form` is what the caller wants written, for the message: "s3://BUCKET/PREFIX/" or
// "s3://BUCKET/KEY".
std::expected<S3Url, std::string> Split(std::string_view text, std::string_view form) {
  constexpr std::string_view kScheme = "s3://";
  if (!text.starts_with(kScheme)) {
    return std::unexpected("'" + std::string(text) + "' is not an s3:// URL: write " + std::string(form));
  }
  std::string_view rest = text.substr(kScheme.size());
  const auto slash = rest.find('/');
  S3Url url{std::string(rest.substr(0, slash)), slash == std::string_view::npos ? "" : std::string(rest.substr(slash + 1))};
  if (!PlausibleBucketName(url.bucket)) {
    return std::unexpected("'" + url.bucket + "' in " + std::string(text) +
                           " is not a valid bucket name (3 to 63 letters, digits, '.', '-' or '_')");
  }
  return url;
}

}  // namespace

std::vector<std::string_view> KeySegments(std::string_view key) {
  std::vector<std::string_view> segments;
  for (std::size_t begin = 0; begin < key.size();) {
    std::size_t end = key.find('/', begin);
    if (end == std::string_view::npos) end = key.size();
    segments.push_back(key.substr(begin, end - begin));
    begin = end + 1;
  }
  return segments;
}

std::expected<S3Url, std::string> ParseRootUrl(std::string_view text) {
  auto url = Split(text, "s3://BUCKET/PREFIX/");
  if (!url) return url;
  if (!url->key.empty() && url->key.back() != '/') url->key += '/';
  if (url->key == "/") {
    return std::unexpected("'" + std::string(text) + "' has an empty prefix segment: write " + s3::ObjectUri(url->bucket, ""));
  }
  // One whole segment may be '*', the folders of a bucket with many sites (target_pattern.h).
  // A '*' inside a name is refused rather than taken literally: it is almost always meant as
  // a wildcard, and a literal reading would plan an empty prefix.
  std::size_t wildcards = 0;
  for (const std::string_view segment : KeySegments(url->key)) {
    if (segment == "*") {
      ++wildcards;
    } else if (segment.find('*') != std::string_view::npos) {
      return std::unexpected("'" + std::string(text) + "': '*' stands for one whole folder name in a target (s3://" +
                             url->bucket + "/sites/*/), not for part of one");
    }
  }
  if (wildcards > 1) {
    return std::unexpected("'" + std::string(text) + "' has " + std::to_string(wildcards) +
                           " '*' segments: a target may hold one (s3://" + url->bucket + "/sites/*/)");
  }
  // S3 Express One Zone directory buckets (AWS reserves the "--x-s3" suffix for them) list in
  // no order, allow only "/" as a delimiter and sign with CreateSession: s3prune's listings
  // would give a wrong view, so they are refused rather than half supported.
  if (url->bucket.ends_with("--x-s3")) {
    return std::unexpected("'" + url->bucket + "' is an S3 Express One Zone directory bucket (--x-s3), which s3prune "
                           "does not support (unordered listings, CreateSession): prune a general purpose bucket");
  }
  return url;
}

std::expected<S3Url, std::string> ParseObjectUrl(std::string_view text) {
  auto url = Split(text, "s3://BUCKET/KEY");
  if (!url) return url;
  if (url->key.empty() || url->key.back() == '/') {
    return std::unexpected("'" + std::string(text) + "' names no object: write s3://BUCKET/KEY");
  }
  return url;
}

}  // namespace s3prune::usecase
