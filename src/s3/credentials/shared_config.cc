#include "s3/credentials/shared_config.h"

namespace s3prune::s3 {

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

SharedFiles ReadSharedFiles(const SharedFilesLocation& location, const ReadFile& read_file) {
  SharedFiles files{location, {}, {}};
  if (auto text = read_file(location.credentials_path)) files.credentials = ParseIni(*text);
  if (auto text = read_file(location.config_path)) files.config = ParseIni(*text);
  return files;
}

const IniSection* ConfigSection(const SharedFiles& files, const std::string& header) {
  const auto it = files.config.find(header);
  return it == files.config.end() ? nullptr : &it->second;
}

std::optional<IniSection> ProfileSettings(const SharedFiles& files, const std::string& name) {
  // In ~/.aws/config every profile but "default" is written "[profile NAME]".
  const IniSection* config = ConfigSection(files, name == "default" ? name : "profile " + name);
  if (config == nullptr) config = ConfigSection(files, name);
  const auto credentials = files.credentials.find(name);
  if (config == nullptr && credentials == files.credentials.end()) return std::nullopt;
  IniSection settings = config != nullptr ? *config : IniSection{};
  if (credentials != files.credentials.end()) {
    for (const auto& [key, value] : credentials->second) settings[key] = value;
  }
  return settings;
}

std::optional<std::string> Setting(const IniSection& settings, const std::string& key) {
  const auto it = settings.find(key);
  if (it == settings.end() || it->second.empty()) return std::nullopt;
  return it->second;
}

ProfileS3Settings S3SettingsOf(const SharedFiles& files) {
  ProfileS3Settings s3;
  const auto settings = ProfileSettings(files, files.location.profile);
  if (!settings) return s3;
  s3.region = Setting(*settings, "region").value_or("");
  s3.endpoint_url = Setting(*settings, "endpoint_url").value_or("");
  s3.addressing_style = Setting(*settings, "s3.addressing_style").value_or("");
  if (auto services = Setting(*settings, "services")) {
    if (const IniSection* section = ConfigSection(files, "services " + *services)) {
      if (auto url = Setting(*section, "s3.endpoint_url")) s3.endpoint_url = *url;
    }
  }
  return s3;
}

}  // namespace s3prune::s3
