#include "prune/deployment_tally.h"

#include <gtest/gtest.h>

namespace s3prune::prune {
namespace {

using namespace std::chrono_literals;

const policy::Timestamp kT = policy::Timestamp(std::chrono::sys_days{std::chrono::June / 1 / 2024} + 12h);

ListedEntry Version(std::string key, std::string id, policy::Timestamp modified, bool current = false) {
  return {.key = std::move(key), .version_id = std::move(id), .size = 5, .last_modified = modified,
          .is_current = current, .etag = "e-" + key};
}

ListedEntry Marker(std::string key, std::string id, policy::Timestamp modified) {
  return {.key = std::move(key), .version_id = std::move(id), .last_modified = modified, .is_current = false,
          .is_delete_marker = true};
}

Inventory TallyOf(const std::vector<ListedEntry>& entries) {
  Tally tally;
  tally.deployment.id = "d";
  for (const auto& entry : entries) Count(tally, entry);
  Inventory inventory;
  AddToInventory(inventory, std::move(tally));
  return inventory;
}

// Issue 22, case 4: residue is dated by its newest delete marker. OpenStack Swift leaves none
// when deleting in a Suspended bucket: the newest write is all there is, and it used to be
// shown as the deletion time. It is marked unknown for the planner (AddResidue) instead.
TEST(DeploymentTally, ResidueWithoutADeleteMarkerHasAnUnknownDeletionTime) {
  const auto with_marker = TallyOf({Version("d/a", "v1", kT - 48h), Marker("d/a", "v2", kT - 1h)});
  ASSERT_EQ(with_marker.residue.size(), 1u);
  EXPECT_EQ(with_marker.residue[0].newest, kT - 1h);
  EXPECT_EQ(with_marker.residue[0].deletion_time, policy::DeletionTime::kKnown);

  const auto without = TallyOf({Version("d/a", "v1", kT - 48h), Version("d/b", "null", kT - 12min)});
  ASSERT_EQ(without.residue.size(), 1u);
  EXPECT_EQ(without.residue[0].newest, kT - 12min);
  EXPECT_EQ(without.residue[0].deletion_time, policy::DeletionTime::kUnknown);
  EXPECT_EQ(without.residue[0].noncurrent_versions, 2u);
}

TEST(DeploymentTally, RecordsADigestOnlyWhenEveryObjectHasAnETag) {
  const std::vector<ListedEntry> listed = {Version("d/a", "v1", kT, true), Marker("d/b", "v2", kT),
                                           Version("d/b", "v0", kT - 1h)};
  const auto inventory = TallyOf(listed);
  ASSERT_EQ(inventory.deployments.size(), 1u);
  EXPECT_EQ(inventory.deployments[0].versions_digest, DigestOf(listed, VersionIds::kHashed));
  // A Suspended bucket is planned from its versions but applied from its current objects:
  // the current digest is the one a listing without versions gives.
  ListedEntry as_apply_lists_it = listed[0];
  as_apply_lists_it.version_id.clear();
  EXPECT_EQ(inventory.deployments[0].current_digest,
            DigestOf(std::vector{as_apply_lists_it}, VersionIds::kIgnored));
  const auto without_versions = TallyOf({as_apply_lists_it});
  EXPECT_EQ(without_versions.deployments[0].current_digest, inventory.deployments[0].current_digest);
  EXPECT_EQ(without_versions.deployments[0].versions_digest, std::nullopt);

  ListedEntry from_inventory_report = Version("d/a", "v1", kT, true);
  from_inventory_report.etag.clear();
  const auto without = TallyOf({from_inventory_report});
  ASSERT_EQ(without.deployments.size(), 1u);
  EXPECT_EQ(without.deployments[0].current_digest, std::nullopt);
  EXPECT_EQ(without.deployments[0].versions_digest, std::nullopt);
}

}  // namespace
}  // namespace s3prune::prune
