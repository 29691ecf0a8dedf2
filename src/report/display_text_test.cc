#include "report/display_text.h"

#include <gtest/gtest.h>

namespace s3prune::report {
namespace {

TEST(PrintableTest, EscapesWhatCouldRewriteOrReorderARow) {
  const struct {
    std::string_view raw;
    std::string_view shown;
  } cases[] = {
      {"release-42", "release-42"},
      {"d1\rkeep", "d1\\rkeep"},
      {"a\tb\nc", "a\\tb\\nc"},
      {"\x1b[32mkeep", "\\x1B[32mkeep"},
      {"back\\slash", "back\\\\slash"},
      {"del\x7f", "del\\x7F"},
      {"csi\xc2\x9b", "csi\\xC2\\x9B"},  // U+009B, the 8-bit CSI
      {"rlo\xe2\x80\xae", "rlo\\u{202E}"},
      {"bad\xff", "bad\\xFF"},
      {"\xc0\xaf", "\\xC0\\xAF"},  // overlong '/'
      {"caf\xc3\xa9", "caf\xc3\xa9"},  // é stays
      {"\xe6\x97\xa5\xe6\x9c\xac", "\xe6\x97\xa5\xe6\x9c\xac"},  // 日本 stays
  };
  for (const auto& c : cases) EXPECT_EQ(Printable(c.raw), c.shown) << c.raw;
}

TEST(DisplayWidthTest, CountsTerminalColumnsNotBytes) {
  EXPECT_EQ(DisplayWidth("release"), 7u);
  EXPECT_EQ(DisplayWidth("caf\xc3\xa9"), 4u);
  EXPECT_EQ(DisplayWidth("\xe6\x97\xa5\xe6\x9c\xac"), 4u);  // two wide characters
  EXPECT_EQ(DisplayWidth("e\xcc\x81"), 1u);  // e + combining acute
}

TEST(FitWidthTest, ShortensLongIdsWithAnEllipsis) {
  EXPECT_EQ(FitWidth("short", 10), "short");
  EXPECT_EQ(FitWidth("exactly-10", 10), "exactly-10");
  EXPECT_EQ(FitWidth("eleven-char", 10), "eleven-ch…");
  EXPECT_EQ(DisplayWidth(FitWidth(std::string(300, 'x'), 40)), 40u);
  // A wide character that would cross the limit is left out whole.
  EXPECT_EQ(FitWidth("ab\xe6\x97\xa5\xe6\x9c\xac", 4), "ab…");
}

}  // namespace
}  // namespace s3prune::report
