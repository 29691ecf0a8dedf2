#include "usecase/target_pattern.h"

#include <algorithm>
#include <cstddef>

#include "prune/discovery.h"

namespace s3prune::usecase {
namespace {

constexpr std::string_view kWildcard = "*";

// The key with each '*' segment replaced by `folder`, its other segments and '/'s as they were.
std::string Filled(std::string_view key, std::string_view folder) {
  std::string filled;
  const auto segments = KeySegments(key);
  for (std::size_t i = 0; i < segments.size(); ++i) {
    if (i > 0) filled += '/';
    filled += segments[i] == kWildcard ? folder : segments[i];
  }
  if (key.ends_with('/')) filled += '/';
  return filled;
}

}  // namespace

bool HasWildcard(const S3Url& url) {
  const auto segments = KeySegments(url.key);
  return std::ranges::find(segments, kWildcard) != segments.end();
}

std::expected<void, std::string> CheckWildcards(const PlanRequest& request) {
  const bool sites = HasWildcard(request.root);
  for (const auto& pointer : request.keep_from) {
    if (HasWildcard(pointer) && !sites) {
      return std::unexpected("--keep-from " + s3::ObjectUri(pointer.bucket, pointer.key) +
                             " holds a '*', which only a target with a '*' fills in: name the pointer in full");
    }
  }
  if (sites && request.inventory) {
    return std::unexpected("--inventory plans one prefix, not every folder a '*' target matches: name each site's "
                           "target in full, or drop --inventory");
  }
  return {};
}

PlanRequest RequestForFolder(const PlanRequest& request, std::string_view folder) {
  PlanRequest one = request;
  one.root.key = Filled(request.root.key, folder);
  for (auto& pointer : one.keep_from) pointer.key = Filled(pointer.key, folder);
  return one;
}

s3::Result<std::vector<std::string>> MatchedFolders(s3::S3Client& client, const PlanRequest& request) {
  const std::string& key = request.root.key;
  const std::size_t at = key.starts_with("*/") ? 0 : key.find("/*/") + 1;
  auto names = prune::ListDeploymentNames(client, request.root.bucket, key.substr(0, at),
                                          ListingModeFor(request.versions));
  if (!names) return std::unexpected(names.error());
  return std::move(names->ids);
}

}  // namespace s3prune::usecase
