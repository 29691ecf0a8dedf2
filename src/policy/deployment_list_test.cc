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
    EXPECT_EQ(ParseDeploymentList(c.text, {"b", ""}).ids, c.expected);
  }
}

TEST(ParseDeploymentListTest, AcceptsTheWaysPeopleNameAnId) {
  struct Case {
    std::string_view name;
    std::string_view line;
    std::string expected;
  };
  const ListTarget target{"b", "sites/www/"};
  const Case cases[] = {
      {"bare id", "d1", "d1"},
      {"id with slash", "d1/", "d1"},
      {"prefix and id", "sites/www/d1/", "d1"},
      {"prefix and id without slash", "sites/www/d1", "d1"},
      {"full url", "s3://b/sites/www/d1/", "d1"},
      {"full url without slash", "s3://b/sites/www/d1", "d1"},
      // Left as written, so that the planner reports them as naming no deployment.
      {"another bucket", "s3://other/sites/www/d1/", "s3://other/sites/www/d1"},
      {"another prefix", "sites/old/d1", "sites/old/d1"},
      {"a list on one line", "d1,d2", "d1,d2"},
      {"a key inside the deployment", "d1/index.html", "d1/index.html"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(ParseDeploymentList(c.line, target).ids, std::vector<std::string>{c.expected});
  }
}

TEST(ParseDeploymentListTest, RecordsTheLineOfEachId) {
  const auto list = ParseDeploymentList("# live\nd1\n\nd2\nd1\n", {"b", ""});
  EXPECT_EQ(list.ids, (std::vector<std::string>{"d1", "d2"}));
  EXPECT_EQ(list.lines, (std::vector<std::size_t>{2, 4}));
}

TEST(ParseDeploymentListTest, ThePrefixAloneIsNoId) {
  EXPECT_TRUE(ParseDeploymentList("sites/www/\ns3://b/sites/www/\n", {"b", "sites/www/"}).ids.empty());
}

}  // namespace
}  // namespace s3prune::policy
