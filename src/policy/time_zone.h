// A time zone of the calendar rules (--timezone): the IANA zone whose local days, weeks,
// months and years the --keep-daily ... --keep-yearly periods are, and the civil time of an
// instant in it. The zone database is data (the system's zoneinfo, read through abseil's
// absl::time_zone, which stays inside time_zone.cc); no clock is read. A TimeZone is an
// immutable value: safe to copy and share between threads.
#pragma once

#include <expected>
#include <memory>
#include <string>
#include <string_view>

#include "util/timestamp.h"

namespace s3prune::policy {

// An instant as a wall clock in a zone shows it, with the offset from UTC in force then (so
// the hour that happens twice when the clocks go back is told apart).
struct CivilTime {
  int year = 1970;
  int month = 1;   // 1-12
  int day = 1;     // 1-31
  int hour = 0;    // 0-23
  int utc_offset_seconds = 0;
};

class TimeZone {
 public:
  // UTC: the default of --timezone.
  TimeZone();

  // The zone named `name` ("Europe/Berlin", "UTC") from the zone database. The error is one
  // line naming it. "localtime" and "" are refused: a plan must not depend on the machine.
  static std::expected<TimeZone, std::string> Load(std::string_view name);

  const std::string& name() const { return name_; }  // "UTC" by default
  CivilTime CivilOf(util::Timestamp instant) const;

  bool operator==(const TimeZone& other) const { return name_ == other.name_; }

 private:
  struct Zone;  // the abseil zone
  TimeZone(std::string name, std::shared_ptr<const Zone> zone);

  std::string name_;
  std::shared_ptr<const Zone> zone_;
};

}  // namespace s3prune::policy
