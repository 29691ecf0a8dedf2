// `plan|apply --inventory manifest.json` against RGW, with an inventory report generated here
// in the documented format from the bucket's real listing (RGW does not produce S3 Inventory):
// the plan is the one a listing gives, and apply leaves whole what was written after the report.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "cli_fixtures.h"
#include "s3/core/timestamp.h"
#include "s3/core/uri_encode.h"
#include "test_server.h"

namespace s3prune::testing {
namespace {

// The key as inventory reports write it: URL-encoded, '+' for a space.
std::string InventoryKey(const std::string& key) {
  std::string encoded = s3::UriEncode(key, s3::SlashEncoding::kKeep);
  for (std::size_t at = 0; (at = encoded.find("%20", at)) != std::string::npos;) encoded.replace(at, 3, "+");
  return encoded;
}

std::string Gzip(const std::string& text) {
  const auto path = std::filesystem::temp_directory_path() / ("s3prune-inventory-" + std::to_string(::getpid()) + ".csv");
  std::ofstream(path, std::ios::binary) << text;
  EXPECT_EQ(RunProcess({"/bin/gzip", "-f", path.string()}).exit_code, 0);
  std::ifstream in(path.string() + ".gz", std::ios::binary);
  std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  std::filesystem::remove(path.string() + ".gz");
  return bytes;
}

// Writes a report of `source` (every current object) into `destination` and returns the
// manifest's s3:// URL.
std::string WriteInventory(const TestServer& server, ScopedBucket& source, ScopedBucket& destination) {
  std::string csv;
  for (const auto& version : ListAllVersions(source.client(), source.name())) {
    if (!version.is_latest || version.is_delete_marker) continue;
    csv += "\"" + source.name() + "\",\"" + InventoryKey(version.key) + "\",\"" + std::to_string(version.size) + "\",\"" +
           s3::FormatTimestamp(version.last_modified) + "\",\"etag\"\n";
  }
  PutObjects(destination.client(), destination.name(), {"reports/data/1.csv.gz"}, Gzip(csv));
  const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::system_clock::now().time_since_epoch());
  const std::string manifest = R"({"sourceBucket": ")" + source.name() + R"(", "destinationBucket": "arn:aws:s3:::)" +
                               destination.name() + R"(", "version": "2016-11-30", "creationTimestamp": ")" +
                               std::to_string(now.count()) + R"(", "fileFormat": "CSV",
    "fileSchema": "Bucket, Key, Size, LastModifiedDate, ETag",
    "files": [{"key": "reports/data/1.csv.gz", "size": 1, "MD5checksum": "x"}]})";
  PutObjects(destination.client(), destination.name(), {"reports/manifest.json"}, manifest);
  (void)server;
  return "s3://" + destination.name() + "/reports/manifest.json";
}

TEST(CliInventory, ThePlanFromAReportIsThePlanFromAListingAndApplyRechecks) {
  S3PRUNE_REQUIRE_SERVER(server);
  ScopedBucket bucket(server, "inv-site");
  ScopedBucket reports(server, "inv-reports");
  SeedDeployments(bucket.client(), bucket.name(), "",
                  {{"a", {"x", "with space+plus.html"}}, {"b", {"caf\xC3\xA9 \"q\",.txt"}}, {"c", {"x"}}, {"d", {"x"}}});
  PutObjects(bucket.client(), bucket.name(), {"index.html"});
  const std::string manifest = WriteInventory(server, bucket, reports);
  const std::string target = "s3://" + bucket.name() + "/";

  const auto listed = RunS3prune(server, {"plan", target, "--keep-last", "2", "-o", "json"});
  const auto reported = RunS3prune(server, {"plan", target, "--keep-last", "2", "--inventory", manifest, "-o", "json"});
  ASSERT_EQ(reported.exit_code, 0) << Describe(reported);
  const auto from_listing = ParseJson(listed);
  const auto from_report = ParseJson(reported);
  EXPECT_EQ(Actions(from_report), Actions(from_listing));
  EXPECT_EQ(from_report["summary"], from_listing["summary"]);
  EXPECT_EQ(from_report["root_objects"], 1);

  // Written after the report: b is left whole (exit 4), a goes.
  PutObjects(bucket.client(), bucket.name(), {"b/new.html"});
  const auto apply = RunS3prune(server, {"apply", target, "--keep-last", "2", "--inventory", manifest, "--yes"});
  EXPECT_EQ(apply.exit_code, 4) << Describe(apply);
  EXPECT_EQ(Sorted(AwsListKeys(server, bucket.name())),
            (std::vector<std::string>{"b/caf\xC3\xA9 \"q\",.txt", "b/new.html", "c/x", "d/x", "index.html"}));
}

TEST(CliInventory, ViaLifecycleEachDeploymentIsListedAgainBeforeItsRuleIsWritten) {
  S3PRUNE_REQUIRE_SERVER(server);
  S3PRUNE_LIFECYCLE_OR_REFUSAL(server);
  ScopedBucket bucket(server, "inv-site");
  ScopedBucket reports(server, "inv-reports");
  SeedDeployments(bucket.client(), bucket.name(), "", {{"a", {"x"}}, {"b", {"x"}}, {"c", {"x"}}});
  const std::string manifest = WriteInventory(server, bucket, reports);
  PutObjects(bucket.client(), bucket.name(), {"b/written-after-the-report"});
  const auto apply = RunS3prune(server, {"apply", "s3://" + bucket.name() + "/", "--keep-last", "1", "--inventory",
                                         manifest, "--via", "lifecycle", "--yes", "-o", "json"});
  EXPECT_EQ(apply.exit_code, 4) << Describe(apply);
  const auto document = ParseJson(apply);
  EXPECT_EQ(document["lifecycle"]["added"], (nlohmann::json{"a"})) << apply.out;
  EXPECT_EQ(document["changed_since_plan"][0]["deployment"], "b") << apply.out;
  const auto rules = RunAws(server, {"s3api", "get-bucket-lifecycle-configuration", "--bucket", bucket.name()});
  ASSERT_EQ(rules.exit_code, 0) << rules.err;
  const auto parsed = nlohmann::json::parse(rules.out)["Rules"];
  ASSERT_EQ(parsed.size(), 1u) << rules.out;
  EXPECT_EQ(parsed[0]["ID"], "s3prune:a");
}

// With daily reports and daily deploys the pointer names a deployment newer than the report
// every day: one that a listing shows exists is kept (it is in no decision), not refused.
TEST(CliInventory, APointerNamingADeploymentNewerThanTheReportKeepsIt) {
  S3PRUNE_REQUIRE_SERVER(server);
  ScopedBucket bucket(server, "inv-site");
  ScopedBucket reports(server, "inv-reports");
  SeedDeployments(bucket.client(), bucket.name(), "site/", {{"a", {"x"}}, {"b", {"x"}}, {"c", {"x"}}});
  const std::string manifest = WriteInventory(server, bucket, reports);
  SeedDeployments(bucket.client(), bucket.name(), "site/", {{"d", {"x"}}});
  PutObjects(bucket.client(), bucket.name(), {"live.txt"}, "d\n");
  const std::string target = "s3://" + bucket.name() + "/site/";
  const std::string pointer = "s3://" + bucket.name() + "/live.txt";

  const auto plan = RunS3prune(server, {"plan", target, "--keep-last", "1", "--keep-from", pointer, "--inventory",
                                        manifest, "-o", "json"});
  ASSERT_EQ(plan.exit_code, 0) << Describe(plan);
  const auto document = ParseJson(plan);
  EXPECT_EQ(Actions(document), (std::map<std::string, std::string>{{"a", "delete"}, {"b", "delete"}, {"c", "keep"}}));
  EXPECT_TRUE(AnyContains(document["warnings"], "names 'd', written after the inventory report")) << plan.out;
  const auto apply = RunS3prune(server, {"apply", target, "--keep-last", "1", "--keep-from", pointer, "--inventory",
                                         manifest, "--yes"});
  EXPECT_EQ(apply.exit_code, 0) << Describe(apply);
  EXPECT_EQ(Sorted(AwsListKeys(server, bucket.name())),
            (std::vector<std::string>{"live.txt", "site/c/x", "site/d/x"}));

  // An id that no listing shows is still refused.
  PutObjects(bucket.client(), bucket.name(), {"live.txt"}, "e\n");
  const auto missing = RunS3prune(server, {"plan", target, "--keep-last", "1", "--keep-from", pointer, "--inventory",
                                           manifest});
  EXPECT_EQ(missing.exit_code, 1) << Describe(missing);
  EXPECT_NE(missing.err.find("names 'e', which is not a deployment here"), std::string::npos) << Describe(missing);
}

TEST(CliInventory, AReportOfAnotherBucketOrForVersionsWithoutVersionsIsRefused) {
  S3PRUNE_REQUIRE_SERVER(server);
  ScopedBucket bucket(server, "inv-site");
  ScopedBucket other(server, "inv-other");
  ScopedBucket reports(server, "inv-reports");
  SeedDeployments(other.client(), other.name(), "", {{"a", {"x"}}});
  const std::string manifest = WriteInventory(server, other, reports);
  const auto wrong = RunS3prune(server, {"plan", "s3://" + bucket.name() + "/", "--keep-last", "1", "--inventory", manifest});
  // Requests were sent (the manifest was read): a refusal, exit 1, not a usage error.
  EXPECT_EQ(wrong.exit_code, 1) << Describe(wrong);
  EXPECT_NE(wrong.err.find("is a report of bucket '" + other.name() + "'"), std::string::npos) << Describe(wrong);
  const auto versions = RunS3prune(server, {"plan", "s3://" + other.name() + "/", "--keep-last", "1", "--versions",
                                            "--inventory", manifest});
  EXPECT_EQ(versions.exit_code, 1) << Describe(versions);
  EXPECT_NE(versions.err.find("needs a report with all versions"), std::string::npos) << Describe(versions);
}

}  // namespace
}  // namespace s3prune::testing
