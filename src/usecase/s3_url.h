// s3:// locations on the command line: the deployment root (s3://BUCKET[/PREFIX/]) and
// pointer objects (s3://BUCKET/KEY). Pure.
#pragma once

#include <expected>
#include <string>
#include <string_view>
#include <vector>

namespace s3prune::usecase {

struct S3Url {
  std::string bucket;
  std::string key;  // for a root: the prefix, "" or ending in '/'
};

// "s3://b", "s3://b/", "s3://b/sites/www", "s3://b/sites/www/". A prefix always ends in '/',
// so "s3://b/dep1" means the deployments under dep1/, never keys starting "dep10". One whole
// segment may be '*' ("s3://b/sites/*/"): the target stands for every folder it matches
// (target_pattern.h); '*' inside a segment, or in two segments, is refused.
std::expected<S3Url, std::string> ParseRootUrl(std::string_view text);

// The segments of a key, split at '/'; a trailing '/' gives no empty last segment
// ("sites/*/" is {"sites", "*"}). They view `key`, which must outlive them.
std::vector<std::string_view> KeySegments(std::string_view key);

// "s3://b/live/current.txt": a bucket and a non-empty key, taken as written.
std::expected<S3Url, std::string> ParseObjectUrl(std::string_view text);

}  // namespace s3prune::usecase
