// Reading UTF-8 one character at a time. Object keys may hold any bytes, so the rooms that
// must tell valid UTF-8 from the rest (the XML bodies, which cannot carry it, and the
// terminal table, which escapes it) decode with this one function and agree on what is valid.
// Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace s3prune::util {

// One character decoded from the front of a text.
struct CodePoint {
  char32_t value = 0;
  std::size_t length = 0;  // bytes it takes in the text, 1 to 4
};

// The UTF-8 sequence at the start of `text`, or nullopt when there is none: an empty text,
// a byte that cannot begin a sequence, a sequence cut short or broken by a byte that is not
// a continuation, an overlong form, a surrogate (U+D800-U+DFFF) or a value past U+10FFFF.
// Only the first character is read; the bytes after it may be anything.
std::optional<CodePoint> DecodeUtf8(std::string_view text);

// True when every character of `text` is an XML 1.0 Char: valid UTF-8 without the control
// bytes 0x00-0x1F (tab, LF and CR excepted), surrogates, U+FFFE or U+FFFF. Such a text can
// be sent in an XML body (a key in DeleteObjects, a deployment's prefix in a lifecycle rule);
// any other must travel in a URL or not at all.
bool XmlCanCarry(std::string_view text);

}  // namespace s3prune::util
