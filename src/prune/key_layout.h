// How deployments sit in a bucket's key space: a deployment is every key that starts with
// PREFIX + id + "/", its id being the first path segment after PREFIX. Keys directly under
// PREFIX (no further '/') and keys with an empty id ("PREFIX/x") belong to no deployment and
// are never touched. Pure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace s3prune::prune {

// The prefix every key of deployment `id` starts with: PREFIX + id + "/", which is also what
// s3prune's lifecycle rule for the deployment filters on.
std::string DeploymentPrefix(std::string_view prefix, std::string_view id);

// The id of the deployment `key` belongs to, or nullopt for root objects and empty ids.
// REQUIRES: key starts with prefix.
std::optional<std::string_view> DeploymentIdOfKey(std::string_view prefix, std::string_view key);

// The id named by a common prefix from a delimiter listing ("PREFIX" + id + "/"), or nullopt.
std::optional<std::string> DeploymentIdOfCommonPrefix(std::string_view prefix, std::string_view common_prefix);

// A contiguous part of the key space that one worker lists: from just after `start_after`
// (the beginning of PREFIX when empty) up to, not including, `stop_at` (the end when empty).
// Only keys of the deployments in `ids` are counted or deleted by that worker: a range may
// also contain keys of deployments that sort between "id" and "id/" (such as "id-2/"),
// which belong to another range.
struct KeyRange {
  std::string start_after;
  std::string stop_at;
  std::vector<std::string> ids;  // sorted by key order of "id/"
};

// Orders ids as S3 orders their keys: bytewise by "id/" (so "a-b" comes before "a").
void SortByKeyOrder(std::vector<std::string>& ids);

// Splits ids (REQUIRES: sorted by key order) into at most `count` contiguous ranges of
// about equal weight (weights[i] belongs to ids[i]; pass all-ones to split by count).
// The first range begins at the start of PREFIX, the last runs to its end.
std::vector<KeyRange> SplitIntoRanges(std::string_view prefix, const std::vector<std::string>& ids,
                                      const std::vector<std::uint64_t>& weights, std::size_t count);

// How many ranges to list `units` (deployments, or objects) in: one per `units_per_range`,
// at least one, at most `max_ranges`. Each range costs one partly filled list page, so a
// range must cover many pages for the request count to stay near ceil(objects / 1000); one
// listing stream already feeds the deletes faster than S3 deletes.
std::size_t RangeCount(std::uint64_t units, std::uint64_t units_per_range, std::size_t max_ranges);

// True when `key` is at or past the range's stop_at.
bool PastRange(const KeyRange& range, std::string_view key);

}  // namespace s3prune::prune
