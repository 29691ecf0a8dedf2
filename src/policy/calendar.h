// Calendar periods of the --keep-hourly ... --keep-yearly rules, as restic's `forget` has
// them: an instant's hour, day, ISO 8601 week, month or year in a time zone, as a label that
// is both the period's identity (two instants share a period exactly when their labels are
// equal) and the text a plan shows ("week 2026-W48"). Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "policy/time_zone.h"
#include "util/timestamp.h"

namespace s3prune::policy {

enum class Period { kHour, kDay, kWeek, kMonth, kYear };

// "hour", "day", "week", "month", "year"; the plural adds "s".
std::string_view PeriodName(Period period);

// The ISO 8601 week of a civil date: weeks start on Monday, and week 1 is the one holding
// the year's first Thursday, so 2021-01-01 (a Friday) is in 2020-W53 and 2024-12-30 in 2025-W01.
struct IsoWeek {
  int year = 0;  // the week-year, which differs from the calendar year near 1 January
  int week = 0;  // 1-53
};
IsoWeek IsoWeekOf(int year, int month, int day);

// The period holding `instant` in `zone`:
//   hour   "2026-10-25 02:00+02:00": the offset is part of the hour, because when the clocks go
//          back the same wall-clock hour happens twice, and those are two hours of real time
//   day    "2026-10-25" (a local day, 23 to 25 hours long around a change of the clocks)
//   week   "2026-W48" (ISO 8601 week-year and week)
//   month  "2026-12"
//   year   "2026"
std::string PeriodLabel(util::Timestamp instant, Period period, const TimeZone& zone);

}  // namespace s3prune::policy
