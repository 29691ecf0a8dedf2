// The shared files of the AWS CLI and SDKs: ~/.aws/credentials and ~/.aws/config (or
// AWS_SHARED_CREDENTIALS_FILE, AWS_CONFIG_FILE), which profile to read (--profile,
// AWS_PROFILE, "default"), and the S3 settings a profile carries (region, endpoint_url, the
// `services` section's s3 endpoint_url, s3 addressing_style), read as the AWS CLI reads them.
// Reads files through the ReadFile it is given.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "s3/credentials/ini_file.h"
#include "s3/credentials/provider.h"

namespace s3prune::s3 {

struct SharedFilesLocation {
  std::string credentials_path;  // AWS_SHARED_CREDENTIALS_FILE or ~/.aws/credentials
  std::string config_path;       // AWS_CONFIG_FILE or ~/.aws/config
  std::string profile;           // --profile, AWS_PROFILE, else "default"
  // A named profile must exist; "default" need not. A --profile flag also outranks
  // environment keys, as in the AWS CLI.
  enum class ProfileSource { kDefault, kEnvironment, kFlag } profile_source = ProfileSource::kDefault;
};

SharedFilesLocation LocateSharedFiles(const EnvLookup& env, std::string_view profile_flag);

// Both files, parsed once (a missing file is empty).
struct SharedFiles {
  SharedFilesLocation location;
  IniFile credentials;
  IniFile config;
};
SharedFiles ReadSharedFiles(const SharedFilesLocation& location, const ReadFile& read_file);

// The settings of profile `name`: its config section ("[profile NAME]", "[default]") with
// its credentials-file section laid over it; nullopt when neither file has it.
std::optional<IniSection> ProfileSettings(const SharedFiles& files, const std::string& name);

// A section of the config file other than a profile: "[sso-session NAME]", "[services NAME]".
const IniSection* ConfigSection(const SharedFiles& files, const std::string& header);

// The selected profile's S3 settings, "" where it sets none.
struct ProfileS3Settings {
  std::string region;
  std::string endpoint_url;      // services' s3 endpoint_url, else the profile's endpoint_url
  std::string addressing_style;  // s3 = addressing_style (auto, path, virtual)
};
ProfileS3Settings S3SettingsOf(const SharedFiles& files);

// The value of `key` in `settings`, or nullopt when absent or empty.
std::optional<std::string> Setting(const IniSection& settings, const std::string& key);

}  // namespace s3prune::s3
