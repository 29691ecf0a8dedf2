#include "s3/credentials/refreshing_source.h"

#include <algorithm>

#include "s3/core/timestamp.h"

namespace s3prune::s3 {
namespace {

using std::chrono::minutes;
using std::chrono::system_clock;

std::string TimeText(system_clock::time_point time) {
  return FormatTimestamp(std::chrono::time_point_cast<std::chrono::seconds>(time));
}

}  // namespace

RefreshingSource::RefreshingSource(std::unique_ptr<CredentialsProvider> provider, Credentials first, Clock clock,
                                   std::function<double()> random_unit, std::function<void(const std::string&)> warn)
    : provider_(std::move(provider)),
      clock_(std::move(clock)),
      random_unit_(std::move(random_unit)),
      warn_(std::move(warn)),
      current_(std::move(first)) {
  refresh_at_ = RefreshTime(clock_());
}

system_clock::time_point RefreshingSource::RefreshTime(system_clock::time_point obtained) const {
  const system_clock::time_point expiration = *current_.expiration;
  const auto early = std::chrono::duration_cast<system_clock::duration>(minutes(5) + minutes(10) * random_unit_());
  const auto lifetime = expiration - obtained;
  return expiration - std::min<system_clock::duration>(early, lifetime / 2);
}

Result<Credentials> RefreshingSource::Current() {
  std::lock_guard lock(mutex_);
  const auto now = clock_();
  if (now < refresh_at_) return current_;
  auto loaded = provider_->Load();
  if (loaded && loaded->credentials) {
    current_ = std::move(*loaded->credentials);
    if (!current_.expiration) {  // a refresh gave long-term keys: nothing to renew any more
      refresh_at_ = system_clock::time_point::max();
    } else {
      refresh_at_ = RefreshTime(now);
    }
    return current_;
  }
  const std::string why = loaded ? loaded->none_because : loaded.error().message;
  if (now < *current_.expiration) {
    warn_("could not refresh the credentials from " + provider_->Name() + " (" + why +
          "); going on with the current ones, valid until " + TimeText(*current_.expiration));
    refresh_at_ = std::min(*current_.expiration, now + minutes(1));
    return current_;
  }
  return std::unexpected(MakeError(ErrorCode::kExpiredToken,
      "the credentials from " + provider_->Name() + " expired at " + TimeText(*current_.expiration) +
          " and could not be refreshed: " + why));
}

}  // namespace s3prune::s3
