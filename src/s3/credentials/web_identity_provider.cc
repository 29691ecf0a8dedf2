#include "s3/credentials/web_identity_provider.h"

#include "util/text.h"

namespace s3prune::s3 {

Result<Credentials> WebIdentityCredentials(const ProviderIo& io, const WebIdentitySettings& settings) {
  const auto token = io.read_file(settings.token_file);
  const std::string_view trimmed = token ? util::Trim(*token, util::kBlanksAndNewlines) : std::string_view{};
  if (trimmed.empty()) {
    return std::unexpected(MakeError(ErrorCode::kNoCredentials,
        "cannot read the web identity token file " + settings.token_file + " (AWS_WEB_IDENTITY_TOKEN_FILE)"));
  }
  return AssumeRoleWithWebIdentity(io, settings.sts_endpoint, settings.role, std::string(trimmed));
}

Result<Lookup> WebIdentityProvider::Load() {
  auto token_file = io_.env("AWS_WEB_IDENTITY_TOKEN_FILE");
  auto role_arn = io_.env("AWS_ROLE_ARN");
  if (!token_file && !role_arn) return Lookup{std::nullopt, "AWS_WEB_IDENTITY_TOKEN_FILE is not set"};
  if (!token_file || !role_arn) {
    return std::unexpected(MakeError(ErrorCode::kNoCredentials,
        std::string(token_file ? "AWS_ROLE_ARN" : "AWS_WEB_IDENTITY_TOKEN_FILE") +
            " is not set but its partner is: web identity needs both"));
  }
  WebIdentitySettings settings{*token_file, {*role_arn, io_.env("AWS_ROLE_SESSION_NAME").value_or(""), "", std::nullopt},
                               StsEndpoint(io_.env, region_)};
  auto credentials = WebIdentityCredentials(io_, settings);
  if (!credentials) return std::unexpected(credentials.error());
  return Lookup{std::move(*credentials), ""};
}

}  // namespace s3prune::s3
