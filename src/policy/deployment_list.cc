#include "policy/deployment_list.h"

#include <unordered_set>

#include "util/text.h"

namespace s3prune::policy {
namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

constexpr std::string_view kBlanks = " \t\r\v\f";

bool IsBlank(char c) { return kBlanks.find(c) != std::string_view::npos; }

std::string_view StripComment(std::string_view line) {
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '#' && (i == 0 || IsBlank(line[i - 1]))) return line.substr(0, i);
  }
  return line;
}

std::string_view StripTarget(std::string_view id, const ListTarget& target) {
  const std::string bucket_url = "s3://" + target.bucket + "/";
  if (id.starts_with(bucket_url)) id.remove_prefix(bucket_url.size());
  if (!target.prefix.empty() && id.starts_with(target.prefix)) id.remove_prefix(target.prefix.size());
  if (id.ends_with('/')) id.remove_suffix(1);
  return id;
}

}  // namespace

NamedDeployments ParseDeploymentList(std::string_view text, const ListTarget& target) {
  if (text.starts_with(kByteOrderMark)) text.remove_prefix(kByteOrderMark.size());
  NamedDeployments list;
  std::unordered_set<std::string_view> seen;
  for (std::size_t line = 1; !text.empty(); ++line) {
    const std::size_t end = text.find('\n');
    const std::string_view written = util::Trim(StripComment(text.substr(0, end)), kBlanks);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    const std::string_view id = StripTarget(written, target);
    if (id.empty() || !seen.insert(id).second) continue;
    list.ids.emplace_back(id);
    list.lines.push_back(line);
  }
  return list;
}

}  // namespace s3prune::policy
