#include "s3/xml/xml_delete.h"

#include <pugixml.hpp>

#include "s3/xml/xml_reply.h"

namespace s3prune::s3 {
namespace {

constexpr const char* kResultRoot = "DeleteResult";

Error EntryError(pugi::xml_node entry, std::size_t index, std::string_view problem) {
  std::string detail = std::string("<") + entry.name() + "> #" + std::to_string(index) + ": ";
  detail.append(problem);
  return MalformedReply(kResultRoot, detail);
}

}  // namespace

std::string BuildDeleteObjectsBody(std::span<const ObjectIdentifier> objects) {
  std::string body = R"(<Delete xmlns="http://s3.amazonaws.com/doc/2006-03-01/">)";
  body += "<Quiet>true</Quiet>";
  for (const ObjectIdentifier& object : objects) {
    body += "<Object>";
    AppendXmlElement(body, "Key", object.key);
    if (!object.version_id.empty()) AppendXmlElement(body, "VersionId", object.version_id);
    body += "</Object>";
  }
  body += "</Delete>";
  return body;
}

Result<DeleteObjectsResult> ParseDeleteObjectsResult(std::string_view xml) {
  pugi::xml_document document;
  const auto root = ParseReply(document, xml, kResultRoot);
  if (!root) return std::unexpected(root.error());

  DeleteObjectsResult result;
  std::size_t deleted_index = 0;
  std::size_t error_index = 0;
  for (const pugi::xml_node entry : root->children()) {
    const std::string_view name = entry.name();
    if (name == "Deleted") {
      ++deleted_index;
      EntryReader reader(entry);
      ObjectIdentifier object{.key = reader.NonEmptyText("Key"),
                              .version_id = reader.OptionalText("VersionId")};
      if (reader.problem()) {
        return std::unexpected(EntryError(entry, deleted_index, *reader.problem()));
      }
      result.deleted.push_back(std::move(object));
    } else if (name == "Error") {
      ++error_index;
      EntryReader reader(entry);
      // Code and Message are kept even when absent: the failure itself must still be reported.
      DeleteFailure failure{
          .object = {.key = reader.NonEmptyText("Key"),
                     .version_id = reader.OptionalText("VersionId")},
          .code = reader.OptionalText("Code"),
          .message = reader.OptionalText("Message"),
      };
      if (reader.problem()) {
        return std::unexpected(EntryError(entry, error_index, *reader.problem()));
      }
      result.failures.push_back(std::move(failure));
    }
  }
  return result;
}

}  // namespace s3prune::s3
