#include "util/utf8.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

namespace s3prune::util {
namespace {

// The input as hex bytes, so a failing case names it even when it is not printable.
std::string Hex(std::string_view bytes) {
  std::string out;
  for (const char c : bytes) {
    char text[4];
    std::snprintf(text, sizeof text, "%02X ", static_cast<unsigned char>(c));
    out += text;
  }
  return out.empty() ? "(empty)" : out;
}

TEST(DecodeUtf8Test, ReadsTheFirstCharacterOrRefusesInvalidUtf8) {
  const struct {
    std::string_view text;
    std::optional<char32_t> value;  // nullopt: not valid UTF-8
    std::size_t length = 0;
  } cases[] = {
      // Each length at its smallest and largest value.
      {std::string_view("\0", 1), U'\0', 1},
      {"A", U'A', 1},
      {"\x7F", 0x7F, 1},
      {"\xC2\x80", 0x80, 2},
      {"\xC3\xA9", 0xE9, 2},  // é
      {"\xDF\xBF", 0x7FF, 2},
      {"\xE0\xA0\x80", 0x800, 3},
      {"\xE2\x82\xAC", 0x20AC, 3},  // €
      {"\xED\x9F\xBF", 0xD7FF, 3},  // just below the surrogates
      {"\xEE\x80\x80", 0xE000, 3},  // just above them
      {"\xEF\xBF\xBF", 0xFFFF, 3},  // a noncharacter, but valid UTF-8
      {"\xF0\x90\x80\x80", 0x10000, 4},
      {"\xF0\x9F\x98\x80", 0x1F600, 4},  // 😀
      {"\xF4\x8F\xBF\xBF", 0x10FFFF, 4},
      // Only the first character is read.
      {"Ab", U'A', 1},
      {"\xC3\xA9\xFF", 0xE9, 2},
      // Not UTF-8.
      {"", std::nullopt},
      {"\x80", std::nullopt},              // a continuation byte without a lead
      {"\xBF" "A", std::nullopt},
      {"\xC0\x80", std::nullopt},          // overlong NUL
      {"\xC1\xBF", std::nullopt},          // overlong 0x7F
      {"\xE0\x9F\xBF", std::nullopt},      // overlong 0x7FF
      {"\xF0\x8F\xBF\xBF", std::nullopt},  // overlong 0xFFFF
      {"\xED\xA0\x80", std::nullopt},      // surrogate U+D800
      {"\xED\xBF\xBF", std::nullopt},      // surrogate U+DFFF
      {"\xF4\x90\x80\x80", std::nullopt},  // U+110000
      {"\xF8\x88\x80\x80\x80", std::nullopt},  // a five-byte lead
      {"\xFE", std::nullopt},
      {"\xFF", std::nullopt},
      {"\xC3", std::nullopt},              // cut short
      {"\xE2\x82", std::nullopt},
      {"\xF0\x9F\x98", std::nullopt},
      {"\xC3" "A", std::nullopt},          // a lead followed by no continuation
      {"\xE2\x82" "A", std::nullopt},
  };
  for (const auto& c : cases) {
    const auto point = DecodeUtf8(c.text);
    EXPECT_EQ(point.has_value(), c.value.has_value()) << "input " << Hex(c.text);
    if (!point || !c.value) continue;
    EXPECT_EQ(point->value, *c.value) << "input " << Hex(c.text);
    EXPECT_EQ(point->length, c.length) << "input " << Hex(c.text);
  }
}

}  // namespace
}  // namespace s3prune::util
