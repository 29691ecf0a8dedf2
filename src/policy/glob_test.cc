#include "policy/glob.h"

#include <gtest/gtest.h>

namespace s3prune::policy {
namespace {

TEST(CheckGlobTest, AcceptsWhatFnmatchReadsAsWritten) {
  for (const char* glob : {"release-*", "v1.[0-9]*", "[!a]*", "[]x]", "[^]]", "[[:digit:]]*",
                           "\\[literal", "a\\*", "live/", "[\\]]", "?", "*"}) {
    EXPECT_TRUE(CheckGlob(glob, "--keep").has_value()) << glob;
  }
}

TEST(CheckGlobTest, RefusesGlobsFnmatchWouldReadAsLiterals) {
  struct Case {
    const char* glob;
    const char* says;
  } cases[] = {
      {"", "needs a non-empty glob"},
      {"/", "needs a non-empty glob"},
      {"[", "'[' is never closed"},
      {"v1.[0-9", "'[' is never closed"},
      {"[]", "'[' is never closed"},
      {"[\\]", "'[' is never closed"},
      {"[[:digit:", "'[' is never closed"},
      {"[[:dgit:]]", "unknown character class"},
      {"trail\\", "ends in '\\'"},
  };
  for (const Case& c : cases) {
    const auto checked = CheckGlob(c.glob, "--exclude");
    ASSERT_FALSE(checked.has_value()) << c.glob;
    EXPECT_NE(checked.error().find(c.says), std::string::npos) << checked.error();
    EXPECT_TRUE(checked.error().starts_with(std::string("invalid --exclude '") + c.glob + "'"))
        << checked.error();
  }
  EXPECT_FALSE(CheckGlob(std::string_view("a\0b", 3), "--keep").has_value());
}

TEST(MatchesGlobTest, MatchesIdsAsTheShellWould) {
  EXPECT_TRUE(MatchesGlob("release-*", "release-42"));
  EXPECT_FALSE(MatchesGlob("release-*", "hotfix-1"));
  EXPECT_TRUE(MatchesGlob(".hidden*", ".hidden-build"));  // a leading '.' is ordinary
  EXPECT_TRUE(MatchesGlob("v1.[0-9]", "v1.7"));
  EXPECT_TRUE(MatchesGlob("\\[x", "[x"));
  EXPECT_FALSE(MatchesGlob("dep1", "dep10"));
}

TEST(MatchesGlobTest, IgnoresOneTrailingSlashAsPointerLinesDo) {
  EXPECT_TRUE(MatchesGlob("live/", "live"));
  EXPECT_TRUE(MatchesGlob("rel*/", "release"));
  EXPECT_FALSE(MatchesGlob("live//", "live"));
}

}  // namespace
}  // namespace s3prune::policy
