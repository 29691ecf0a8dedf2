// AWS credentials and where they come from. A chain of providers is tried in order and the
// first that finds credentials wins: the environment (AWS_ACCESS_KEY_ID, ...), then the
// shared files (~/.aws/credentials and ~/.aws/config, for --profile / AWS_PROFILE).
// Providers for SSO, roles and instance metadata can be added to the chain later.
// Environment access goes through an injected lookup so tests need not touch the process.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "s3/core/error.h"

namespace s3prune::s3 {

struct Credentials {
  std::string access_key_id;
  std::string secret_access_key;
  std::string session_token;  // empty unless temporary credentials
};

using EnvLookup = std::function<std::optional<std::string>(std::string_view name)>;

// Looks names up in the process environment; unset and empty are both nullopt.
EnvLookup ProcessEnvironment();

// Where the shared files are and which profile to read.
struct SharedFilesLocation {
  std::string credentials_path;  // AWS_SHARED_CREDENTIALS_FILE or ~/.aws/credentials
  std::string config_path;       // AWS_CONFIG_FILE or ~/.aws/config
  std::string profile;           // --profile, AWS_PROFILE, else "default"
  // A named profile must exist; "default" need not. A --profile flag also outranks
  // environment keys, as in the AWS CLI.
  enum class ProfileSource { kDefault, kEnvironment, kFlag } profile_source = ProfileSource::kDefault;
};

SharedFilesLocation LocateSharedFiles(const EnvLookup& env, std::string_view profile_flag);

class CredentialsProvider {
 public:
  virtual ~CredentialsProvider() = default;
  // nullopt: this provider has nothing; an error: it has something broken to report.
  virtual Result<std::optional<Credentials>> Load() const = 0;
};

class EnvironmentCredentials : public CredentialsProvider {
 public:
  explicit EnvironmentCredentials(EnvLookup env) : env_(std::move(env)) {}
  Result<std::optional<Credentials>> Load() const override;

 private:
  EnvLookup env_;
};

class SharedFileCredentials : public CredentialsProvider {
 public:
  explicit SharedFileCredentials(SharedFilesLocation location) : location_(std::move(location)) {}
  Result<std::optional<Credentials>> Load() const override;

 private:
  SharedFilesLocation location_;
};

class CredentialsChain {
 public:
  void Add(std::unique_ptr<CredentialsProvider> provider) { providers_.push_back(std::move(provider)); }
  // The first provider's credentials; kNoCredentials, saying how to fix it, when none has any.
  Result<Credentials> Resolve() const;

 private:
  std::vector<std::unique_ptr<CredentialsProvider>> providers_;
};

// The standard chain. An explicit --profile outranks environment keys, as in the AWS CLI.
CredentialsChain DefaultCredentialsChain(const EnvLookup& env, const SharedFilesLocation& files);

// The profile's region from the config file, or "" when it sets none.
std::string ProfileRegion(const SharedFilesLocation& files);

}  // namespace s3prune::s3
