#include "policy/calendar.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>

namespace s3prune::policy {
namespace {

std::string Digits(int value, int width) {
  char text[16];
  std::snprintf(text, sizeof text, "%0*d", width, value);
  return text;
}

std::string Date(const CivilTime& civil) {
  return Digits(civil.year, 4) + "-" + Digits(civil.month, 2) + "-" + Digits(civil.day, 2);
}

std::string Offset(int seconds) {
  const int minutes = std::abs(seconds) / 60;
  return (seconds < 0 ? "-" : "+") + Digits(minutes / 60, 2) + ":" + Digits(minutes % 60, 2);
}

}  // namespace

std::string_view PeriodName(Period period) {
  switch (period) {
    case Period::kHour: return "hour";
    case Period::kDay: return "day";
    case Period::kWeek: return "week";
    case Period::kMonth: return "month";
    case Period::kYear: return "year";
  }
  return "period";
}

IsoWeek IsoWeekOf(int year, int month, int day) {
  using namespace std::chrono;
  const sys_days date{std::chrono::year{year} / month / day};
  // The Thursday of the date's Monday-to-Sunday week decides both the week-year and the week.
  const unsigned from_monday = (weekday{date}.iso_encoding() - 1);
  const sys_days thursday = date - days{from_monday} + days{3};
  const std::chrono::year week_year = year_month_day{thursday}.year();
  const sys_days first_of_year{week_year / January / 1};
  return {static_cast<int>(week_year), static_cast<int>((thursday - first_of_year).count() / 7 + 1)};
}

std::string PeriodLabel(util::Timestamp instant, Period period, const TimeZone& zone) {
  const CivilTime civil = zone.CivilOf(instant);
  switch (period) {
    case Period::kHour:
      return Date(civil) + " " + Digits(civil.hour, 2) + ":00" + Offset(civil.utc_offset_seconds);
    case Period::kDay:
      return Date(civil);
    case Period::kWeek: {
      const IsoWeek week = IsoWeekOf(civil.year, civil.month, civil.day);
      return Digits(week.year, 4) + "-W" + Digits(week.week, 2);
    }
    case Period::kMonth:
      return Digits(civil.year, 4) + "-" + Digits(civil.month, 2);
    case Period::kYear:
      return Digits(civil.year, 4);
  }
  return {};
}

}  // namespace s3prune::policy
