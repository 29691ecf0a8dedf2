#include "prune/key_layout.h"

#include <algorithm>
#include <cstdint>
#include <numeric>

namespace s3prune::prune {

std::string DeploymentPrefix(std::string_view prefix, std::string_view id) {
  std::string key_prefix;
  key_prefix.reserve(prefix.size() + id.size() + 1);
  return key_prefix.append(prefix).append(id).append("/");
}

std::optional<std::string_view> DeploymentIdOfKey(std::string_view prefix, std::string_view key) {
  if (!key.starts_with(prefix)) return std::nullopt;
  const std::string_view rest = key.substr(prefix.size());
  const auto slash = rest.find('/');
  if (slash == std::string_view::npos || slash == 0) return std::nullopt;
  return rest.substr(0, slash);
}

std::optional<std::string> DeploymentIdOfCommonPrefix(std::string_view prefix, std::string_view common_prefix) {
  if (!common_prefix.starts_with(prefix) || !common_prefix.ends_with('/')) return std::nullopt;
  const std::string_view id = common_prefix.substr(prefix.size(), common_prefix.size() - prefix.size() - 1);
  if (id.empty() || id.find('/') != std::string_view::npos) return std::nullopt;
  return std::string(id);
}

void SortByKeyOrder(std::vector<std::string>& ids) {
  std::ranges::sort(ids, [](const std::string& a, const std::string& b) {
    // Compare a+"/" with b+"/" without building them: S3 orders keys by UTF-8 bytes.
    const std::size_t common = std::min(a.size(), b.size());
    for (std::size_t i = 0; i < common; ++i) {
      const auto ca = static_cast<unsigned char>(a[i]);
      const auto cb = static_cast<unsigned char>(b[i]);
      if (ca != cb) return ca < cb;
    }
    const auto next_a = a.size() > common ? static_cast<unsigned char>(a[common]) : '/';
    const auto next_b = b.size() > common ? static_cast<unsigned char>(b[common]) : '/';
    if (next_a != next_b) return next_a < next_b;
    return a.size() < b.size();
  });
}

std::vector<KeyRange> SplitIntoRanges(std::string_view prefix, const std::vector<std::string>& ids,
                                      const std::vector<std::uint64_t>& weights, std::size_t count) {
  std::vector<KeyRange> ranges;
  if (ids.empty() || count == 0) return ranges;
  const std::uint64_t total = std::max<std::uint64_t>(1, std::accumulate(weights.begin(), weights.end(), std::uint64_t{0}));
  const std::uint64_t share = (total + count - 1) / count;
  std::uint64_t filled = 0;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (ranges.empty() || (filled >= share && ranges.size() < count)) {
      ranges.push_back(KeyRange{std::string(prefix) + ids[i], "", {}});
      filled = 0;
    }
    ranges.back().ids.push_back(ids[i]);
    filled += weights[i];
  }
  // Each range stops where the keys of its last id end: "PREFIX" + id + "0" is the first key
  // after every "PREFIX" + id + "/..." ('0' follows '/').
  for (auto& range : ranges) range.stop_at = std::string(prefix) + range.ids.back() + "0";
  return ranges;
}

std::size_t RangeCount(std::uint64_t units, std::uint64_t units_per_range, std::size_t max_ranges) {
  const std::uint64_t wanted = (units + std::max<std::uint64_t>(1, units_per_range) - 1) / std::max<std::uint64_t>(1, units_per_range);
  return static_cast<std::size_t>(std::clamp<std::uint64_t>(wanted, 1, std::max<std::size_t>(1, max_ranges)));
}

bool PastRange(const KeyRange& range, std::string_view key) {
  return !range.stop_at.empty() && key >= std::string_view(range.stop_at);
}

}  // namespace s3prune::prune
