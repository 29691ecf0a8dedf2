#include "policy/group_by.h"

#include <utility>

namespace s3prune::policy {

std::expected<GroupBy, std::string> GroupBy::Compile(std::string_view pattern) {
  const std::string quoted = "--group-by '" + std::string(pattern) + "'";
  std::regex regex;
  try {
    regex = std::regex(pattern.begin(), pattern.end(), std::regex::ECMAScript);
  } catch (const std::regex_error& error) {
    return std::unexpected(quoted + " is not a regular expression (" + error.what() + ")");
  }
  if (regex.mark_count() != 1) {
    return std::unexpected(quoted + " must have exactly one capture group, the group's name, e.g. " +
                           "'^(main|release|pr-[0-9]+)-' (it has " + std::to_string(regex.mark_count()) + ")");
  }
  return GroupBy(std::move(regex));
}

std::string GroupBy::GroupOf(std::string_view id) const {
  std::match_results<std::string_view::const_iterator> match;
  if (!std::regex_search(id.begin(), id.end(), match, regex_) || !match[1].matched) return {};
  return match[1].str();
}

}  // namespace s3prune::policy
