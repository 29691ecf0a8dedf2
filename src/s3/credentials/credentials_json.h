// The JSON credential documents of credential_process, the container endpoint (ECS, EKS Pod
// Identity) and EC2 instance metadata. They agree on AccessKeyId, SecretAccessKey and an
// RFC 3339 Expiration; the session token is "SessionToken" (credential_process) or "Token"
// (container, IMDS). Pure.
#pragma once

#include <string>
#include <string_view>

#include "s3/auth/credentials.h"

namespace s3prune::s3 {

enum class CredentialsDocument {
  kProcess,  // credential_process: "Version": 1 required, "SessionToken" optional
  kEndpoint,  // container and IMDS: "Token"
};

// The credentials, or a one-line error naming the field that is missing or wrong; `source`
// ("credential_process 'cmd'", "http://169.254.170.2/...") starts the message.
Result<Credentials> ParseCredentialsDocument(std::string_view json, CredentialsDocument kind, std::string_view source);

}  // namespace s3prune::s3
