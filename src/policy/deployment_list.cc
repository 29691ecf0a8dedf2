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


}  // namespace

std::vector<std::string> ParseDeploymentList(std::string_view text) {
  if (text.starts_with(kByteOrderMark)) text.remove_prefix(kByteOrderMark.size());
  std::vector<std::string> ids;
  std::unordered_set<std::string_view> seen;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    std::string_view id = util::Trim(StripComment(text.substr(0, end)), kBlanks);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    if (id.ends_with('/')) id.remove_suffix(1);
    if (!id.empty() && seen.insert(id).second) ids.emplace_back(id);
  }
  return ids;
}

}  // namespace s3prune::policy
