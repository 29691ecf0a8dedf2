#include "policy/deployment_list.h"

#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

namespace s3prune::policy {
namespace {

TEST(ParseDeploymentListTest, OneIdPerLine) {
  struct Case {
    std::string_view name;
    std::string_view text;
    std::vector<std::string> expected;
  };
  const Case cases[] = {
      {"empty", "", {}},
      {"only blank lines", "\n\n  \n\t\r\n", {}},
      {"two ids", "abc\ndef\n", {"abc", "def"}},
      {"no final newline", "abc\ndef", {"abc", "def"}},
      {"CRLF line ends", "abc\r\ndef\r\n", {"abc", "def"}},
      {"surrounding whitespace", "  abc  \n\tdef\t\n", {"abc", "def"}},
      {"comment lines", "# live deployments\nabc\n  # indented comment\ndef\n", {"abc", "def"}},
      {"trailing comment", "abc # production\ndef\t# staging\n", {"abc", "def"}},
      {"hash inside an id", "build#12\n", {"build#12"}},
      {"trailing slash", "abc/\ndef/\r\n", {"abc", "def"}},
      {"only one trailing slash is removed", "abc//\n", {"abc/"}},
      {"a lone slash", "/\n", {}},
      {"duplicates keep first position", "abc\ndef\nabc\n", {"abc", "def"}},
      {"duplicate after slash removal", "abc\nabc/\n", {"abc"}},
      {"byte order mark", "\xEF\xBB\xBF" "abc\n", {"abc"}},
      {"inner space is part of the id", "my deploy\n", {"my deploy"}},
      {"exact strings", "dep1\ndep10\n", {"dep1", "dep10"}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(ParseDeploymentList(c.text), c.expected);
  }
}

}  // namespace
}  // namespace s3prune::policy
