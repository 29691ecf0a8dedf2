// The credentials chain, in the AWS SDKs' order: environment keys, the shared-file profile,
// web identity (AWS_WEB_IDENTITY_TOKEN_FILE), the container endpoint, EC2 instance
// metadata. An explicit --profile skips the environment keys, as in the AWS CLI. The first
// provider with credentials wins and becomes the source (refreshing when they expire); one
// that is configured but broken stops the chain with its error. When none has any, the
// error lists what was tried and why each had nothing.
#pragma once

#include <memory>
#include <vector>

#include "s3/credentials/provider.h"
#include "s3/credentials/shared_config.h"

namespace s3prune::s3 {

// `region`: where STS is called for web identity and role profiles that set none.
std::vector<std::unique_ptr<CredentialsProvider>> DefaultProviders(const ProviderIo& io,
                                                                  const SharedFilesLocation& files,
                                                                  const std::string& region);

struct ResolvedCredentials {
  std::shared_ptr<CredentialsSource> source;
  Credentials first;     // what the source holds now (for messages: the key id)
  std::string provider;  // the Name() of the provider that had them
};

Result<ResolvedCredentials> ResolveCredentials(std::vector<std::unique_ptr<CredentialsProvider>> providers,
                                               const ProviderIo& io, std::function<double()> random_unit,
                                               std::function<void(const std::string&)> warn);

}  // namespace s3prune::s3
