#include "policy/calendar.h"

#include <chrono>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

namespace s3prune::policy {
namespace {

using namespace std::chrono_literals;
using std::chrono::sys_days;

util::Timestamp At(std::chrono::year_month_day day, std::chrono::minutes time_of_day) {
  return sys_days{day} + time_of_day;
}

TimeZone Zone(std::string_view name) { return TimeZone::Load(name).value(); }

TEST(IsoWeekOfTest, WeekYearAndWeek) {
  struct Case {
    int year, month, day;
    IsoWeek expected;
  };
  const Case cases[] = {
      {2020, 12, 31, {2020, 53}},  // Thursday of the 53rd week
      {2021, 1, 3, {2020, 53}},    // a Sunday of 2021 still in 2020-W53
      {2021, 1, 4, {2021, 1}},
      {2024, 12, 30, {2025, 1}},  // a Monday of 2024 already in 2025-W01
      {2024, 2, 29, {2024, 9}},   // leap day
      {2026, 12, 28, {2026, 53}},
      {2027, 1, 1, {2026, 53}},  // a Friday of 2027 in 2026-W53
      {2027, 1, 4, {2027, 1}},
      {2026, 1, 1, {2026, 1}},   // a Thursday: week 1
      {2023, 1, 1, {2022, 52}},  // a Sunday
  };
  for (const Case& c : cases) {
    const IsoWeek week = IsoWeekOf(c.year, c.month, c.day);
    EXPECT_EQ(week.year, c.expected.year) << c.year << "-" << c.month << "-" << c.day;
    EXPECT_EQ(week.week, c.expected.week) << c.year << "-" << c.month << "-" << c.day;
  }
}

TEST(PeriodLabelTest, EachPeriodInUtcAndInAZone) {
  using std::chrono::October;
  using std::chrono::February;
  using std::chrono::December;
  struct Case {
    std::string_view name;
    util::Timestamp instant;
    Period period;
    std::string_view zone;
    std::string_view expected;
  };
  const Case cases[] = {
      {"hour utc", At(2026y / December / 7, 14h + 5min), Period::kHour, "UTC", "2026-12-07 14:00+00:00"},
      {"day utc", At(2026y / December / 7, 23h + 59min), Period::kDay, "UTC", "2026-12-07"},
      {"week utc", At(2026y / December / 7, 0min), Period::kWeek, "UTC", "2026-W50"},
      {"month utc", At(2026y / December / 7, 0min), Period::kMonth, "UTC", "2026-12"},
      {"year utc", At(2026y / December / 7, 0min), Period::kYear, "UTC", "2026"},
      // Europe/Berlin goes back from 03:00 CEST to 02:00 CET at 01:00 UTC on 2026-10-25: the
      // hour from 02:00 happens twice, once at +02:00 and once at +01:00.
      {"first 02:00 in Berlin", At(2026y / October / 25, 30min), Period::kHour, "Europe/Berlin",
       "2026-10-25 02:00+02:00"},
      {"second 02:00 in Berlin", At(2026y / October / 25, 1h + 30min), Period::kHour, "Europe/Berlin",
       "2026-10-25 02:00+01:00"},
      {"the long day starts", At(2026y / October / 24, 22h + 30min), Period::kDay, "Europe/Berlin", "2026-10-25"},
      {"the long day ends", At(2026y / October / 25, 22h + 30min), Period::kDay, "Europe/Berlin", "2026-10-25"},
      {"leap day late in UTC is March in Berlin", At(2024y / February / 29, 23h + 30min), Period::kMonth,
       "Europe/Berlin", "2024-03"},
      {"leap day late in UTC", At(2024y / February / 29, 23h + 30min), Period::kDay, "UTC", "2024-02-29"},
      {"new year in Tokyo first", At(2026y / December / 31, 15h + 30min), Period::kYear, "Asia/Tokyo", "2027"},
      {"week 53 in Tokyo", At(2026y / December / 31, 15h + 30min), Period::kWeek, "Asia/Tokyo", "2026-W53"},
      {"negative offset", At(2026y / December / 7, 3h), Period::kHour, "America/St_Johns", "2026-12-06 23:00-03:30"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(PeriodLabel(c.instant, c.period, Zone(c.zone)), c.expected) << c.name;
  }
}

TEST(TimeZoneTest, UnknownAndMachineZonesAreRefusedNamingThem) {
  for (const std::string_view name : {"Mars/Olympus_Mons", "", "localtime", "Europe/Berlinn"}) {
    auto zone = TimeZone::Load(name);
    ASSERT_FALSE(zone) << name;
    EXPECT_EQ(zone.error().find("--timezone: unknown time zone '" + std::string(name) + "'"), 0u) << zone.error();
  }
  EXPECT_EQ(TimeZone().name(), "UTC");
  EXPECT_EQ(Zone("Europe/Berlin").name(), "Europe/Berlin");
}

}  // namespace
}  // namespace s3prune::policy
