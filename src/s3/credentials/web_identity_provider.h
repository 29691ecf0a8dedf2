// Web identity federation (EKS IRSA, GitHub Actions OIDC): a token file and a role, traded
// at STS AssumeRoleWithWebIdentity for temporary credentials. The file is read again on
// every refresh, since the platform rotates the token in it.
#pragma once

#include "s3/credentials/provider.h"
#include "s3/credentials/sts.h"

namespace s3prune::s3 {

struct WebIdentitySettings {
  std::string token_file;
  AssumeRoleRequest role;
  std::string sts_endpoint;
};

// Credentials for one web identity, wherever its settings came from.
Result<Credentials> WebIdentityCredentials(const ProviderIo& io, const WebIdentitySettings& settings);

// From AWS_WEB_IDENTITY_TOKEN_FILE, AWS_ROLE_ARN and AWS_ROLE_SESSION_NAME.
class WebIdentityProvider : public CredentialsProvider {
 public:
  WebIdentityProvider(ProviderIo io, std::string region) : io_(std::move(io)), region_(std::move(region)) {}
  std::string Name() const override { return "web identity"; }
  Result<Lookup> Load() override;

 private:
  ProviderIo io_;
  std::string region_;
};

}  // namespace s3prune::s3
