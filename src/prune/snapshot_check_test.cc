#include "prune/snapshot_check.h"

#include <gtest/gtest.h>

namespace s3prune::prune {
namespace {

using namespace std::chrono_literals;

const s3::Timestamp kPlanTime = s3::Timestamp(std::chrono::sys_days{std::chrono::June / 1 / 2024} + 12h);

ListedEntry Entry(s3::Timestamp modified, bool current = true) {
  return {.key = "d/x", .version_id = "", .size = 1, .last_modified = modified, .is_current = current};
}

TEST(ChangeSincePlanTest, NamesTheWriteThatKeepsADeploymentWhole) {
  struct Case {
    std::string_view name;
    std::vector<ListedEntry> listed;
    ListingMode mode;
    std::optional<s3::Timestamp> snapshot;
    std::string expected;
  };
  const policy::Deployment planned{.id = "d", .objects = 2, .noncurrent_versions = 1};
  const Case cases[] = {
      {"as planned", {Entry(kPlanTime - 1h), Entry(kPlanTime)}, ListingMode::kCurrentObjects, kPlanTime, ""},
      {"fewer than planned (deleted meanwhile)", {Entry(kPlanTime - 1h)}, ListingMode::kCurrentObjects, kPlanTime, ""},
      {"nothing left", {}, ListingMode::kCurrentObjects, kPlanTime, ""},
      {"one write after the plan", {Entry(kPlanTime - 1h), Entry(kPlanTime + 1ms)}, ListingMode::kCurrentObjects,
       kPlanTime, "1 object written after the plan (2024-06-01T12:00:00Z), the newest at 2024-06-01T12:00:00.001Z"},
      {"more than planned", {Entry(kPlanTime - 3h), Entry(kPlanTime - 2h), Entry(kPlanTime - 1h)},
       ListingMode::kCurrentObjects, kPlanTime, "3 objects now, the plan saw 2"},
      {"versions count with --versions", {Entry(kPlanTime - 3h), Entry(kPlanTime - 2h), Entry(kPlanTime - 1h, false)},
       ListingMode::kAllVersions, kPlanTime, ""},
      {"no plan time: the count alone", {Entry(kPlanTime + 1h), Entry(kPlanTime + 2h)}, ListingMode::kCurrentObjects,
       std::nullopt, ""},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(ChangeSincePlan(planned, c.listed, c.mode, c.snapshot), c.expected);
  }
}

}  // namespace
}  // namespace s3prune::prune
