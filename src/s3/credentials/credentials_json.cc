#include "s3/credentials/credentials_json.h"

#include <nlohmann/json.hpp>

#include "s3/core/timestamp.h"

namespace s3prune::s3 {
namespace {

std::unexpected<Error> Bad(std::string_view source, const std::string& problem) {
  return std::unexpected(MakeError(ErrorCode::kNoCredentials, std::string(source) + ": " + problem));
}

std::optional<std::string> StringField(const nlohmann::json& document, const char* name) {
  const auto it = document.find(name);
  if (it == document.end() || !it->is_string() || it->get<std::string>().empty()) return std::nullopt;
  return it->get<std::string>();
}

}  // namespace

Result<Credentials> ParseCredentialsDocument(std::string_view json, CredentialsDocument kind, std::string_view source) {
  const nlohmann::json document = nlohmann::json::parse(json, nullptr, false);
  if (document.is_discarded() || !document.is_object()) return Bad(source, "the reply is not a JSON object");
  if (kind == CredentialsDocument::kProcess) {
    const auto version = document.find("Version");
    if (version == document.end() || !version->is_number_integer() || version->get<int>() != 1) {
      return Bad(source, "\"Version\" must be 1");
    }
  }
  auto id = StringField(document, "AccessKeyId");
  auto secret = StringField(document, "SecretAccessKey");
  if (!id) return Bad(source, "no \"AccessKeyId\"");
  if (!secret) return Bad(source, "no \"SecretAccessKey\"");
  Credentials credentials{*id, *secret, "", std::nullopt};
  const char* token_field = kind == CredentialsDocument::kProcess ? "SessionToken" : "Token";
  if (auto token = StringField(document, token_field)) credentials.session_token = *token;
  if (document.contains("Expiration")) {
    auto text = StringField(document, "Expiration");
    auto expiration = text ? ParseTimestamp(*text) : std::nullopt;
    if (!expiration) return Bad(source, "\"Expiration\" is not an RFC 3339 time");
    credentials.expiration = *expiration;
  }
  return credentials;
}

}  // namespace s3prune::s3
