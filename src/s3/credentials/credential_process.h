// A profile's `credential_process`: a command that prints the credentials as JSON
// (Version 1, AccessKeyId, SecretAccessKey, optional SessionToken and Expiration). A non-zero
// exit is an error that shows what the command wrote on stderr.
#pragma once

#include "s3/credentials/provider.h"

namespace s3prune::s3 {

Result<Credentials> RunCredentialProcess(const ProviderIo& io, const std::string& command_line);

}  // namespace s3prune::s3
