// Writing text into the XML bodies s3prune sends (DeleteObjects, lifecycle rules), and the
// test of whether a text can be sent in XML at all. XML 1.0 cannot carry most control bytes
// or invalid UTF-8 even as character references, so an object key holding them must travel
// in a URL instead (DeleteObject), never in a body.
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace s3prune::s3 {

// util::XmlCanCarry (util/utf8.h): every character of `text` is an XML 1.0 Char.
bool XmlCanCarry(std::string_view text);

// Appends `text` as element content. '&', '<' and '>' are escaped; tab, LF and CR are
// written as &#x9; &#xA; &#xD; because a parser normalises them when raw (CR LF becomes LF),
// and the server would then act on a different key.
// REQUIRES: XmlCanCarry(text); other bytes are copied as they are and the server rejects them.
void AppendXmlText(std::string& out, std::string_view text);

// Appends <name>text</name>, the text as AppendXmlText writes it.
void AppendXmlElement(std::string& out, std::string_view name, std::string_view text);

}  // namespace s3prune::s3
