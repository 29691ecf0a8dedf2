#include "s3/xml/xml_sts.h"

#include "s3/xml/xml_reply.h"

namespace s3prune::s3 {

Result<Credentials> ParseStsCredentials(std::string_view xml, std::string_view action) {
  const std::string response = std::string(action) + "Response";
  const std::string result = std::string(action) + "Result";
  pugi::xml_document document;
  auto root = ParseReply(document, xml, response.c_str());
  if (!root) return std::unexpected(root.error());
  const pugi::xml_node credentials = root->child(result.c_str()).child("Credentials");
  if (!credentials) return std::unexpected(MalformedReply(response, "no <" + result + "><Credentials>"));
  EntryReader reader(credentials);
  Credentials out{reader.NonEmptyText("AccessKeyId"), reader.NonEmptyText("SecretAccessKey"),
                  reader.OptionalText("SessionToken"), std::nullopt};
  out.expiration = reader.Time("Expiration");
  if (reader.problem()) return std::unexpected(MalformedReply(response, *reader.problem()));
  return out;
}

}  // namespace s3prune::s3
