#include "policy/time_zone.h"

#include <utility>

#include <absl/time/time.h>

namespace s3prune::policy {

struct TimeZone::Zone {
  absl::TimeZone zone;
};

TimeZone::TimeZone() : name_("UTC"), zone_(std::make_shared<const Zone>(Zone{absl::UTCTimeZone()})) {}

TimeZone::TimeZone(std::string name, std::shared_ptr<const Zone> zone) : name_(std::move(name)), zone_(std::move(zone)) {}

std::expected<TimeZone, std::string> TimeZone::Load(std::string_view name) {
  const std::string text(name);
  absl::TimeZone zone;
  // abseil would read "localtime" as the machine's own zone (TZ): a plan would then change
  // with the machine that makes it.
  if (text.empty() || text == "localtime" || !absl::LoadTimeZone(text, &zone)) {
    return std::unexpected("--timezone: unknown time zone '" + text +
                           "' (an IANA name such as Europe/Berlin or America/New_York, or UTC)");
  }
  return TimeZone(text, std::make_shared<const Zone>(Zone{zone}));
}

CivilTime TimeZone::CivilOf(util::Timestamp instant) const {
  const absl::Time time = absl::FromUnixMillis(instant.time_since_epoch().count());
  const absl::TimeZone::CivilInfo info = zone_->zone.At(time);
  return {static_cast<int>(info.cs.year()), info.cs.month(), info.cs.day(), info.cs.hour(), info.offset};
}

}  // namespace s3prune::policy
