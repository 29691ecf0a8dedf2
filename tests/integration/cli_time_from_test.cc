// --time-from against a real bucket: deployments uploaded in the opposite order of their
// times (a copy, a restore, a late re-upload), pruned by the time their ids or marker objects
// carry; markers and their metadata written by the AWS CLI; a deployment whose time cannot be
// read is kept (and --strict-time refuses), and a saved plan carries what its markers said.
#include <filesystem>
#include <fstream>

#include <unistd.h>

#include <gtest/gtest.h>

#include "cli_fixtures.h"
#include "test_server.h"

namespace s3prune::testing {
namespace {

using Map = std::map<std::string, std::string>;

// A file holding `text`, for `aws s3api put-object --body`; removed when destroyed.
class TempFile {
 public:
  TempFile(const std::string& name, const std::string& text)
      : path_(std::filesystem::temp_directory_path() / ("s3prune-" + std::to_string(::getpid()) + "-" + name)) {
    std::ofstream(path_) << text;
  }
  ~TempFile() { std::filesystem::remove(path_); }
  std::string path() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

// Writes the marker object KEY with `body` (may be empty) and metadata through the AWS CLI.
void PutMarker(const TestServer& server, const std::string& bucket, const std::string& key, const std::string& body,
               const std::string& metadata = "") {
  TempFile file("marker", body);
  std::vector<std::string> args = {"s3api", "put-object", "--bucket", bucket, "--key", key, "--body", file.path()};
  if (!metadata.empty()) args.insert(args.end(), {"--metadata", metadata});
  const auto put = RunAws(server, args);
  ASSERT_EQ(put.exit_code, 0) << Describe(put);
}

nlohmann::json PlanJson(const TestServer& server, std::vector<std::string> args, int exit_code = 0) {
  args.insert(args.end(), {"--output", "json"});
  const auto run = RunS3prune(server, args);
  EXPECT_EQ(run.exit_code, exit_code) << Describe(run);
  return exit_code == 0 ? ParseJson(run) : nlohmann::json();
}

TEST(CliTimeFrom, IdTimesPruneWhatLastModifiedWouldKeep) {
  S3PRUNE_REQUIRE_SERVER(server);
  ScopedBucket bucket(server, "timefrom");
  // Uploaded oldest-named last: by LastModified, release-20240101 is the newest.
  SeedDeployments(bucket.client(), bucket.name(), "",
                  {{"release-20240301-c", {"index.html"}},
                   {"release-20240201-b", {"index.html"}},
                   {"latest", {"index.html"}},
                   {"release-20240101-a", {"index.html", "app.js"}}});
  const std::string target = "s3://" + bucket.name() + "/";

  const auto by_objects = PlanJson(server, {"plan", target, "--keep-last", "1"});
  EXPECT_EQ(Actions(by_objects)["release-20240101-a"], "keep");

  const std::vector<std::string> policy = {"--keep-last", "1", "--time-from", "id:release-%Y%m%d-*"};
  std::vector<std::string> plan_args = {"plan", target};
  plan_args.insert(plan_args.end(), policy.begin(), policy.end());
  const auto document = PlanJson(server, plan_args);
  EXPECT_EQ(Actions(document), (Map{{"release-20240301-c", "keep"},
                                    {"release-20240201-b", "delete"},
                                    {"release-20240101-a", "delete"},
                                    {"latest", "keep"}}));
  EXPECT_EQ(document["policy"]["time_from"], "id:release-%Y%m%d-*");
  EXPECT_EQ(document["deployments"][0]["id"], "release-20240301-c");
  EXPECT_EQ(document["deployments"][0]["time"], "2024-03-01T00:00:00Z");
  const auto latest = FindDeployment(document, "latest");
  EXPECT_TRUE(AnyContains(latest["reasons"], "time unknown: id does not match --time-from id:release-%Y%m%d-*"))
      << latest.dump();
  EXPECT_TRUE(latest["time"].is_null());
  EXPECT_TRUE(AnyContains(document["warnings"], "1 deployment has no readable time")) << document["warnings"].dump();
  // Written today, named for 2024: the plan says so, for information.
  EXPECT_TRUE(FindDeployment(document, "release-20240101-a").contains("time_note"));

  // ls shows the time plan dates by, and lists in that order; the unreadable one last.
  const auto listed = RunS3prune(server, {"ls", target, "--time-from", "id:release-%Y%m%d-*", "-o", "json"});
  ASSERT_EQ(listed.exit_code, 0) << Describe(listed);
  const auto listing = ParseJson(listed);
  EXPECT_EQ(listing["time_from"], "id:release-%Y%m%d-*");
  ASSERT_EQ(listing["deployments"].size(), 4u);
  EXPECT_EQ(listing["deployments"][0]["id"], "release-20240301-c");
  EXPECT_EQ(listing["deployments"][0]["time"], "2024-03-01T00:00:00Z");
  EXPECT_EQ(listing["deployments"][3]["id"], "latest");
  EXPECT_TRUE(listing["deployments"][3].contains("time_unknown")) << listing.dump();
  const auto table = RunS3prune(server, {"ls", target, "--time-from", "id:release-%Y%m%d-*"});
  EXPECT_NE(table.out.find("TIME: from --time-from id:release-%Y%m%d-*"), std::string::npos) << table.out;

  std::vector<std::string> apply_args = {"apply", target, "--yes"};
  apply_args.insert(apply_args.end(), policy.begin(), policy.end());
  const auto applied = RunS3prune(server, apply_args);
  ASSERT_EQ(applied.exit_code, 0) << Describe(applied);
  EXPECT_EQ(AwsListKeys(server, bucket.name()),
            (std::vector<std::string>{"latest/index.html", "release-20240301-c/index.html"}));
}

TEST(CliTimeFrom, MarkerObjectsDateDeploymentsAndAMissingOneIsKept) {
  S3PRUNE_REQUIRE_SERVER(server);
  ScopedBucket bucket(server, "timefrom");
  SeedDeployments(bucket.client(), bucket.name(), "site/",
                  {{"blue", {"index.html"}}, {"green", {"index.html"}}, {"red", {"index.html"}}});
  // red was uploaded last but deployed first; green has no marker at all.
  PutMarker(server, bucket.name(), "site/blue/.deployed-at", "2024-03-01T10:00:00Z\n");
  PutMarker(server, bucket.name(), "site/red/.deployed-at", "1704067200");  // 2024-01-01
  const std::string target = "s3://" + bucket.name() + "/site/";
  const auto before = AwsListKeys(server, bucket.name());

  const auto document = PlanJson(server, {"plan", target, "--keep-last", "1", "--time-from", "object:.deployed-at"});
  EXPECT_EQ(Actions(document), (Map{{"blue", "keep"}, {"green", "keep"}, {"red", "delete"}}));
  EXPECT_EQ(FindDeployment(document, "red")["time"], "2024-01-01T00:00:00Z");
  const auto green = FindDeployment(document, "green");
  EXPECT_EQ(green["time_unknown"], "its marker .deployed-at is missing") << green.dump();
  EXPECT_TRUE(AnyContains(green["reasons"], "never deleted on a guess")) << green.dump();

  // --strict-time: a deployment without a readable time refuses the run; nothing is deleted.
  const auto strict = RunS3prune(
      server, {"apply", target, "--keep-last", "1", "--time-from", "object:.deployed-at", "--strict-time", "--yes"});
  EXPECT_EQ(strict.exit_code, 1) << Describe(strict);
  EXPECT_NE(strict.err.find("--strict-time: 1 deployment has no readable time"), std::string::npos) << strict.err;
  EXPECT_NE(strict.err.find("'green'"), std::string::npos) << strict.err;
  EXPECT_EQ(AwsListKeys(server, bucket.name()), before);

  // A saved plan carries what each marker said: applied, it re-decides from that and deletes red.
  const auto file = (std::filesystem::temp_directory_path() / ("s3prune-timefrom-" + std::to_string(::getpid()) + ".json")).string();
  const auto saved = RunS3prune(server, {"plan", target, "--keep-last", "1", "--time-from", "object:.deployed-at", "--out", file});
  ASSERT_EQ(saved.exit_code, 0) << Describe(saved);
  const auto apply = RunS3prune(server, {"apply", "--plan", file, "--yes"});
  std::filesystem::remove(file);
  ASSERT_EQ(apply.exit_code, 0) << Describe(apply);
  EXPECT_EQ(AwsListKeys(server, bucket.name()),
            (std::vector<std::string>{"site/blue/.deployed-at", "site/blue/index.html", "site/green/index.html"}));
}

TEST(CliTimeFrom, MetadataOfAMarkerDatesDeployments) {
  S3PRUNE_REQUIRE_SERVER(server);
  ScopedBucket bucket(server, "timefrom");
  SeedDeployments(bucket.client(), bucket.name(), "", {{"v1", {"index.html"}}, {"v2", {"index.html"}}, {"v3", {"index.html"}}});
  // Written by hand in reverse: v3 claims to be the oldest; v2's marker has no such header.
  PutMarker(server, bucket.name(), "v1/.deployed-at", "", "deployed-at=2024-05-01T00:00:00Z");
  PutMarker(server, bucket.name(), "v2/.deployed-at", "", "other=1");
  PutMarker(server, bucket.name(), "v3/.deployed-at", "", "deployed-at=2024-04-01T00:00:00+02:00");
  const auto document =
      PlanJson(server, {"plan", "s3://" + bucket.name() + "/", "--keep-last", "1", "--time-from", "meta:deployed-at"});
  EXPECT_EQ(Actions(document), (Map{{"v1", "keep"}, {"v2", "keep"}, {"v3", "delete"}}));
  EXPECT_EQ(FindDeployment(document, "v3")["time"], "2024-03-31T22:00:00Z");
  EXPECT_EQ(FindDeployment(document, "v2")["time_unknown"], "its marker .deployed-at has no x-amz-meta-deployed-at");

  // order:natural needs no request: v3 after v2 after v1; and it gives no age to --keep-within.
  const auto natural = PlanJson(server, {"plan", "s3://" + bucket.name() + "/", "--keep-last", "2", "--time-from", "order:natural"});
  EXPECT_EQ(Actions(natural), (Map{{"v1", "delete"}, {"v2", "keep"}, {"v3", "keep"}}));
  const auto no_age =
      RunS3prune(server, {"plan", "s3://" + bucket.name() + "/", "--keep-within", "1d", "--time-from", "order:natural"});
  EXPECT_EQ(no_age.exit_code, 2) << Describe(no_age);
}

}  // namespace
}  // namespace s3prune::testing
