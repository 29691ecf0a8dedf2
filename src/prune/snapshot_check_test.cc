#include "prune/snapshot_check.h"

#include <gtest/gtest.h>

#include "prune/listing_digest.h"

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
      {"one write after the plan", {Entry(kPlanTime - 1h), Entry(kPlanTime + 1s)}, ListingMode::kCurrentObjects,
       kPlanTime, "1 object written after the plan (2024-06-01T12:00:00Z), the newest at 2024-06-01T12:00:01Z"},
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

ListedEntry Object(std::string key, std::uint64_t size, std::string etag, s3::Timestamp modified) {
  return {.key = std::move(key), .size = size, .last_modified = modified, .etag = std::move(etag)};
}

// Issue 22, case 5: OpenStack Swift lists LastModified rounded up to the next second, so
// objects written in the plan's own second, before it, are dated after it: apply used to
// leave their deployment whole and exit 4, every time. What was planned is compared instead
// (count, and the digest of keys, sizes, ETags and version ids); a time counts only when it
// is a whole step of the coarsest store clock after the plan.
TEST(ChangeSincePlanTest, ComparesWhatWasPlannedNotSubSecondClocks) {
  const s3::Timestamp plan = kPlanTime + 400ms;  // the plan's own clock has milliseconds
  const std::vector<ListedEntry> planned_entries = {Object("d/a", 10, "e1", kPlanTime - 1h),
                                                    Object("d/b", 20, "e2", kPlanTime)};
  policy::Deployment planned{.id = "d", .objects = 2};
  planned.current_digest = DigestOf(planned_entries, VersionIds::kIgnored);
  policy::Deployment planned_without_digest = planned;  // a plan file saved before digests
  planned_without_digest.current_digest.reset();
  struct Case {
    std::string_view name;
    const policy::Deployment& planned;
    std::vector<ListedEntry> listed;
    std::string expected;
  };
  const Case cases[] = {
      {"written at 12:00:00.3 before the plan, listed by Swift as 12:00:01", planned,
       {Object("d/a", 10, "e1", kPlanTime - 1h), Object("d/b", 20, "e2", kPlanTime + 1s)}, ""},
      {"the same, from a plan file without a digest", planned_without_digest,
       {Object("d/a", 10, "e1", kPlanTime - 1h), Object("d/b", 20, "e2", kPlanTime + 1s)}, ""},
      {"rewritten in the plan's own second (another ETag)", planned,
       {Object("d/a", 10, "e1", kPlanTime - 1h), Object("d/b", 20, "e3", kPlanTime + 1s)},
       "2 objects as the plan saw, but not the same keys, sizes, ETags or version ids: rewritten since the plan"},
      {"one replaced by another key in the plan's second", planned,
       {Object("d/a", 10, "e1", kPlanTime - 1h), Object("d/c", 20, "e2", kPlanTime + 1s)},
       "2 objects as the plan saw, but not the same keys, sizes, ETags or version ids: rewritten since the plan"},
      {"written a whole second after the plan", planned,
       {Object("d/a", 10, "e1", kPlanTime - 1h), Object("d/b", 20, "e2", plan + 1s)},
       "1 object written after the plan (2024-06-01T12:00:00.400Z), the newest at 2024-06-01T12:00:01.400Z"},
      {"one deleted meanwhile", planned, {Object("d/a", 10, "e1", kPlanTime - 1h)}, ""},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(ChangeSincePlan(c.planned, c.listed, ListingMode::kCurrentObjects, plan), c.expected);
  }
}

// With --versions the digest covers every version and delete marker, by version id: a
// noncurrent version deleted and a new one written in the plan's second keep the count.
TEST(ChangeSincePlanTest, WithVersionsAnotherVersionIdIsARewrite) {
  const s3::Timestamp plan = kPlanTime + 400ms;
  ListedEntry current{.key = "d/a", .version_id = "v2", .size = 1, .last_modified = kPlanTime, .etag = "e"};
  ListedEntry old{.key = "d/a", .version_id = "v1", .size = 1, .last_modified = kPlanTime - 1h,
                  .is_current = false, .etag = "e"};
  policy::Deployment planned{.id = "d", .objects = 1, .noncurrent_versions = 1};
  planned.versions_digest = DigestOf(std::vector{current, old}, VersionIds::kHashed);
  EXPECT_EQ(ChangeSincePlan(planned, {current, old}, ListingMode::kAllVersions, plan), "");
  ListedEntry rewritten = current;
  rewritten.version_id = "v3";
  rewritten.last_modified = kPlanTime + 1s;  // dated within the plan's second by a rounding store
  EXPECT_EQ(ChangeSincePlan(planned, {rewritten, current}, ListingMode::kAllVersions, plan),
            "2 objects as the plan saw, but not the same keys, sizes, ETags or version ids: rewritten since the plan");
}

TEST(ListingDigestTest, ChangesWithEachFieldButNotWithOrder) {
  const ListedEntry a{.key = "d/a", .version_id = "v1", .size = 10, .etag = "e1"};
  const ListedEntry b{.key = "d/b", .version_id = "v2", .size = 20, .etag = "e2"};
  const auto base = DigestOf(std::vector{a, b}, VersionIds::kHashed);
  EXPECT_EQ(DigestOf(std::vector{b, a}, VersionIds::kHashed), base);
  auto changed = [&](auto mutate) {
    ListedEntry other = b;
    mutate(other);
    return DigestOf(std::vector{a, other}, VersionIds::kHashed);
  };
  EXPECT_NE(changed([](ListedEntry& e) { e.key = "d/c"; }), base);
  EXPECT_NE(changed([](ListedEntry& e) { e.version_id = "v3"; }), base);
  EXPECT_NE(changed([](ListedEntry& e) { e.size = 21; }), base);
  EXPECT_NE(changed([](ListedEntry& e) { e.etag = "e3"; }), base);
  EXPECT_NE(changed([](ListedEntry& e) { e.is_delete_marker = true; }), base);
  EXPECT_NE(DigestOf(std::vector{a}, VersionIds::kHashed), base);
  // Current objects listed with versions digest as listed without (apply lists them so).
  ListedEntry a_without_version = a;
  a_without_version.version_id.clear();
  EXPECT_EQ(DigestOf(std::vector{a}, VersionIds::kIgnored), DigestOf(std::vector{a_without_version}, VersionIds::kIgnored));
  EXPECT_EQ(ParseListingDigest(FormatListingDigest(base)), base);
  EXPECT_EQ(ParseListingDigest("12345"), std::nullopt);
  EXPECT_EQ(ParseListingDigest("zzzzzzzzzzzzzzzz"), std::nullopt);
}

}  // namespace
}  // namespace s3prune::prune
