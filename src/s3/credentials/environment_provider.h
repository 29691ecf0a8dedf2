// Credentials from AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN, the first
// place every AWS SDK looks.
#pragma once

#include "s3/credentials/provider.h"

namespace s3prune::s3 {

class EnvironmentProvider : public CredentialsProvider {
 public:
  explicit EnvironmentProvider(EnvLookup env) : env_(std::move(env)) {}
  std::string Name() const override { return "environment"; }
  // One of the two keys without the other is an error: half a configuration must not fall
  // through to some other identity.
  Result<Lookup> Load() override;

 private:
  EnvLookup env_;
};

}  // namespace s3prune::s3
