#include "s3/xml/xml_escape.h"

#include "util/utf8.h"

namespace s3prune::s3 {
namespace {

// The Char production of XML 1.0.
bool IsXmlChar(char32_t c) {
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
         (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

}  // namespace

bool XmlCanCarry(std::string_view text) {
  while (!text.empty()) {
    const auto point = util::DecodeUtf8(text);
    if (!point || !IsXmlChar(point->value)) return false;
    text.remove_prefix(point->length);
  }
  return true;
}

void AppendXmlText(std::string& out, std::string_view text) {
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '\t': out += "&#x9;"; break;
      case '\n': out += "&#xA;"; break;
      case '\r': out += "&#xD;"; break;
      default: out += c;
    }
  }
}

void AppendXmlElement(std::string& out, std::string_view name, std::string_view text) {
  out.append("<").append(name).append(">");
  AppendXmlText(out, text);
  out.append("</").append(name).append(">");
}

}  // namespace s3prune::s3
