#include "s3/credentials/profile_provider.h"

#include <charconv>

#include "s3/credentials/credential_process.h"
#include "s3/credentials/endpoint_providers.h"
#include "s3/credentials/environment_provider.h"
#include "s3/credentials/sso.h"
#include "s3/credentials/sts.h"
#include "s3/credentials/web_identity_provider.h"

namespace s3prune::s3 {
namespace {

constexpr std::size_t kMaxRoleChain = 5;

std::unexpected<Error> Broken(const std::string& profile, const std::string& problem) {
  return std::unexpected(MakeError(ErrorCode::kNoCredentials, "profile '" + profile + "' " + problem));
}

// The profile's key pair; nothing when it sets neither half. Half a pair is an error, as in
// the environment and the AWS CLI (PartialCredentialsError): skipping it would let a later
// provider (a container role, the instance's) run as another identity.
Result<std::optional<Credentials>> StaticKeys(const std::string& profile, const IniSection& settings) {
  auto id = Setting(settings, "aws_access_key_id");
  auto secret = Setting(settings, "aws_secret_access_key");
  if (!id && !secret) return std::nullopt;
  if (!id || !secret) {
    return Broken(profile, std::string(id ? "sets aws_access_key_id but not aws_secret_access_key"
                                          : "sets aws_secret_access_key but not aws_access_key_id") +
                               ": set both, or neither");
  }
  return Credentials{*id, *secret, Setting(settings, "aws_session_token").value_or(""), std::nullopt};
}

Result<std::optional<int>> DurationOf(const std::string& profile, const IniSection& settings) {
  auto text = Setting(settings, "duration_seconds");
  if (!text) return std::nullopt;
  int seconds = 0;
  const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), seconds);
  if (error != std::errc{} || end != text->data() + text->size() || seconds < 900 || seconds > 43200) {
    return Broken(profile, "has duration_seconds '" + *text + "': use a whole number from 900 to 43200");
  }
  return seconds;
}

Result<Lookup> FromCredentialSource(const ProviderIo& io, const std::string& profile, const std::string& source) {
  if (source == "Environment") return EnvironmentProvider(io.env).Load();
  if (source == "Ec2InstanceMetadata") return InstanceMetadataProvider(io).Load();
  if (source == "EcsContainer") return ContainerProvider(io).Load();
  return Broken(profile, "has credential_source '" + source + "': use Environment, Ec2InstanceMetadata or EcsContainer");
}

Result<Lookup> Found(Result<Credentials> credentials) {
  if (!credentials) return std::unexpected(credentials.error());
  return Lookup{std::move(*credentials), ""};
}

}  // namespace

Result<Lookup> ProfileProvider::Load() {
  const SharedFiles files = ReadSharedFiles(location_, io_.read_file);
  if (!ProfileSettings(files, location_.profile)) {
    if (location_.profile_source == SharedFilesLocation::ProfileSource::kDefault) {
      return Lookup{std::nullopt, "no [default] in " + location_.credentials_path + " or " + location_.config_path};
    }
    return std::unexpected(MakeError(ErrorCode::kBadConfig,
        "profile '" + location_.profile + "' is not in " + location_.credentials_path + " or " + location_.config_path +
            ": check --profile / AWS_PROFILE"));
  }
  std::set<std::string> visited;
  return Resolve(files, location_.profile, visited);
}

Result<Lookup> ProfileProvider::Resolve(const SharedFiles& files, const std::string& name, std::set<std::string>& visited) {
  const auto settings = ProfileSettings(files, name);
  if (!settings) return Broken(name, "is not in " + location_.config_path + " (named as a source_profile)");
  if (Setting(*settings, "role_arn")) return AssumeRoleOf(files, name, *settings, visited);
  if (auto session = Setting(*settings, "sso_session")) {
    const IniSection* sso = ConfigSection(files, "sso-session " + *session);
    if (sso == nullptr) return Broken(name, "names sso_session '" + *session + "', which has no [sso-session] section");
    return Found(SsoRoleCredentials(io_, {name, *session, Setting(*sso, "sso_region").value_or(""),
                                          Setting(*settings, "sso_account_id").value_or(""),
                                          Setting(*settings, "sso_role_name").value_or("")}));
  }
  if (auto start_url = Setting(*settings, "sso_start_url")) {
    return Found(SsoRoleCredentials(io_, {name, *start_url, Setting(*settings, "sso_region").value_or(""),
                                          Setting(*settings, "sso_account_id").value_or(""),
                                          Setting(*settings, "sso_role_name").value_or("")}));
  }
  auto keys = StaticKeys(name, *settings);
  if (!keys) return std::unexpected(keys.error());
  if (*keys) return Lookup{std::move(**keys), ""};
  if (auto command = Setting(*settings, "credential_process")) return Found(RunCredentialProcess(io_, *command));
  return Lookup{std::nullopt, "profile '" + name + "' sets no credentials"};
}

Result<Lookup> ProfileProvider::AssumeRoleOf(const SharedFiles& files, const std::string& name,
                                             const IniSection& settings, std::set<std::string>& visited) {
  if (Setting(settings, "mfa_serial")) {
    return Broken(name, "needs an MFA code (mfa_serial), which s3prune cannot ask for unattended: use a role without "
                        "MFA, or export temporary keys (aws configure export-credentials --format env)");
  }
  if (!visited.insert(name).second || visited.size() > kMaxRoleChain) {
    return Broken(name, "is part of a source_profile loop or a chain longer than 5 roles");
  }
  auto duration = DurationOf(name, settings);
  if (!duration) return std::unexpected(duration.error());
  const std::string region = Setting(settings, "region").value_or(region_);
  const AssumeRoleRequest request{*Setting(settings, "role_arn"), Setting(settings, "role_session_name").value_or(""),
                                  Setting(settings, "external_id").value_or(""), *duration};
  const std::string sts = StsEndpoint(io_.env, region);
  if (auto token_file = Setting(settings, "web_identity_token_file")) {
    return Found(WebIdentityCredentials(io_, {*token_file, request, sts}));
  }
  auto source_profile = Setting(settings, "source_profile");
  auto credential_source = Setting(settings, "credential_source");
  if (source_profile && credential_source) return Broken(name, "sets both source_profile and credential_source: keep one");
  Result<Lookup> source = Lookup{};
  if (credential_source) {
    source = FromCredentialSource(io_, name, *credential_source);
  } else if (!source_profile) {
    return Broken(name, "has role_arn but no source_profile, credential_source or web_identity_token_file");
  } else if (*source_profile == name) {
    // A profile that is its own source signs with its own static keys.
    auto keys = StaticKeys(name, settings);
    if (!keys) return std::unexpected(keys.error());
    if (!*keys) return Broken(name, "is its own source_profile but has no aws_access_key_id");
    source = Lookup{std::move(**keys), ""};
  } else {
    source = Resolve(files, *source_profile, visited);
  }
  if (!source) return std::unexpected(source.error());
  if (!source->credentials) {
    return Broken(name, "found no credentials to assume its role with: " + source->none_because);
  }
  return Found(AssumeRole(io_, sts, region, *source->credentials, request));
}

}  // namespace s3prune::s3
