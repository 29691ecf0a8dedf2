#include "s3/credentials/chain.h"

#include "s3/credentials/endpoint_providers.h"
#include "s3/credentials/environment_provider.h"
#include "s3/credentials/profile_provider.h"
#include "s3/credentials/refreshing_source.h"
#include "s3/credentials/web_identity_provider.h"

namespace s3prune::s3 {

std::vector<std::unique_ptr<CredentialsProvider>> DefaultProviders(const ProviderIo& io,
                                                                  const SharedFilesLocation& files,
                                                                  const std::string& region) {
  std::vector<std::unique_ptr<CredentialsProvider>> providers;
  if (files.profile_source != SharedFilesLocation::ProfileSource::kFlag) {
    providers.push_back(std::make_unique<EnvironmentProvider>(io.env));
  }
  providers.push_back(std::make_unique<ProfileProvider>(io, files, region));
  providers.push_back(std::make_unique<WebIdentityProvider>(io, region));
  providers.push_back(std::make_unique<ContainerProvider>(io));
  providers.push_back(std::make_unique<InstanceMetadataProvider>(io));
  return providers;
}

Result<ResolvedCredentials> ResolveCredentials(std::vector<std::unique_ptr<CredentialsProvider>> providers,
                                               const ProviderIo& io, std::function<double()> random_unit,
                                               std::function<void(const std::string&)> warn) {
  std::string tried;
  for (auto& provider : providers) {
    auto lookup = provider->Load();
    if (!lookup) return std::unexpected(lookup.error());
    if (!lookup->credentials) {
      tried += (tried.empty() ? "" : "; ") + provider->Name() + " (" + lookup->none_because + ")";
      continue;
    }
    ResolvedCredentials resolved{nullptr, *lookup->credentials, provider->Name()};
    if (lookup->credentials->expiration) {
      resolved.source = std::make_shared<RefreshingSource>(std::move(provider), std::move(*lookup->credentials), io.clock,
                                                           std::move(random_unit), std::move(warn));
    } else {
      resolved.source = std::make_shared<FixedCredentials>(std::move(*lookup->credentials));
    }
    return resolved;
  }
  return std::unexpected(MakeError(ErrorCode::kNoCredentials,
      "no AWS credentials found; tried " + tried +
          ": set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or pass --profile"));
}

}  // namespace s3prune::s3
