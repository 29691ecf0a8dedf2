// Small text helpers that several rooms need and that no Debian library offers in this
// exact form: trimming a set of blank characters and reading a whole unsigned number.
// Pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace s3prune::util {

// Spaces, tabs and CR: what trails a line written on any platform.
inline constexpr std::string_view kLineBlanks = " \t\r";

// `text` without leading and trailing characters from `blanks`.
std::string_view Trim(std::string_view text, std::string_view blanks = kLineBlanks);

// The number `text` spells in decimal digits, all of it: nullopt for an empty text, a sign,
// any other character, or a value past 2^64-1.
std::optional<std::uint64_t> ParseWholeNumber(std::string_view text);

}  // namespace s3prune::util
