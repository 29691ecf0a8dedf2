#include "report/display_text.h"

#include <locale.h>
#include <wchar.h>

#include <cstdio>

#include "util/utf8.h"

namespace s3prune::report {
namespace {

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
    const auto point = util::DecodeUtf8(text);
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
    const auto point = util::DecodeUtf8(text);
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
    const auto point = util::DecodeUtf8(text);
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
