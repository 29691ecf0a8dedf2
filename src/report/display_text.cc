#include "report/display_text.h"

#include <locale.h>
#include <wchar.h>

#include <cstdio>
#include <optional>

namespace s3prune::report {
namespace {

struct CodePoint {
  char32_t value = 0;
  std::size_t length = 0;  // bytes
};

// The UTF-8 sequence at the start of `text`, or nullopt when it is not valid UTF-8 (overlong
// forms, surrogates and values past U+10FFFF included).
std::optional<CodePoint> DecodeUtf8(std::string_view text) {
  const auto byte = [&](std::size_t at) { return static_cast<unsigned char>(text[at]); };
  const unsigned char lead = byte(0);
  if (lead < 0x80) return CodePoint{lead, 1};
  std::size_t length = 0;
  char32_t value = 0;
  char32_t minimum = 0;
  if ((lead & 0xE0) == 0xC0) {
    length = 2, value = lead & 0x1F, minimum = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3, value = lead & 0x0F, minimum = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4, value = lead & 0x07, minimum = 0x10000;
  } else {
    return std::nullopt;
  }
  if (text.size() < length) return std::nullopt;
  for (std::size_t at = 1; at < length; ++at) {
    if ((byte(at) & 0xC0) != 0x80) return std::nullopt;
    value = (value << 6) | (byte(at) & 0x3F);
  }
  if (value < minimum || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) return std::nullopt;
  return CodePoint{value, length};
}

bool InvisibleFormat(char32_t c) {
  return (c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2060 && c <= 0x2069) ||
         c == 0xFEFF;
}

void AppendHexByte(std::string& out, unsigned char byte) {
  char text[8];
  std::snprintf(text, sizeof text, "\\x%02X", byte);
  out += text;
}

// wcwidth under a UTF-8 locale of its own, whatever the process's locale is.
int ColumnsOf(char32_t c) {
  static const locale_t utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(0));
  if (c < 0x80 || utf8 == static_cast<locale_t>(0)) return 1;
  const locale_t previous = uselocale(utf8);
  const int columns = wcwidth(static_cast<wchar_t>(c));
  uselocale(previous);
  return columns < 0 ? 1 : columns;
}

}  // namespace

std::string Printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  while (!text.empty()) {
    const auto point = DecodeUtf8(text);
    if (!point) {
      AppendHexByte(out, static_cast<unsigned char>(text.front()));
      text.remove_prefix(1);
      continue;
    }
    const char32_t c = point->value;
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c < 0x20 || c == 0x7F) {
      AppendHexByte(out, static_cast<unsigned char>(c));
    } else if (c >= 0x80 && c < 0xA0) {  // C1 controls (CSI is 0x9B)
      for (std::size_t at = 0; at < point->length; ++at) AppendHexByte(out, static_cast<unsigned char>(text[at]));
    } else if (InvisibleFormat(c)) {
      char escaped[16];
      std::snprintf(escaped, sizeof escaped, "\\u{%04X}", static_cast<unsigned>(c));
      out += escaped;
    } else {
      out += text.substr(0, point->length);
    }
    text.remove_prefix(point->length);
  }
  return out;
}

std::size_t DisplayWidth(std::string_view text) {
  std::size_t columns = 0;
  while (!text.empty()) {
    const auto point = DecodeUtf8(text);
    columns += point ? static_cast<std::size_t>(ColumnsOf(point->value)) : 1;
    text.remove_prefix(point ? point->length : 1);
  }
  return columns;
}

std::string FitWidth(std::string_view text, std::size_t columns) {
  if (DisplayWidth(text) <= columns) return std::string(text);
  std::string out;
  std::size_t used = 0;
  while (!text.empty()) {
    const auto point = DecodeUtf8(text);
    const std::size_t length = point ? point->length : 1;
    const std::size_t width = point ? static_cast<std::size_t>(ColumnsOf(point->value)) : 1;
    if (used + width > columns - 1) break;
    out += text.substr(0, length);
    used += width;
    text.remove_prefix(length);
  }
  return out + "…";
}

}  // namespace s3prune::report
