#include "s3/xml/xml_escape.h"

#include "util/utf8.h"

namespace s3prune::s3 {

bool XmlCanCarry(std::string_view text) { return util::XmlCanCarry(text); }

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
