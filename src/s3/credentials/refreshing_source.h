// Temporary credentials that renew themselves: a CredentialsSource over the provider that
// found them. They are refreshed 5 to 15 minutes before they expire (a random point in that
// window, drawn per refresh, as the SDKs do, so many workers do not refresh at once; at most
// half their lifetime early), under a lock, so every worker thread of a long prune keeps
// signing with valid ones. A refresh that fails while the current credentials still have
// time keeps them, warns once, and tries again a minute later; one that fails after they
// expired is an error. Thread-safe.
#pragma once

#include <functional>
#include <memory>
#include <mutex>

#include "s3/credentials/provider.h"

namespace s3prune::s3 {

class RefreshingSource : public CredentialsSource {
 public:
  using Clock = std::function<std::chrono::system_clock::time_point()>;
  // `random_unit` draws from [0, 1); `warn` gets one line per failed refresh.
  // REQUIRES: first.expiration is set.
  RefreshingSource(std::unique_ptr<CredentialsProvider> provider, Credentials first, Clock clock,
                   std::function<double()> random_unit, std::function<void(const std::string&)> warn);

  Result<Credentials> Current() override;

 private:
  std::chrono::system_clock::time_point RefreshTime(std::chrono::system_clock::time_point obtained) const;

  std::unique_ptr<CredentialsProvider> provider_;
  Clock clock_;
  std::function<double()> random_unit_;
  std::function<void(const std::string&)> warn_;
  std::mutex mutex_;  // guards the fields below and calls of provider_
  Credentials current_;
  std::chrono::system_clock::time_point refresh_at_;
};

}  // namespace s3prune::s3
