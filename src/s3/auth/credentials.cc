#include "s3/auth/credentials.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "s3/auth/ini_file.h"

namespace s3prune::s3 {
namespace {

std::optional<IniFile> ReadIniFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return ParseIni(text.str());
}

// In ~/.aws/config every profile but "default" is written "[profile NAME]".
const IniSection* ConfigSection(const IniFile& config, const std::string& profile) {
  auto it = config.find(profile == "default" ? profile : "profile " + profile);
  if (it == config.end()) it = config.find(profile);
  return it == config.end() ? nullptr : &it->second;
}

std::optional<Credentials> KeysIn(const IniSection& section) {
  const auto id = section.find("aws_access_key_id");
  const auto secret = section.find("aws_secret_access_key");
  if (id == section.end() || secret == section.end()) return std::nullopt;
  Credentials credentials{id->second, secret->second, ""};
  if (auto token = section.find("aws_session_token"); token != section.end()) {
    credentials.session_token = token->second;
  }
  return credentials;
}

}  // namespace

EnvLookup ProcessEnvironment() {
  return [](std::string_view name) -> std::optional<std::string> {
    const char* value = std::getenv(std::string(name).c_str());
    if (value == nullptr || *value == '\0') return std::nullopt;
    return std::string(value);
  };
}

SharedFilesLocation LocateSharedFiles(const EnvLookup& env, std::string_view profile_flag) {
  SharedFilesLocation location;
  const std::string home = env("HOME").value_or("");
  location.credentials_path = env("AWS_SHARED_CREDENTIALS_FILE").value_or(home + "/.aws/credentials");
  location.config_path = env("AWS_CONFIG_FILE").value_or(home + "/.aws/config");
  if (!profile_flag.empty()) {
    location.profile = std::string(profile_flag);
    location.profile_source = SharedFilesLocation::ProfileSource::kFlag;
  } else if (auto profile = env("AWS_PROFILE")) {
    location.profile = *profile;
    location.profile_source = SharedFilesLocation::ProfileSource::kEnvironment;
  } else {
    location.profile = "default";
  }
  return location;
}

Result<std::optional<Credentials>> EnvironmentCredentials::Load() const {
  auto id = env_("AWS_ACCESS_KEY_ID");
  auto secret = env_("AWS_SECRET_ACCESS_KEY");
  if (!id && !secret) return std::nullopt;
  if (!id || !secret) {
    return std::unexpected(MakeError(ErrorCode::kNoCredentials,
        std::string(id ? "AWS_SECRET_ACCESS_KEY" : "AWS_ACCESS_KEY_ID") +
            " is not set but its partner is: set both, or neither to use a profile"));
  }
  return Credentials{*id, *secret, env_("AWS_SESSION_TOKEN").value_or("")};
}

Result<std::optional<Credentials>> SharedFileCredentials::Load() const {
  const auto credentials_file = ReadIniFile(location_.credentials_path);
  const auto config_file = ReadIniFile(location_.config_path);
  const IniSection* credentials_section = nullptr;
  if (credentials_file) {
    if (auto it = credentials_file->find(location_.profile); it != credentials_file->end()) {
      credentials_section = &it->second;
    }
  }
  const IniSection* config_section = config_file ? ConfigSection(*config_file, location_.profile) : nullptr;
  if (credentials_section == nullptr && config_section == nullptr) {
    if (location_.profile_source == SharedFilesLocation::ProfileSource::kDefault) return std::nullopt;
    return std::unexpected(MakeError(ErrorCode::kBadConfig,
        "profile '" + location_.profile + "' is not in " + location_.credentials_path + " or " +
            location_.config_path + ": check --profile / AWS_PROFILE"));
  }
  if (credentials_section != nullptr) {
    if (auto keys = KeysIn(*credentials_section)) return keys;
  }
  if (config_section != nullptr) {
    if (auto keys = KeysIn(*config_section)) return keys;
    if (config_section->contains("role_arn") || config_section->contains("sso_session") ||
        config_section->contains("sso_start_url") || config_section->contains("credential_process")) {
      return std::unexpected(MakeError(ErrorCode::kNoCredentials,
          "profile '" + location_.profile + "' uses roles, SSO or credential_process, which s3prune "
              "does not support yet: export keys with `aws configure export-credentials --format env`"));
    }
  }
  return std::nullopt;
}

Result<Credentials> CredentialsChain::Resolve() const {
  for (const auto& provider : providers_) {
    auto found = provider->Load();
    if (!found) return std::unexpected(found.error());
    if (*found) return **found;
  }
  return std::unexpected(MakeError(ErrorCode::kNoCredentials,
      "no AWS credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or add a "
      "profile to ~/.aws/credentials and pass --profile"));
}

CredentialsChain DefaultCredentialsChain(const EnvLookup& env, const SharedFilesLocation& files) {
  CredentialsChain chain;
  if (files.profile_source != SharedFilesLocation::ProfileSource::kFlag) {
    chain.Add(std::make_unique<EnvironmentCredentials>(env));
  }
  chain.Add(std::make_unique<SharedFileCredentials>(files));
  return chain;
}

std::string ProfileRegion(const SharedFilesLocation& files) {
  const auto config_file = ReadIniFile(files.config_path);
  if (!config_file) return {};
  const IniSection* section = ConfigSection(*config_file, files.profile);
  if (section == nullptr) return {};
  auto region = section->find("region");
  return region == section->end() ? std::string() : region->second;
}

}  // namespace s3prune::s3
