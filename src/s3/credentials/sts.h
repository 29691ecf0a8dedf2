// The two STS calls of the credentials chain: AssumeRole (signed with the source
// credentials, for role_arn profiles) and AssumeRoleWithWebIdentity (unsigned: the token is
// the proof, for EKS IRSA and GitHub Actions OIDC). Query-protocol POSTs to the regional
// endpoint https://sts.REGION.amazonaws.com, or AWS_ENDPOINT_URL_STS / AWS_ENDPOINT_URL.
#pragma once

#include <optional>
#include <string>

#include "s3/credentials/provider.h"

namespace s3prune::s3 {

// AWS_ENDPOINT_URL_STS, else AWS_ENDPOINT_URL, else https://sts.REGION.amazonaws.com.
std::string StsEndpoint(const EnvLookup& env, const std::string& region);

struct AssumeRoleRequest {
  std::string role_arn;
  std::string session_name;  // role_session_name; "" picks "s3prune-<unix time>"
  std::string external_id;   // "" sends none
  std::optional<int> duration_seconds;  // nullopt: STS's default (1 h)
};

Result<Credentials> AssumeRole(const ProviderIo& io, const std::string& endpoint, const std::string& region,
                               const Credentials& source, const AssumeRoleRequest& request);

Result<Credentials> AssumeRoleWithWebIdentity(const ProviderIo& io, const std::string& endpoint,
                                              const AssumeRoleRequest& request, const std::string& token);

}  // namespace s3prune::s3
