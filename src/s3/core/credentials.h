// AWS credentials as a plain value: what the signer signs with, what STS replies carry (parsed
// in s3/xml), what the providers of s3/credentials return. Where they come from and how a
// client asks for them is s3/auth/credentials.h. No behaviour; safe to copy and share.
#pragma once

#include <chrono>
#include <optional>
#include <string>

namespace s3prune::s3 {

struct Credentials {
  std::string access_key_id;
  std::string secret_access_key;
  std::string session_token;  // empty unless temporary credentials (then sent, and signed)
  // When temporary credentials stop working; nullopt for long-term keys.
  std::optional<std::chrono::system_clock::time_point> expiration{};
};

}  // namespace s3prune::s3
