#include "s3/credentials/sso.h"

#include <nlohmann/json.hpp>

#include "s3/core/digest.h"
#include "s3/core/timestamp.h"
#include "s3/core/uri_encode.h"

namespace s3prune::s3 {
namespace {

constexpr std::chrono::seconds kPortalTimeout{10};

std::unexpected<Error> LoginAgain(const SsoSettings& settings, const std::string& why) {
  return std::unexpected(MakeError(ErrorCode::kExpiredToken,
      "the SSO session of profile '" + settings.profile + "' " + why + ": run aws sso login --profile " + settings.profile));
}

// "2026-12-03T15:00:00Z"; older CLIs wrote "2026-12-03T15:00:00UTC".
std::optional<Timestamp> ParseExpiresAt(std::string text) {
  if (text.ends_with("UTC")) text.replace(text.size() - 3, 3, "Z");
  return ParseTimestamp(text);
}

}  // namespace

Result<Credentials> SsoRoleCredentials(const ProviderIo& io, const SsoSettings& settings) {
  const std::string path = io.env("HOME").value_or("") + "/.aws/sso/cache/" + Sha1Hex(settings.cache_key) + ".json";
  auto text = io.read_file(path);
  if (!text) return LoginAgain(settings, "has no cached token (" + path + ")");
  const nlohmann::json cached = nlohmann::json::parse(*text, nullptr, false);
  if (cached.is_discarded() || !cached.is_object() || !cached.contains("accessToken") ||
      !cached["accessToken"].is_string() || !cached.contains("expiresAt") || !cached["expiresAt"].is_string()) {
    return LoginAgain(settings, "has an unreadable cached token (" + path + ")");
  }
  auto expires = ParseExpiresAt(cached["expiresAt"].get<std::string>());
  if (!expires || *expires <= io.clock()) return LoginAgain(settings, "has expired");

  const std::string base = io.env("AWS_ENDPOINT_URL_SSO").value_or("https://portal.sso." + settings.sso_region + ".amazonaws.com");
  HttpRequest request{"GET",
                      base + "/federation/credentials?account_id=" + UriEncode(settings.account_id, SlashEncoding::kEncode) +
                          "&role_name=" + UriEncode(settings.role_name, SlashEncoding::kEncode),
                      {{"x-amz-sso_bearer_token", cached["accessToken"].get<std::string>()}},
                      ""};
  auto reply = io.http(request, kPortalTimeout);
  if (!reply) {
    return std::unexpected(MakeError(ErrorCode::kNetwork, "the SSO portal " + base + " did not answer: " + reply.error().message));
  }
  if (reply->status == 401 || reply->status == 403) return LoginAgain(settings, "was refused by the portal");
  const nlohmann::json body = nlohmann::json::parse(reply->body, nullptr, false);
  const nlohmann::json* role = body.is_object() && body.contains("roleCredentials") ? &body["roleCredentials"] : nullptr;
  if (reply->status != 200 || role == nullptr || !role->is_object() || !(*role)["accessKeyId"].is_string() ||
      !(*role)["secretAccessKey"].is_string() || !(*role)["sessionToken"].is_string() ||
      !(*role)["expiration"].is_number_integer()) {
    return std::unexpected(MakeError(ErrorCode::kNoCredentials,
        "the SSO portal gave no role credentials for " + settings.account_id + "/" + settings.role_name + " (HTTP " +
            std::to_string(reply->status) + ")"));
  }
  Credentials credentials{(*role)["accessKeyId"].get<std::string>(), (*role)["secretAccessKey"].get<std::string>(),
                          (*role)["sessionToken"].get<std::string>(), std::nullopt};
  credentials.expiration = std::chrono::system_clock::time_point(std::chrono::milliseconds((*role)["expiration"].get<std::int64_t>()));
  return credentials;
}

}  // namespace s3prune::s3
