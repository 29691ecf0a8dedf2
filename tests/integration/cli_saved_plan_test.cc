// Saved plans against a real bucket, as with `terraform plan -out`: `apply --plan FILE`
// deletes exactly the deployments the saved plan doomed, without planning again, leaves a
// deployment written to since the plan whole, and refuses (nothing deleted) when the
// pointers, the bucket's versioning or the plan's age no longer match. Checked with the AWS CLI.
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "cli_fixtures.h"
#include "s3/bucket_operations.h"
#include "test_server.h"

namespace s3prune::testing {
namespace {

using Map = std::map<std::string, std::string>;

std::string PlanPath(const std::string& name) { return ::testing::TempDir() + "s3prune-" + name + ".plan.json"; }

nlohmann::json ReadJsonFile(const std::string& path) {
  std::ifstream file(path);
  std::stringstream text;
  text << file.rdbuf();
  return nlohmann::json::parse(text.str());
}

void WriteJsonFile(const std::string& path, const nlohmann::json& document) { std::ofstream(path) << document.dump(2); }

TEST(CliSavedPlan, ApplyDeletesExactlyTheSavedPlanWithoutPlanningAgain) {
  S3PRUNE_REQUIRE_SERVER(server);
  ScopedBucket bucket(server, "saved");
  SeedDeployments(bucket.client(), bucket.name(), "www/", {{"d1", {"a", "b"}}, {"d2", {"a"}}, {"d3", {"a"}}, {"d4", {"a"}}});
  const std::string target = "s3://" + bucket.name() + "/www/";
  const std::string file = PlanPath("exact");
  const auto plan = RunS3prune(server, {"plan", target, "--keep-last", "2", "--out", file, "-o", "json"});
  ASSERT_EQ(plan.exit_code, 0) << Describe(plan);
  const auto saved = ReadJsonFile(file);
  EXPECT_EQ(saved["format"], "s3prune-plan/1");
  EXPECT_EQ(Actions(saved), Actions(ParseJson(plan)));  // the file holds the plan that was shown
  EXPECT_EQ(Actions(saved), (Map{{"d1", "delete"}, {"d2", "delete"}, {"d3", "keep"}, {"d4", "keep"}}));

  // A newer deployment arrives: planning again would doom d3; the saved plan does not.
  PutObjects(bucket.client(), bucket.name(), {"www/d5/a"});
  const auto apply = RunS3prune(server, {"apply", "--plan", file, "--yes", "-o", "json"});
  ASSERT_EQ(apply.exit_code, 0) << Describe(apply);
  const auto result = ParseJson(apply);
  EXPECT_EQ(result["result"]["objects_deleted"], 3);
  EXPECT_EQ(Actions(result), Actions(saved));
  EXPECT_EQ(AwsListKeys(server, bucket.name()), (std::vector<std::string>{"www/d3/a", "www/d4/a", "www/d5/a"}));

  // Applied twice, the plan finds nothing left and says so.
  const auto again = RunS3prune(server, {"apply", "--plan", file, "--yes", "-o", "json"});
  ASSERT_EQ(again.exit_code, 0) << Describe(again);
  EXPECT_EQ(ParseJson(again)["result"]["deployments_already_gone"], nlohmann::json::parse(R"(["d2", "d1"])"))
      << "in plan order, most recent first";
  EXPECT_EQ(ParseJson(again)["result"]["deployments_deleted"], 0);
}

TEST(CliSavedPlan, ADeploymentWrittenToSinceTheSavedPlanIsLeftWhole) {
  S3PRUNE_REQUIRE_SERVER(server);
  ScopedBucket bucket(server, "saved");
  SeedDeployments(bucket.client(), bucket.name(), "", {{"d1", {"a"}}, {"d2", {"a"}}, {"d3", {"a"}}});
  const std::string file = PlanPath("late");
  const auto plan = RunS3prune(server, {"plan", "s3://" + bucket.name() + "/", "--keep-last", "1", "--out", file});
  ASSERT_EQ(plan.exit_code, 0) << Describe(plan);
  EXPECT_NE(plan.out.find("apply --plan " + file), std::string::npos) << plan.out;
  PutObjects(bucket.client(), bucket.name(), {"d1/late.html"});  // a slow CI upload re-using an old id

  const auto apply = RunS3prune(server, {"apply", "--plan", file, "--yes"});
  EXPECT_EQ(apply.exit_code, 4) << Describe(apply);
  EXPECT_NE(apply.out.find("changed since the plan"), std::string::npos) << apply.out;
  EXPECT_EQ(AwsListKeys(server, bucket.name()), (std::vector<std::string>{"d1/a", "d1/late.html", "d3/a"}));
}

TEST(CliSavedPlan, RefusesWhenTheWorldOfThePlanNoLongerHolds) {
  S3PRUNE_REQUIRE_SERVER(server);
  ScopedBucket bucket(server, "saved");
  SeedDeployments(bucket.client(), bucket.name(), "", {{"d1", {"a"}}, {"d2", {"a"}}, {"d3", {"a"}}});
  PutObjects(bucket.client(), bucket.name(), {"live.txt"}, "d1\n");
  const std::string target = "s3://" + bucket.name() + "/";
  const std::string file = PlanPath("refuse");
  const auto plan = RunS3prune(server, {"plan", target, "--keep-last", "1", "--keep-from", target + "live.txt", "--out", file});
  ASSERT_EQ(plan.exit_code, 0) << Describe(plan);
  const auto before = AwsListKeys(server, bucket.name());
  ASSERT_EQ(before.size(), 4u);
  const auto saved = ReadJsonFile(file);

  struct Case {
    std::string name;
    std::function<void()> change;  // what happens between plan and apply
    std::vector<std::string> extra_args;
    int exit_code;
    std::string message;
  };
  const Case cases[] = {
      {"a rollback rewrote the pointer", [&] { PutObjects(bucket.client(), bucket.name(), {"live.txt"}, "d2\n"); }, {}, 1,
       "--keep-from " + target + "live.txt changed since the plan (it named d1, now d2)"},
      {"the plan is older than --max-plan-age",
       [&] {
         auto old = saved;
         old["now"] = "2026-01-01T00:00:00.999Z";
         WriteJsonFile(file, old);
       },
       {}, 1, "more than --max-plan-age"},
      {"a kept row's action was edited to delete",
       [&] {
         auto edited = saved;
         for (auto& row : edited["deployments"]) {
           if (row["id"] == "d1") row["action"] = "delete";
         }
         WriteJsonFile(file, edited);
       },
       {}, 1, "the plan says delete 'd1', but its own policy and deployments say keep"},
      {"the plan is dated ahead of the server's clock",
       [&] {
         auto future = saved;
         future["now"] = "2099-01-01T00:00:00.999Z";
         WriteJsonFile(file, future);
       },
       {}, 1, "ahead of the server's clock"},
      {"the plan was made against another endpoint",
       [&] {
         auto elsewhere = saved;
         elsewhere["made_against"]["endpoint"] = "https://s3.other.example";
         WriteJsonFile(file, elsewhere);
       },
       {}, 1, "the plan was made against https://s3.other.example, not " + server.endpoint},
      {"a plan that does not say where it was made",
       [&] {
         auto older = saved;
         older.erase("made_against");
         WriteJsonFile(file, older);
       },
       {}, 1, "does not record the endpoint"},
      {"another region", [] {}, {"--region", "eu-west-1"}, 1, "made against region us-east-1, not eu-west-1"},
      {"another bucket owner", [] {}, {"--expected-bucket-owner", "111122223333"}, 2,
       "the plan was made with --expected-bucket-owner '', not '111122223333'"},
      {"versioning was enabled",
       [&] { ASSERT_TRUE(s3::PutBucketVersioning(bucket.client(), bucket.name(), s3::VersioningStatus::kEnabled)); }, {},
       1, "versioning is now Enabled"},
      {"the file is not a plan", [&] { std::ofstream(file) << "{\"plan\": true}"; }, {}, 2, "is not a plan saved by"},
      {"a policy flag with --plan", [] {}, {"--keep-last", "3"}, 2, "--keep-last cannot be combined with --plan"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    WriteJsonFile(file, saved);
    PutObjects(bucket.client(), bucket.name(), {"live.txt"}, "d1\n");
    c.change();
    std::vector<std::string> args = {"apply", "--plan", file, "--yes"};
    args.insert(args.end(), c.extra_args.begin(), c.extra_args.end());
    const auto apply = RunS3prune(server, args);
    EXPECT_EQ(apply.exit_code, c.exit_code) << Describe(apply);
    EXPECT_NE(apply.err.find(c.message), std::string::npos) << apply.err;
    EXPECT_EQ(Lines(apply.err).size(), 1u) << apply.err;
    EXPECT_EQ(AwsListKeys(server, bucket.name()), before);
  }
}

}  // namespace
}  // namespace s3prune::testing
