// Credentials of a shared-file profile, in the AWS CLI's order of precedence:
// 1. role_arn: STS AssumeRole signed with the credentials of source_profile (itself a
//    profile, chained up to 5 deep) or of credential_source (Environment,
//    Ec2InstanceMetadata, EcsContainer); with web_identity_token_file instead, a web
//    identity. role_session_name, external_id and duration_seconds are passed on;
//    mfa_serial is refused (there is nobody to type a code in a cron job).
// 2. sso_session (with its [sso-session NAME] section) or the legacy sso_start_url.
// 3. aws_access_key_id and aws_secret_access_key (aws_session_token optional); one without
//    the other is an error, never nothing found.
// 4. credential_process.
// A profile named by --profile or AWS_PROFILE that is in neither file is an error; an
// absent "default" is simply nothing found.
#pragma once

#include <set>

#include "s3/credentials/provider.h"
#include "s3/credentials/shared_config.h"

namespace s3prune::s3 {

class ProfileProvider : public CredentialsProvider {
 public:
  // `region` is where STS is called when the profile sets none.
  ProfileProvider(ProviderIo io, SharedFilesLocation location, std::string region)
      : io_(std::move(io)), location_(std::move(location)), region_(std::move(region)) {}
  std::string Name() const override { return "profile '" + location_.profile + "'"; }
  // The files are read again on every call, so a refresh sees a rotated key.
  Result<Lookup> Load() override;

 private:
  Result<Lookup> Resolve(const SharedFiles& files, const std::string& name, std::set<std::string>& visited);
  Result<Lookup> AssumeRoleOf(const SharedFiles& files, const std::string& name, const IniSection& settings,
                              std::set<std::string>& visited);

  ProviderIo io_;
  SharedFilesLocation location_;
  std::string region_;
};

}  // namespace s3prune::s3
