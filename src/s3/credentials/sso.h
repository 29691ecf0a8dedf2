// IAM Identity Center (SSO) profiles: the access token `aws sso login` cached in
// ~/.aws/sso/cache/SHA1.json (SHA1 of the sso_session name, or of the start URL for legacy
// profiles), traded at the portal's GetRoleCredentials for the role's credentials. An
// expired or missing token says "run aws sso login".
#pragma once

#include "s3/credentials/provider.h"

namespace s3prune::s3 {

struct SsoSettings {
  std::string profile;      // for the message
  std::string cache_key;    // the sso_session name, or the legacy sso_start_url
  std::string sso_region;
  std::string account_id;
  std::string role_name;
};

Result<Credentials> SsoRoleCredentials(const ProviderIo& io, const SsoSettings& settings);

}  // namespace s3prune::s3
