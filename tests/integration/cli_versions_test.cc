// Versioned buckets: without --versions, plan and apply warn that deleting reclaims no space
// and every old version survives; with --versions, every version and delete marker of the
// doomed deployments goes (also residue: deployments with nothing current left), and the
// kept deployments' versions are untouched. Listings are checked with our client and with
// `aws s3api list-object-versions`.
#include <algorithm>

#include <gtest/gtest.h>

#include "cli_fixtures.h"
#include "s3/bucket_operations.h"
#include "s3/delete_operations.h"
#include "s3/object_operations.h"
#include "test_server.h"

namespace s3prune::testing {
namespace {

using Map = std::map<std::string, std::string>;

class CliVersions : public ::testing::Test {
 protected:
  // old: two current objects, one of them overwritten (one noncurrent version);
  // gone: deleted earlier without --versions (a noncurrent version under a delete marker);
  // markers: only a delete marker; new: the live deployment, also overwritten once.
  static void Seed(ScopedBucket& bucket) {
    auto& client = bucket.client();
    SeedDeployments(client, bucket.name(), "", {{"gone", {"x"}}, {"old", {"index.html", "app.js"}}});
    PutObjects(client, bucket.name(), {"old/index.html"}, "second version");
    EXPECT_TRUE(s3::DeleteObject(client, bucket.name(), {"gone/x", ""}));
    EXPECT_TRUE(s3::DeleteObject(client, bucket.name(), {"markers/never-existed", ""}));
    AwaitALaterServerSecond(client, bucket.name(), "old/");  // seeding: "new" is newer than "old" on any server
    SeedDeployments(client, bucket.name(), "", {{"new", {"index.html"}}});
    PutObjects(client, bucket.name(), {"new/index.html"}, "second version");
  }

  static std::vector<VersionEntry> Only(const std::vector<VersionEntry>& entries, bool delete_markers) {
    std::vector<VersionEntry> kept;
    std::ranges::copy_if(entries, std::back_inserter(kept),
                         [&](const VersionEntry& entry) { return std::get<2>(entry) == delete_markers; });
    return kept;
  }

};

TEST_F(CliVersions, WithoutVersionsPlanAndApplyWarnAndOldVersionsStay) {
  S3PRUNE_REQUIRE_SERVER(server);
  ScopedBucket bucket(server, "versions", ScopedBucket::Versioning::kEnabled);
  Seed(bucket);
  const std::string target = "s3://" + bucket.name() + "/";
  const auto before = VersionEntries(bucket.client(), bucket.name());

  const auto plan = RunS3prune(server, {"plan", target, "--keep-last", "1", "--output", "json"});
  EXPECT_EQ(plan.exit_code, 0) << Describe(plan);
  EXPECT_NE(plan.err.find("warning: "), std::string::npos) << Describe(plan);
  EXPECT_NE(plan.err.find("reclaims no space"), std::string::npos) << Describe(plan);
  EXPECT_NE(plan.err.find("--versions"), std::string::npos) << Describe(plan);
  const auto document = ParseJson(plan);
  EXPECT_EQ(document["summary"]["reclaims_space"], false);
  EXPECT_TRUE(AnyContains(document["warnings"], "versioned"));
  EXPECT_EQ(Actions(document), (Map{{"old", "delete"}, {"new", "keep"}}));  // residue is not seen
  EXPECT_EQ(VersionEntries(bucket.client(), bucket.name()), before);

  const auto apply = RunS3prune(server, {"apply", target, "--keep-last", "1", "--yes"});
  EXPECT_EQ(apply.exit_code, 0) << Describe(apply);
  EXPECT_NE(apply.err.find("reclaims no space"), std::string::npos) << Describe(apply);
  EXPECT_NE(apply.out.find("No space reclaimed"), std::string::npos) << Describe(apply);
  EXPECT_EQ(AwsListKeys(server, bucket.name()), (std::vector<std::string>{"new/index.html"}));
  // Every version is still there; the apply only added a delete marker per old object.
  const auto after = VersionEntries(bucket.client(), bucket.name());
  EXPECT_EQ(Only(after, false), Only(before, false));
  EXPECT_EQ(Only(after, true).size(), Only(before, true).size() + 2);
}

TEST_F(CliVersions, WithVersionsEveryVersionOfDoomedDeploymentsGoes) {
  S3PRUNE_REQUIRE_SERVER(server);
  ScopedBucket bucket(server, "versions", ScopedBucket::Versioning::kEnabled);
  Seed(bucket);
  const std::string target = "s3://" + bucket.name() + "/";
  const auto new_before = VersionEntries(bucket.client(), bucket.name(), "new/");
  ASSERT_EQ(new_before.size(), 2u);

  // --undo-window 0: the residue seeded seconds ago may go at once.
  const auto plan = RunS3prune(server, {"plan", target, "--keep-last", "1", "--versions", "--undo-window", "0",
                                        "--output", "json"});
  EXPECT_EQ(plan.exit_code, 0) << Describe(plan);
  EXPECT_EQ(plan.err, "") << "no warning with --versions";
  const auto document = ParseJson(plan);
  EXPECT_EQ(Actions(document), (Map{{"old", "delete"}, {"new", "keep"}, {"gone", "delete"}, {"markers", "delete"}}));
  EXPECT_TRUE(AnyContains(FindDeployment(document, "gone")["reasons"], "no current objects"));
  EXPECT_EQ(FindDeployment(document, "old")["noncurrent_versions"], 1);
  EXPECT_EQ(document["summary"]["objects_to_delete"], 2);
  EXPECT_EQ(document["summary"]["versions_to_delete"], 4);  // old 1, gone 2, markers 1
  EXPECT_EQ(document["summary"]["reclaims_space"], true);

  const auto applied = RunS3prune(server, {"apply", target, "--keep-last", "1", "--versions", "--undo-window", "0",
                                           "--yes", "-o", "json"});
  EXPECT_EQ(applied.exit_code, 0) << Describe(applied);
  const auto result = ParseJson(applied)["result"];
  EXPECT_EQ(result["deployments_deleted"], 3);
  EXPECT_EQ(result["objects_deleted"], 2);
  EXPECT_EQ(result["versions_deleted"], 4);
  EXPECT_EQ(result["complete"], true);

  for (const char* prefix : {"old/", "gone/", "markers/"}) {
    EXPECT_EQ(VersionEntries(bucket.client(), bucket.name(), prefix), std::vector<VersionEntry>{}) << prefix;
    EXPECT_EQ(AwsVersionCount(server, bucket.name(), prefix), 0u) << prefix;
  }
  EXPECT_EQ(VersionEntries(bucket.client(), bucket.name(), "new/"), new_before);
  EXPECT_EQ(AwsVersionCount(server, bucket.name(), "new/"), 2u);
}

TEST_F(CliVersions, ResidueOfAnEarlierApplyIsDeletedWithVersions) {
  S3PRUNE_REQUIRE_SERVER(server);
  ScopedBucket bucket(server, "versions", ScopedBucket::Versioning::kEnabled);
  SeedDeployments(bucket.client(), bucket.name(), "", {{"a", {"x", "y"}}, {"b", {"x"}}, {"c", {"x"}}});
  const std::string target = "s3://" + bucket.name() + "/";

  // The first apply forgot --versions: a and b are hidden, not gone.
  ASSERT_EQ(RunS3prune(server, {"apply", target, "--keep-last", "1", "--yes"}).exit_code, 0);
  ASSERT_EQ(VersionEntries(bucket.client(), bucket.name(), "a/").size(), 4u);  // 2 versions, 2 markers

  // The mistake can still be undone: residue younger than the undo window (7d) is kept, and
  // so is residue younger than --keep-within, so the next run with --versions purges nothing.
  for (const std::vector<std::string>& window : {std::vector<std::string>{},
                                                 std::vector<std::string>{"--undo-window", "0", "--keep-within", "1h"}}) {
    std::vector<std::string> args = {"apply", target, "--keep-last", "3", "--versions", "--yes", "-o", "json"};
    args.insert(args.end(), window.begin(), window.end());
    const auto undo = RunS3prune(server, args);
    EXPECT_EQ(undo.exit_code, 0) << Describe(undo);
    const auto kept = ParseJson(undo);
    EXPECT_EQ(Actions(kept), (Map{{"a", "keep"}, {"b", "keep"}, {"c", "keep"}})) << Describe(undo);
    EXPECT_TRUE(AnyContains(FindDeployment(kept, "a")["reasons"], window.empty() ? "within --undo-window 7d"
                                                                                   : "younger than 1h"));
    ASSERT_EQ(VersionEntries(bucket.client(), bucket.name(), "a/").size(), 4u);
  }

  // Residue takes no --keep-last slot; --keep still keeps it by name.
  const auto plan = RunS3prune(server, {"plan", target, "--keep-last", "1", "--versions", "--undo-window", "0",
                                        "--keep", "b", "-o", "json"});
  const auto document = ParseJson(plan);
  EXPECT_EQ(Actions(document), (Map{{"a", "delete"}, {"b", "keep"}, {"c", "keep"}}));
  EXPECT_EQ(FindDeployment(document, "a")["objects"], 0);

  const auto applied = RunS3prune(server, {"apply", target, "--keep-last", "1", "--versions", "--undo-window", "0",
                                           "--yes"});
  EXPECT_EQ(applied.exit_code, 0) << Describe(applied);
  EXPECT_EQ(VersionEntries(bucket.client(), bucket.name(), "a/"), std::vector<VersionEntry>{});
  EXPECT_EQ(VersionEntries(bucket.client(), bucket.name(), "b/"), std::vector<VersionEntry>{});
  EXPECT_EQ(AwsVersionCount(server, bucket.name(), ""), 1u);  // c/x
}

TEST_F(CliVersions, SuspendedVersioningIsToldTruthfully) {
  S3PRUNE_REQUIRE_SERVER(server);
  ScopedBucket bucket(server, "versions", ScopedBucket::Versioning::kEnabled);
  // "a/old" has a version from when versioning was Enabled; everything else is a null version.
  PutObjects(bucket.client(), bucket.name(), {"a/old"}, "enabled-era");
  ASSERT_TRUE(s3::PutBucketVersioning(bucket.client(), bucket.name(), s3::VersioningStatus::kSuspended));
  SeedDeployments(bucket.client(), bucket.name(), "", {{"a", {"x", "old"}}, {"b", {"x"}}});
  const std::string target = "s3://" + bucket.name() + "/";

  const auto plan = RunS3prune(server, {"plan", target, "--keep-last", "1", "-o", "json"});
  EXPECT_EQ(plan.exit_code, 0) << Describe(plan);
  EXPECT_NE(plan.err.find("Suspended"), std::string::npos) << Describe(plan);
  EXPECT_NE(plan.err.find("for good"), std::string::npos) << Describe(plan);
  EXPECT_EQ(plan.err.find("reclaims no space"), std::string::npos) << Describe(plan);
  const auto document = ParseJson(plan);
  EXPECT_EQ(FindDeployment(document, "a")["delete_effect"], "permanent_for_null_versions");
  EXPECT_EQ(document["summary"]["reclaims_space"], true);
  EXPECT_EQ(document["summary"]["delete_effect"], "permanent_for_null_versions");
  // a/x and a/old as null versions: the two objects SeedDeployments wrote, of equal size.
  EXPECT_EQ(document["summary"]["bytes_reclaimed"], document["summary"]["bytes_to_delete"]);
  EXPECT_GT(document["summary"]["bytes_reclaimed"].get<std::uint64_t>(), 0u);

  const auto applied = RunS3prune(server, {"apply", target, "--keep-last", "1", "--yes"});
  EXPECT_EQ(applied.exit_code, 0) << Describe(applied);
  EXPECT_NE(applied.out.find("for good"), std::string::npos) << Describe(applied);
  EXPECT_EQ(applied.out.find("No space reclaimed"), std::string::npos) << Describe(applied);
  // The null versions are gone for good; the Enabled-era version of a/old stays.
  const auto left = VersionEntries(bucket.client(), bucket.name(), "a/");
  EXPECT_EQ(Only(left, false).size(), 1u);
  EXPECT_EQ(std::get<0>(Only(left, false)[0]), "a/old");
  // It is not current again on either server: RGW hides it under a null delete marker on each
  // key (S3's rule); Swift (2.30.1) writes no delete marker in a Suspended bucket, yet does not
  // list the Enabled-era version as current either.
  EXPECT_EQ(Only(left, true).size(), server.kind == ServerKind::kSwift ? 0u : 2u) << "null delete markers";
  EXPECT_EQ(AwsListKeys(server, bucket.name(), "a/"), std::vector<std::string>{});
  for (const auto& entry : left) {
    if (!std::get<2>(entry)) {
      EXPECT_NE(std::get<1>(entry), "null");
    }
  }
}

TEST_F(CliVersions, AVersionListingErrorDeletesNothing) {
  S3PRUNE_REQUIRE_SERVER(server);
  S3PRUNE_REQUIRE_FEATURE(server, Feature::kBucketPolicy);
  ScopedBucket bucket(server, "versions", ScopedBucket::Versioning::kEnabled);
  Seed(bucket);
  const auto before = VersionEntries(bucket.client(), bucket.name());
  const nlohmann::json deny = {
      {"Version", "2012-10-17"},
      {"Statement",
       {{{"Effect", "Deny"},
         {"Principal", "*"},
         {"Action", "s3:ListBucketVersions"},
         {"Resource", "arn:aws:s3:::" + bucket.name()}}}},
  };
  {
    ScopedBucketPolicy policy(server, bucket.name(), deny);
    const auto run = RunS3prune(server, {"apply", "s3://" + bucket.name() + "/", "--keep-last", "1", "--versions",
                                         "--yes"});
    EXPECT_EQ(run.exit_code, 1) << Describe(run);
    EXPECT_NE(run.err.find("access denied"), std::string::npos) << Describe(run);
    EXPECT_EQ(run.out, "") << "no plan is made from a failed listing";
  }
  EXPECT_EQ(VersionEntries(bucket.client(), bucket.name()), before);
}

TEST_F(CliVersions, LsWithVersionsCountsOldVersions) {
  S3PRUNE_REQUIRE_SERVER(server);
  ScopedBucket bucket(server, "versions", ScopedBucket::Versioning::kEnabled);
  Seed(bucket);
  const auto run = RunS3prune(server, {"ls", "s3://" + bucket.name() + "/", "--versions", "-o", "json"});
  ASSERT_EQ(run.exit_code, 0) << Describe(run);
  const auto document = ParseJson(run);
  EXPECT_EQ(FindDeployment(document, "old")["noncurrent_versions"], 1);
  EXPECT_EQ(FindDeployment(document, "new")["noncurrent_versions"], 1);
  EXPECT_EQ(FindDeployment(document, "gone")["objects"], 0);
  EXPECT_EQ(FindDeployment(document, "gone")["noncurrent_versions"], 2);
}

}  // namespace
}  // namespace s3prune::testing
