// A profile's `credential_process`: a command that prints the credentials as JSON
// (Version 1, AccessKeyId, SecretAccessKey, optional SessionToken and Expiration). A non-zero
// exit is an error that shows what the command wrote on stderr; so is a command still running
// after kCredentialProcessTimeout (it is killed), and an answer that has already expired by
// the ProviderIo's clock (used, it would be asked again before every request).
#pragma once

#include <chrono>

#include "s3/credentials/provider.h"

namespace s3prune::s3 {

// Long enough for a vault or an SSO helper that asks a remote service; short enough that a
// helper waiting for a person (a browser, a PIN) fails a cron job instead of hanging it.
inline constexpr std::chrono::seconds kCredentialProcessTimeout{60};

Result<Credentials> RunCredentialProcess(const ProviderIo& io, const std::string& command_line);

}  // namespace s3prune::s3
