#include "s3/credentials/environment_provider.h"

namespace s3prune::s3 {

Result<Lookup> EnvironmentProvider::Load() {
  auto id = env_("AWS_ACCESS_KEY_ID");
  auto secret = env_("AWS_SECRET_ACCESS_KEY");
  if (!id && !secret) return Lookup{std::nullopt, "AWS_ACCESS_KEY_ID is not set"};
  if (!id || !secret) {
    return std::unexpected(MakeError(ErrorCode::kNoCredentials,
        std::string(id ? "AWS_SECRET_ACCESS_KEY" : "AWS_ACCESS_KEY_ID") +
            " is not set but its partner is: set both, or neither to use a profile"));
  }
  return Lookup{Credentials{*id, *secret, env_("AWS_SESSION_TOKEN").value_or(""), std::nullopt}, ""};
}

}  // namespace s3prune::s3
