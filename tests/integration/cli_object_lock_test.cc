// A real per-key refusal: an object under legal hold (S3 Object Lock, which RGW implements)
// in a doomed deployment, pruned with --versions. The server refuses that one version; it is
// reported with its code, every other version goes, and the exit code is 3. Checked with the
// AWS CLI, which also sets the hold (and lifts it so the bucket can be removed).
#include <gtest/gtest.h>

#include "cli_fixtures.h"
#include "test_server.h"

namespace s3prune::testing {
namespace {

// A bucket created with Object Lock enabled; versions and holds removed on destruction.
class LockedBucket {
 public:
  LockedBucket(const TestServer& server, std::string name) : server_(server), name_(std::move(name)) {
    const auto made = RunAws(server_, {"s3api", "create-bucket", "--bucket", name_, "--object-lock-enabled-for-bucket"});
    EXPECT_EQ(made.exit_code, 0) << Describe(made);
  }
  ~LockedBucket() {
    const auto listed = RunAws(server_, {"s3api", "list-object-versions", "--bucket", name_});
    if (listed.exit_code == 0 && !listed.out.empty()) {
      const auto document = nlohmann::json::parse(listed.out, nullptr, false);
      for (const char* kind : {"Versions", "DeleteMarkers"}) {
        if (document.is_discarded() || !document.contains(kind)) continue;
        for (const auto& version : document[kind]) {
          const std::string key = version["Key"], id = version["VersionId"];
          (void)RunAws(server_, {"s3api", "put-object-legal-hold", "--bucket", name_, "--key", key, "--version-id", id,
                                 "--legal-hold", "Status=OFF"});
          (void)RunAws(server_, {"s3api", "delete-object", "--bucket", name_, "--key", key, "--version-id", id});
        }
      }
    }
    (void)RunAws(server_, {"s3api", "delete-bucket", "--bucket", name_});
  }
  const std::string& name() const { return name_; }

 private:
  const TestServer& server_;
  std::string name_;
};

TEST(CliObjectLock, AVersionUnderLegalHoldIsReportedAndTheRestGoes) {
  S3PRUNE_REQUIRE_SERVER(server);
  S3PRUNE_REQUIRE_FEATURE(server, Feature::kObjectLock);
  LockedBucket bucket(server, UniqueBucketName("lock"));
  auto client = MakeClient(server);
  SeedDeployments(*client, bucket.name(), "", {{"a", {"i", "j"}}, {"b", {"i", "j"}}, {"c", {"i", "j"}}});
  const auto hold = RunAws(server, {"s3api", "put-object-legal-hold", "--bucket", bucket.name(), "--key", "a/i",
                                    "--legal-hold", "Status=ON"});
  ASSERT_EQ(hold.exit_code, 0) << Describe(hold);

  const auto run = RunS3prune(server, {"apply", "s3://" + bucket.name() + "/", "--keep-last", "1", "--versions", "--yes",
                                       "-o", "json"});
  EXPECT_EQ(run.exit_code, 3) << Describe(run);
  const auto result = ParseJson(run)["result"];
  ASSERT_EQ(result["failed"].size(), 1u) << result.dump(2);
  EXPECT_EQ(result["failed"][0]["key"], "a/i");
  EXPECT_EQ(result["failed"][0]["code"], "AccessDenied");
  EXPECT_EQ(result["objects_deleted"], 3);
  EXPECT_EQ(AwsVersionCount(server, bucket.name(), "a/"), 1u) << "only the held version is left";
  EXPECT_EQ(AwsVersionCount(server, bucket.name(), "b/"), 0u);
  EXPECT_EQ(AwsVersionCount(server, bucket.name(), "c/"), 2u);
}

}  // namespace
}  // namespace s3prune::testing
