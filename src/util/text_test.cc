#include "util/text.h"

#include <gtest/gtest.h>

namespace s3prune::util {
namespace {

TEST(TrimTest, RemovesOnlyTheGivenBlanksAtBothEnds) {
  const struct {
    std::string_view text, blanks, want;
  } cases[] = {
      {"  a b \t\r", kLineBlanks, "a b"},
      {"\n x \n", " \t\r\n", "x"},
      {"\n x \n", kLineBlanks, "\n x \n"},
      {" \t ", kLineBlanks, ""},
      {"", kLineBlanks, ""},
  };
  for (const auto& c : cases) EXPECT_EQ(Trim(c.text, c.blanks), c.want) << "input '" << c.text << "'";
}

TEST(ParseWholeNumberTest, AcceptsDigitsOnly) {
  const struct {
    std::string_view text;
    std::optional<std::uint64_t> want;
  } cases[] = {
      {"0", 0},
      {"42", 42},
      {"18446744073709551615", UINT64_MAX},
      {"18446744073709551616", std::nullopt},
      {"", std::nullopt},
      {"-1", std::nullopt},
      {"+1", std::nullopt},
      {" 1", std::nullopt},
      {"1x", std::nullopt},
  };
  for (const auto& c : cases) EXPECT_EQ(ParseWholeNumber(c.text), c.want) << "input '" << c.text << "'";
}

TEST(ToLowerTest, OnlyAsciiLettersChange) {
  EXPECT_EQ(ToLower("Content-Type"), "content-type");
  EXPECT_EQ(ToLower("HTTP://Host:80"), "http://host:80");
  EXPECT_EQ(ToLower("\xC3\x89T\xC3\x89"), "\xC3\x89t\xC3\x89");  // UTF-8 bytes are kept
}

}  // namespace
}  // namespace s3prune::util
