#include "s3/xml/xml_escape.h"

#include <gtest/gtest.h>

namespace s3prune::s3 {
namespace {

TEST(XmlCanCarryTest, AcceptsOnlyXml10Characters) {
  struct Case {
    std::string_view name;
    std::string_view text;
    bool can_carry;
  };
  using namespace std::string_view_literals;
  const Case cases[] = {
      {"ascii", "releases/2024-01-01/app.tar.gz", true},
      {"empty", "", true},
      {"xml specials", "a&b<c>d\"e'f", true},
      {"tab LF CR", "a\tb\nc\rd", true},
      {"DEL and C1 controls are Chars", "a\x7F" "b\xC2\x85", true},
      {"two-byte", "caf\xC3\xA9", true},
      {"three-byte", "\xE6\x97\xA5\xE6\x9C\xAC", true},
      {"four-byte emoji", "\xF0\x9F\x9A\x80", true},
      {"last BMP Char U+FFFD", "\xEF\xBF\xBD", true},
      {"last code point U+10FFFF", "\xF4\x8F\xBF\xBF", true},
      {"NUL", "a\0b"sv, false},
      {"SOH", "a\x01" "b", false},
      {"ESC", "\x1B[31m", false},
      {"unit separator", "\x1F", false},
      {"U+FFFE", "\xEF\xBF\xBE", false},
      {"U+FFFF", "\xEF\xBF\xBF", false},
      {"lone continuation byte", "a\x80", false},
      {"latin-1 e acute", "caf\xE9", false},
      {"overlong slash", "\xC0\xAF", false},
      {"overlong NUL", "\xC0\x80", false},
      {"overlong three-byte", "\xE0\x80\xAF", false},
      {"surrogate U+D800", "\xED\xA0\x80", false},
      {"above U+10FFFF", "\xF4\x90\x80\x80", false},
      {"F5 lead byte", "\xF5\x80\x80\x80", false},
      {"cut-short sequence", "caf\xC3", false},
      {"cut-short four-byte", "\xF0\x9F\x9A", false},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(XmlCanCarry(c.text), c.can_carry) << c.name;
  }
}

TEST(AppendXmlTextTest, EscapesMarkupAndProtectsLineEnds) {
  struct Case {
    std::string_view text;
    std::string_view xml;
  };
  const Case cases[] = {
      {"plain/key.txt", "plain/key.txt"},
      {"a&b", "a&amp;b"},
      {"<Key>", "&lt;Key&gt;"},
      {"]]>", "]]&gt;"},
      {"quotes \" and ' stay", "quotes \" and ' stay"},
      {"a\tb", "a&#x9;b"},
      {"line\r\nend\n", "line&#xD;&#xA;end&#xA;"},
      {"  spaces  ", "  spaces  "},
      {"caf\xC3\xA9", "caf\xC3\xA9"},
      {"", ""},
  };
  for (const auto& c : cases) {
    std::string out = "prefix:";
    AppendXmlText(out, c.text);
    EXPECT_EQ(out, "prefix:" + std::string(c.xml)) << "'" << c.text << "'";
  }
}

TEST(AppendXmlElementTest, WrapsEscapedText) {
  std::string out;
  AppendXmlElement(out, "Key", "a&b\n");
  EXPECT_EQ(out, "<Key>a&amp;b&#xA;</Key>");
}

}  // namespace
}  // namespace s3prune::s3
