#include "s3/core/uri_encode.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace s3prune::s3 {
namespace {

using namespace std::string_view_literals;

struct EncodeCase {
  std::string_view raw;
  std::string_view encoded;          // SlashEncoding::kEncode
  std::string_view encoded_in_path;  // SlashEncoding::kKeep
};

TEST(UriEncodeTest, Table) {
  const EncodeCase cases[] = {
      {"", "", ""},
      {"AZaz09-_.~", "AZaz09-_.~", "AZaz09-_.~"},  // unreserved: kept
      {" ", "%20", "%20"},
      {"+", "%2B", "%2B"},  // never '+' for a space, never a literal '+'
      {"%", "%25", "%25"},
      {"%20", "%2520", "%2520"},  // encoding twice encodes the '%'
      {"&=?#", "%26%3D%3F%23", "%26%3D%3F%23"},
      {"~", "~", "~"},
      {"*$!'()", "%2A%24%21%27%28%29", "%2A%24%21%27%28%29"},
      {"/", "%2F", "/"},
      {"//", "%2F%2F", "//"},
      {"a/./b/../c", "a%2F.%2Fb%2F..%2Fc", "a/./b/../c"},
      {"\xE1\x88\xB4", "%E1%88%B4", "%E1%88%B4"},                    // U+1234: each UTF-8 byte
      {"caf\xC3\xA9 menu", "caf%C3%A9%20menu", "caf%C3%A9%20menu"},  // U+00E9
      {"\x01\t\n\r\x1F\x7F", "%01%09%0A%0D%1F%7F", "%01%09%0A%0D%1F%7F"},  // control characters
      {"a\0b"sv, "a%00b", "a%00b"},
      {"\xFF", "%FF", "%FF"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(UriEncode(c.raw, SlashEncoding::kEncode), c.encoded) << "raw: " << c.raw;
    EXPECT_EQ(UriEncode(c.raw, SlashEncoding::kKeep), c.encoded_in_path) << "raw: " << c.raw;
  }
}

struct DecodeCase {
  std::string_view encoded;
  PlusDecoding plus;
  std::optional<std::string> decoded;  // nullopt: malformed
};

TEST(UriDecodeTest, Table) {
  constexpr auto kSpace = PlusDecoding::kPlusIsSpace;
  constexpr auto kPlus = PlusDecoding::kPlusIsPlus;
  const DecodeCase cases[] = {
      {"", kPlus, ""},
      {"plain-text_.~", kPlus, "plain-text_.~"},
      {"a%20b", kPlus, "a b"},
      {"a+b", kSpace, "a b"},
      {"a+b", kPlus, "a+b"},
      {"a%2Bb", kSpace, "a+b"},  // an encoded plus is a plus in both modes
      {"%2f%2F", kPlus, "//"},   // hex in either case
      {"//", kPlus, "//"},
      {"%E1%88%B4", kPlus, "\xE1\x88\xB4"},
      {"%00", kPlus, std::string(1, '\0')},
      {"%25", kPlus, "%"},
      {"%2520", kPlus, "%20"},  // decodes once
      {"%", kPlus, std::nullopt},
      {"100%", kPlus, std::nullopt},
      {"%2", kPlus, std::nullopt},
      {"%zz", kPlus, std::nullopt},
      {"%%20", kPlus, std::nullopt},
      {"%-1", kPlus, std::nullopt},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(UriDecode(c.encoded, c.plus), c.decoded)
        << "encoded: " << c.encoded << (c.plus == kSpace ? " (plus is space)" : "");
  }
}

TEST(UriDecodeTest, InvertsUriEncodeForEveryByte) {
  std::string all_bytes;
  for (int b = 0; b < 256; ++b) all_bytes += static_cast<char>(b);
  for (const auto slash : {SlashEncoding::kEncode, SlashEncoding::kKeep}) {
    for (const auto plus : {PlusDecoding::kPlusIsSpace, PlusDecoding::kPlusIsPlus}) {
      EXPECT_EQ(UriDecode(UriEncode(all_bytes, slash), plus), all_bytes);
    }
  }
}

}  // namespace
}  // namespace s3prune::s3
