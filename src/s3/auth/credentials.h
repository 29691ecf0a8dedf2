// The source a client asks for credentials (the value, s3/core/credentials.h) before each
// request. Where credentials come from (environment, profiles, STS, SSO, containers, EC2) is
// the business of s3/credentials/, which builds a CredentialsSource; the client only asks it.
#pragma once

#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "s3/core/credentials.h"
#include "s3/core/error.h"

namespace s3prune::s3 {

using EnvLookup = std::function<std::optional<std::string>(std::string_view name)>;

// Looks names up in the process environment; unset and empty are both nullopt.
EnvLookup ProcessEnvironment();

// What a client asks for the credentials to sign one request with. Implementations are
// thread-safe: every worker thread asks, and temporary credentials are refreshed behind it.
class CredentialsSource {
 public:
  virtual ~CredentialsSource() = default;
  // Credentials valid now, or the error that left none (an expired token that could not be
  // refreshed, a credentials endpoint that stopped answering).
  virtual Result<Credentials> Current() = 0;
};

// Long-term keys, or temporary ones nobody refreshes (tests, AWS_SESSION_TOKEN).
class FixedCredentials : public CredentialsSource {
 public:
  explicit FixedCredentials(Credentials credentials) : credentials_(std::move(credentials)) {}
  Result<Credentials> Current() override { return credentials_; }

 private:
  const Credentials credentials_;
};

}  // namespace s3prune::s3
