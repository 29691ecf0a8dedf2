// Small text helpers that several rooms need and that no Debian library offers in this
// exact form: trimming a set of blank characters, ASCII lower case, and reading a whole
// unsigned number.
// Pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace s3prune::util {

// Spaces, tabs and CR: what trails a line written on any platform.
inline constexpr std::string_view kLineBlanks = " \t\r";
// Those and LF: what surrounds a token read from a whole file or a command's output.
inline constexpr std::string_view kBlanksAndNewlines = " \t\r\n";

// `text` without leading and trailing characters from `blanks`.
std::string_view Trim(std::string_view text, std::string_view blanks = kLineBlanks);

// `text` with A-Z turned into a-z (header names, URL schemes, yes/no answers); other bytes,
// UTF-8 included, are kept.
std::string ToLower(std::string_view text);

// The number `text` spells in decimal digits, all of it: nullopt for an empty text, a sign,
// any other character, or a value past 2^64-1.
std::optional<std::uint64_t> ParseWholeNumber(std::string_view text);

}  // namespace s3prune::util
