#include "s3/xml/xml_error.h"

#include <pugixml.hpp>

#include "s3/xml/xml_reply.h"

namespace s3prune::s3 {

std::optional<ErrorBody> ParseErrorBody(std::string_view xml) {
  pugi::xml_document document;
  pugi::xml_node error;
  if (const auto root = ParseReply(document, xml, "Error")) {
    error = *root;
  } else if (const auto wrapper = ParseReply(document, xml, "ErrorResponse")) {
    error = wrapper->child("Error");
  } else {
    return std::nullopt;
  }
  ErrorBody body{
      .code = ChildText(error, "Code").value_or(""),
      .message = ChildText(error, "Message").value_or(""),
      .request_id = ChildText(error, "RequestId")
                        .or_else([&] { return ChildText(error.parent(), "RequestId"); })
                        .value_or(""),
      .region = ChildText(error, "Region").value_or(""),
      .endpoint = ChildText(error, "Endpoint").value_or(""),
  };
  if (body.code.empty()) return std::nullopt;
  return body;
}

}  // namespace s3prune::s3
