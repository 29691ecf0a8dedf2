// --group-by: the groups the count and calendar rules are applied within, as restic's
// `forget --group-by` has them. A group is named by the one capture group of a regular
// expression (ECMAScript, searched in the id: anchor it with ^ to match from the start):
// `^(main|release|pr-[0-9]+)-` puts "pr-12-abc" in group "pr-12". Ids it does not match (or
// whose capture is empty) are in no group, and are counted together as one more group.
// Pure; a compiled GroupBy is safe to share between threads.
#pragma once

#include <expected>
#include <regex>
#include <string>
#include <string_view>

namespace s3prune::policy {

class GroupBy {
 public:
  // The error is one line naming --group-by: not a regular expression, or not exactly one
  // capture group.
  static std::expected<GroupBy, std::string> Compile(std::string_view pattern);

  // The group of `id`; "" when it is in none.
  std::string GroupOf(std::string_view id) const;

 private:
  explicit GroupBy(std::regex regex) : regex_(std::move(regex)) {}
  std::regex regex_;
};

}  // namespace s3prune::policy
