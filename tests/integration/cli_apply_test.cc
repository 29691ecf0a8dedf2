// `s3prune apply` against a real bucket: it deletes exactly the doomed deployments' objects
// (checked with the AWS CLI, an independent client), refuses without confirmation or over
// --max-delete, handles more than one DeleteObjects batch, awkward keys, multipart uploads,
// and reports per-key failures with exit code 3.
#include <unistd.h>

#include <regex>

#include <gtest/gtest.h>

#include "cli_fixtures.h"
#include "s3/list_operations.h"
#include "s3/object_operations.h"
#include "test_server.h"

namespace s3prune::testing {
namespace {

std::vector<std::string> With(std::vector<std::string> keys, std::vector<std::string> more) {
  keys.insert(keys.end(), more.begin(), more.end());
  return Sorted(std::move(keys));
}

// Runs `apply <target> <args> --yes --output json` and returns the document.
nlohmann::json ApplyJson(const TestServer& server, const std::string& target, std::vector<std::string> args,
                         int expected_exit = 0) {
  args.insert(args.begin(), {"apply", target});
  args.insert(args.end(), {"--yes", "--output", "json"});
  const auto run = RunS3prune(server, args);
  EXPECT_EQ(run.exit_code, expected_exit) << Describe(run);
  return ParseJson(run);
}

TEST(CliApply, DeletesExactlyTheDoomedDeploymentsAndNothingElse) {
  S3PRUNE_REQUIRE_SERVER(server);
  ScopedBucket bucket(server, "apply");
  const auto outside = SeedDeployments(bucket.client(), bucket.name(), "", {{"d1", {"outside"}}});
  const auto sibling = SeedDeployments(bucket.client(), bucket.name(), "sites/www-old/", {{"d1", {"x"}}});
  const auto doomed = SeedDeployments(bucket.client(), bucket.name(), "sites/www/",
                                      {{"d1", {"index.html", "css/site.css"}}, {"d2", {"index.html"}}});
  const auto kept = SeedDeployments(bucket.client(), bucket.name(), "sites/www/",
                                    {{"d3", {"index.html"}}, {"d4", {"index.html"}}});
  const std::vector<std::string> roots = {"sites/www/robots.txt", "sites/www/d1", "sites/www.txt"};
  PutObjects(bucket.client(), bucket.name(), roots);

  const auto run = RunS3prune(server, {"apply", "s3://" + bucket.name() + "/sites/www/", "--keep-last", "2", "--yes"});
  EXPECT_EQ(run.exit_code, 0) << Describe(run);
  EXPECT_NE(run.out.find("DELETE  d1"), std::string::npos) << "the plan is shown first\n" << run.out;
  EXPECT_NE(run.out.find("Deleted 2 deployments: 3 objects"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("Estimated saving"), std::string::npos) << run.out;
  EXPECT_EQ(AwsListKeys(server, bucket.name()), With(outside, With(sibling, With(kept, roots))));
}

TEST(CliApply, IdsMatchWholeSegmentsWhenDeleting) {
  S3PRUNE_REQUIRE_SERVER(server);
  ScopedBucket bucket(server, "apply");
  SeedDeployments(bucket.client(), bucket.name(), "",
                  {{"dep10", {"a", "b"}}, {"dep1", {"a"}}, {"dep1-x", {"a"}}, {"dep2", {"a"}}});
  PutObjects(bucket.client(), bucket.name(), {"dep1", "dep10.txt"});
  const std::string target = "s3://" + bucket.name() + "/";

  // dep1 is kept by name: deleting dep10 and dep1-x must leave every dep1/ key.
  ApplyJson(server, target, {"--keep-last", "1", "--keep", "dep1"});
  EXPECT_EQ(AwsListKeys(server, bucket.name()), (std::vector<std::string>{"dep1", "dep1/a", "dep10.txt", "dep2/a"}));
  // And the other way round: deleting dep1 leaves the root object "dep1" and "dep10.txt".
  ApplyJson(server, target, {"--keep-last", "1"});
  EXPECT_EQ(AwsListKeys(server, bucket.name()), (std::vector<std::string>{"dep1", "dep10.txt", "dep2/a"}));
}

TEST(CliApply, WithoutATerminalAndWithoutYesItRefusesAndDeletesNothing) {
  S3PRUNE_REQUIRE_SERVER(server);
  ScopedBucket bucket(server, "apply");
  SeedDeployments(bucket.client(), bucket.name(), "", {{"a", {"x"}}, {"b", {"x"}}});
  const auto before = AwsListKeys(server, bucket.name());
  const std::string target = "s3://" + bucket.name() + "/";

  // "y" on a pipe is not a confirmation: only a terminal can confirm.
  for (const std::string stdin_text : {"", "y\n"}) {
    const auto run = RunS3prune(server, {"apply", target, "--keep-last", "1"}, {}, stdin_text);
    EXPECT_EQ(run.exit_code, 1) << Describe(run);
    EXPECT_NE(run.err.find("--yes"), std::string::npos) << Describe(run);
    EXPECT_NE(run.err.find("nothing was deleted"), std::string::npos) << Describe(run);
    EXPECT_NE(run.out.find("DELETE  a"), std::string::npos) << "the plan is still shown\n" << Describe(run);
  }
  EXPECT_EQ(AwsListKeys(server, bucket.name()), before);
}

TEST(CliApply, OnATerminalItAsksAndOnlyYesDeletes) {
  S3PRUNE_REQUIRE_SERVER(server);
  // util-linux `script` gives s3prune a pseudo-terminal for stdin, stdout and stderr.
  if (access("/usr/bin/script", X_OK) != 0) GTEST_SKIP() << "needs /usr/bin/script (util-linux)";
  ScopedBucket bucket(server, "apply");
  SeedDeployments(bucket.client(), bucket.name(), "", {{"a", {"x", "y"}}, {"b", {"x"}}, {"c", {"x"}}});
  const std::string command = S3pruneBinary() + " apply s3://" + bucket.name() + "/ --keep-last 1 --endpoint-url " +
                              server.endpoint;
  const std::regex question(R"(Delete 2 deployments \(3 objects, \d+ B\)\? \[y/N\])");

  const auto declined = RunProcess({"/usr/bin/script", "-q", "-e", "-c", command, "/dev/null"}, {}, "n\n");
  EXPECT_EQ(declined.exit_code, 1) << Describe(declined);
  EXPECT_TRUE(std::regex_search(declined.out, question)) << Describe(declined);
  EXPECT_EQ(AwsListKeys(server, bucket.name()).size(), 4u);

  const auto confirmed = RunProcess({"/usr/bin/script", "-q", "-e", "-c", command, "/dev/null"}, {}, "y\n");
  EXPECT_EQ(confirmed.exit_code, 0) << Describe(confirmed);
  EXPECT_TRUE(std::regex_search(confirmed.out, question)) << Describe(confirmed);
  EXPECT_EQ(AwsListKeys(server, bucket.name()), (std::vector<std::string>{"c/x"}));
}

TEST(CliApply, MaxDeleteRefusesLargerPlansAndDeletesNothing) {
  S3PRUNE_REQUIRE_SERVER(server);
  ScopedBucket bucket(server, "apply");
  SeedDeployments(bucket.client(), bucket.name(), "", {{"a", {"x", "y"}}, {"b", {"x"}}, {"c", {"x"}}});
  const auto before = AwsListKeys(server, bucket.name());
  const std::string target = "s3://" + bucket.name() + "/";

  const auto refused = RunS3prune(server, {"apply", target, "--keep-last", "1", "--yes", "--max-delete", "2"});
  EXPECT_EQ(refused.exit_code, 1) << Describe(refused);
  EXPECT_NE(refused.err.find("--max-delete 2"), std::string::npos) << Describe(refused);
  EXPECT_NE(refused.err.find("nothing was deleted"), std::string::npos) << Describe(refused);
  EXPECT_EQ(AwsListKeys(server, bucket.name()), before);

  const auto allowed = RunS3prune(server, {"apply", target, "--keep-last", "1", "--yes", "--max-delete", "3"});
  EXPECT_EQ(allowed.exit_code, 0) << Describe(allowed);
  EXPECT_EQ(AwsListKeys(server, bucket.name()), (std::vector<std::string>{"c/x"}));
}

TEST(CliApply, MoreThanOneBatchOfDeployments) {
  S3PRUNE_REQUIRE_SERVER(server);
  ScopedBucket bucket(server, "apply");
  SeedManyDeployments(bucket.client(), bucket.name(), "d", 1050);
  SeedDeployments(bucket.client(), bucket.name(), "", {{"zz-current", {"index.html"}}});
  ASSERT_EQ(ListAllKeys(bucket.client(), bucket.name()).size(), 1051u);

  const auto document = ApplyJson(server, "s3://" + bucket.name() + "/", {"--keep-last", "1"});
  EXPECT_EQ(document["summary"]["delete"], 1050);
  EXPECT_EQ(document["result"]["deployments_deleted"], 1050);
  EXPECT_EQ(document["result"]["objects_deleted"], 1050);
  EXPECT_EQ(document["result"]["complete"], true);
  // Small deployments share batches: ceil(1050 / 1000) requests, none over the limit.
  EXPECT_EQ(document["stats"]["requests"]["delete_objects"], 2);
  EXPECT_EQ(AwsListKeys(server, bucket.name()), (std::vector<std::string>{"zz-current/index.html"}));
}

TEST(CliApply, DeploymentOfMoreThanOneBatchOfObjects) {
  S3PRUNE_REQUIRE_SERVER(server);
  ScopedBucket bucket(server, "apply");
  std::vector<std::string> files;
  for (int i = 0; i < 1500; ++i) files.push_back("assets/" + std::to_string(i) + ".js");
  SeedDeployments(bucket.client(), bucket.name(), "", {{"big", files}, {"current", {"index.html"}}});

  const auto document = ApplyJson(server, "s3://" + bucket.name() + "/", {"--keep-last", "1"});
  EXPECT_EQ(document["result"]["deployments_deleted"], 1);
  EXPECT_EQ(document["result"]["objects_deleted"], 1500);
  EXPECT_EQ(document["stats"]["requests"]["delete_objects"], 2);
  EXPECT_EQ(AwsListKeys(server, bucket.name()), (std::vector<std::string>{"current/index.html"}));
}

TEST(CliApply, AwkwardKeysAreDeleted) {
  S3PRUNE_REQUIRE_SERVER(server);
  ScopedBucket bucket(server, "apply");
  const std::vector<std::string> files = {
      "with space.html", "ünïcødé/日本語.txt", "a+b", "100%", "%41", "a&b<c>\"'", "~tilde", "/double", "x//y",
      "ctrl\x01" "char", "tab\there", "trailing.",
  };
  // Doomed ids are awkward too; "new" holds the same names and must keep every one.
  const auto doomed = SeedDeployments(bucket.client(), bucket.name(), "",
                                      {{"old", files}, {"old deploy", {"index.html"}}, {"ü+%&", {"index.html"}}});
  AwaitALaterServerSecond(bucket.client(), bucket.name(), "ü+%&/");  // seeding: "new" is newer on any server
  const auto kept = SeedDeployments(bucket.client(), bucket.name(), "", {{"new", files}});
  ASSERT_EQ(ListAllKeys(bucket.client(), bucket.name()).size(), doomed.size() + kept.size());

  const auto document = ApplyJson(server, "s3://" + bucket.name() + "/", {"--keep-last", "1"});
  EXPECT_EQ(document["result"]["objects_deleted"], doomed.size());
  EXPECT_EQ(document["result"]["failed"], nlohmann::json::array());
  // XML 1.0 cannot carry "\x01": that key alone is deleted with a single DeleteObject.
  EXPECT_EQ(document["stats"]["requests"]["delete_object"], 1);
  EXPECT_EQ(AwsListKeys(server, bucket.name()), Sorted(kept));
  EXPECT_EQ(ListAllKeys(bucket.client(), bucket.name()), Sorted(kept));
}

TEST(CliApply, IncompleteMultipartUploadsUnderDoomedPrefixesAreAborted) {
  S3PRUNE_REQUIRE_SERVER(server);
  ScopedBucket bucket(server, "apply");
  SeedDeployments(bucket.client(), bucket.name(), "", {{"old", {"x"}}, {"new", {"x"}}});
  for (const char* key : {"old/video.mp4", "new/video.mp4", "old-upload/video.mp4"}) {
    ASSERT_TRUE(s3::CreateMultipartUpload(bucket.client(), bucket.name(), key)) << key;
  }

  const auto document = ApplyJson(server, "s3://" + bucket.name() + "/", {"--keep-last", "1"});
  EXPECT_EQ(document["result"]["uploads_aborted"], 1);
  auto uploads = s3::ListMultipartUploads(bucket.client(), {bucket.name(), "", "", "", 1000});
  ASSERT_TRUE(uploads) << uploads.error().message;
  std::vector<std::string> left;
  for (const auto& upload : uploads->uploads) left.push_back(upload.key);
  EXPECT_EQ(Sorted(left), (std::vector<std::string>{"new/video.mp4", "old-upload/video.mp4"}));
  EXPECT_EQ(AwsListKeys(server, bucket.name()), (std::vector<std::string>{"new/x"}));
}

TEST(CliApply, JsonResultReportsWhatWasDeleted) {
  S3PRUNE_REQUIRE_SERVER(server);
  ScopedBucket bucket(server, "apply");
  SeedDeployments(bucket.client(), bucket.name(), "", {{"a", {"x", "y"}}, {"b", {"x"}}, {"c", {"x"}}});
  constexpr std::uint64_t kDoomedBytes = 9;  // "a/x", "a/y", "b/x": each body is its key

  const auto document = ApplyJson(server, "s3://" + bucket.name() + "/", {"--keep-last", "1", "--price-per-gb", "2"});
  for (const char* field : {"bucket", "prefix", "now", "policy", "deployments", "summary", "result"}) {
    EXPECT_TRUE(document.contains(field)) << field;
  }
  EXPECT_EQ(Actions(document), (std::map<std::string, std::string>{{"a", "delete"}, {"b", "delete"}, {"c", "keep"}}));
  const auto& result = document["result"];
  EXPECT_EQ(result["complete"], true);
  EXPECT_EQ(result["deployments_deleted"], 2);
  EXPECT_EQ(result["objects_deleted"], 3);
  EXPECT_EQ(result["versions_deleted"], 0);
  EXPECT_EQ(result["bytes_deleted"], kDoomedBytes);
  EXPECT_EQ(result["objects_failed"], 0);
  EXPECT_EQ(result["failed"], nlohmann::json::array());
  EXPECT_EQ(result["price_per_gb_month"], 2.0);
  EXPECT_DOUBLE_EQ(result["monthly_saving_usd"].get<double>(), static_cast<double>(kDoomedBytes) / (1 << 30) * 2.0);
}

TEST(CliApply, DeniedDeletesAreReportedKeyByKeyWithExitThree) {
  S3PRUNE_REQUIRE_SERVER(server);
  S3PRUNE_REQUIRE_FEATURE(server, Feature::kBucketPolicy);
  ScopedBucket bucket(server, "apply");
  // "locked-\x01" cannot travel in DeleteObjects XML: its failure comes from a single DeleteObject.
  SeedDeployments(bucket.client(), bucket.name(), "",
                  {{"old", {"locked-1", "locked-2", "locked-\x01", "free"}}, {"new", {"x"}}});
  const nlohmann::json deny = {
      {"Version", "2012-10-17"},
      {"Statement",
       {{{"Effect", "Deny"},
         {"Principal", "*"},
         {"Action", "s3:DeleteObject"},
         {"Resource", "arn:aws:s3:::" + bucket.name() + "/old/locked-*"}}}},
  };
  ScopedBucketPolicy policy(server, bucket.name(), deny);
  const std::string target = "s3://" + bucket.name() + "/";
  const auto locked = Sorted({"old/locked-1", "old/locked-2", "old/locked-\x01"});

  const auto document = ApplyJson(server, target, {"--keep-last", "1"}, 3);
  const auto& result = document["result"];
  EXPECT_EQ(result["complete"], false);
  EXPECT_EQ(result["objects_deleted"], 1);
  EXPECT_EQ(result["objects_failed"], 3);
  EXPECT_EQ(result["deployments_deleted"], 0);
  std::vector<std::string> failed;
  for (const auto& failure : result["failed"]) {
    failed.push_back(failure["key"]);
    EXPECT_EQ(failure["code"], "AccessDenied") << failure.dump();
    EXPECT_EQ(failure["deployment"], "old") << failure.dump();
  }
  EXPECT_EQ(Sorted(failed), locked);

  // The table names every failed key too; a second run fails on the same keys alone.
  const auto table = RunS3prune(server, {"apply", target, "--keep-last", "1", "--yes"});
  EXPECT_EQ(table.exit_code, 3) << Describe(table);
  for (const auto& key : locked) {
    // The table escapes control characters in keys; the \x01 byte shows as "\x01".
    const std::string shown = key.ends_with('\x01') ? "old/locked-\\x01" : key;
    EXPECT_NE(table.out.find("failed: " + shown), std::string::npos) << key << "\n" << Describe(table);
  }
  EXPECT_EQ(table.out.find('\x01'), std::string::npos) << "no raw control byte reaches the terminal";
  EXPECT_NE(table.out.find("3 objects could not be deleted"), std::string::npos) << Describe(table);
  EXPECT_EQ(AwsListKeys(server, bucket.name()), With(locked, {"new/x"}));
}

}  // namespace
}  // namespace s3prune::testing
