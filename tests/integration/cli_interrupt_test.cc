// SIGTERM (what systemd, Kubernetes and `timeout` send) and the audit trail against a real
// bucket: once the first DeleteObjects completes, s3prune gets SIGTERM; the batch in flight
// finishes, no new one starts, the JSON summary says "interrupted", the exit code is 143, and
// --log-deleted holds exactly the keys that are gone (checked with the AWS CLI). A second run
// finishes the job. A stdout whose reader has gone (`| head -3`) stops apply the same way,
// with exit 1 and a line on stderr; before the deletion it deletes nothing.
#include <signal.h>

#include <fstream>
#include <set>

#include <gtest/gtest.h>

#include "cli_fixtures.h"
#include "test_server.h"

namespace s3prune::testing {
namespace {

std::vector<nlohmann::json> JsonLines(const std::string& path) {
  std::vector<nlohmann::json> lines;
  std::ifstream file(path);
  for (std::string line; std::getline(file, line);) lines.push_back(nlohmann::json::parse(line));
  return lines;
}

TEST(CliInterrupt, SigtermFinishesTheBatchInFlightAndTheLogSaysWhatIsGone) {
  S3PRUNE_REQUIRE_SERVER(server);
  ScopedBucket bucket(server, "interrupt");
  // d1 and d2 are doomed: 2,500 objects, three DeleteObjects batches with one delete worker.
  std::vector<std::string> keys;
  for (const char* id : {"d1", "d2"}) {
    for (int i = 0; i < 1250; ++i) keys.push_back(std::string(id) + "/" + std::to_string(i));
  }
  PutObjects(bucket.client(), bucket.name(), keys, "x");
  PutObjects(bucket.client(), bucket.name(), {"d3/index.html"});
  const std::string log = ::testing::TempDir() + "s3prune-interrupt.jsonl";
  std::remove(log.c_str());

  const std::vector<std::string> argv = {S3pruneBinary(), "apply", "s3://" + bucket.name() + "/", "--keep-last", "1",
                                         "--yes", "--concurrency", "1", "-v", "-o", "json", "--log-deleted", log,
                                         "--endpoint-url", server.endpoint};
  const Prompt first_batch_done{"?delete", nullptr, /*on_stderr=*/true, SIGTERM};
  const auto run = RunProcessAnswering(argv, {}, "", &first_batch_done);
  ASSERT_EQ(run.exit_code, 143) << Describe(run);
  const auto result = ParseJson(run)["result"];
  EXPECT_TRUE(result["interrupted"].get<bool>());
  const auto deleted = result["objects_deleted"].get<std::size_t>();
  EXPECT_GE(deleted, 1000u);
  EXPECT_LT(deleted, 2500u) << "a batch started after the signal";
  EXPECT_FALSE(result["deployments_interrupted"].empty());
  EXPECT_NE(run.err.find("interrupted"), std::string::npos) << run.err;

  const auto logged = JsonLines(log);
  EXPECT_EQ(logged.size(), deleted);
  std::set<std::string> gone;
  for (const auto& line : logged) {
    EXPECT_EQ(line["bucket"], bucket.name());
    gone.insert(line["key"].get<std::string>());
  }
  std::set<std::string> expected_left(keys.begin(), keys.end());
  for (const auto& key : gone) expected_left.erase(key);
  expected_left.insert("d3/index.html");
  const auto left = AwsListKeys(server, bucket.name());
  EXPECT_EQ(std::set<std::string>(left.begin(), left.end()), expected_left);

  const auto again = RunS3prune(server, {"apply", "s3://" + bucket.name() + "/", "--keep-last", "1", "--yes",
                                         "--log-deleted", log});
  EXPECT_EQ(again.exit_code, 0) << Describe(again);
  EXPECT_EQ(AwsListKeys(server, bucket.name()), std::vector<std::string>{"d3/index.html"});
  EXPECT_EQ(JsonLines(log).size(), 2500u) << "the second run appends what it deleted";
}

TEST(CliInterrupt, AStdoutWithoutAReaderBeforeDeletingDeletesNothing) {
  S3PRUNE_REQUIRE_SERVER(server);
  ScopedBucket bucket(server, "nostdout");
  SeedDeployments(bucket.client(), bucket.name(), "", {{"d1", {"a", "b"}}, {"d2", {"a"}}, {"d3", {"a"}}});
  const auto before = Sorted(AwsListKeys(server, bucket.name()));
  const Prompt no_reader{"", nullptr, false, 0, /*close_stdout=*/true};
  // The table is written before the deletion; with -q and with json nothing is, until the end.
  for (const std::vector<std::string>& output : {std::vector<std::string>{}, {"-q"}, {"-o", "json"}}) {
    std::vector<std::string> argv = {S3pruneBinary(), "apply", "s3://" + bucket.name() + "/", "--keep-last", "1",
                                     "--yes", "--endpoint-url", server.endpoint};
    argv.insert(argv.end(), output.begin(), output.end());
    const auto run = RunProcessAnswering(argv, {}, "", &no_reader);
    const std::string which = output.empty() ? "table" : output.back();
    EXPECT_EQ(run.exit_code, 1) << which << ": " << Describe(run);
    EXPECT_EQ(run.err, "s3prune: stdout closed (the program reading it has exited): nothing was deleted\n") << which;
    EXPECT_EQ(Sorted(AwsListKeys(server, bucket.name())), before) << which;
  }
}

TEST(CliInterrupt, AStdoutClosedWhileDeletingStopsLikeASignalAndTheLogSaysWhatIsGone) {
  S3PRUNE_REQUIRE_SERVER(server);
  ScopedBucket bucket(server, "closedstdout");
  // As above: 2,500 doomed objects, three DeleteObjects batches with one delete worker.
  std::vector<std::string> keys;
  for (const char* id : {"d1", "d2"}) {
    for (int i = 0; i < 1250; ++i) keys.push_back(std::string(id) + "/" + std::to_string(i));
  }
  PutObjects(bucket.client(), bucket.name(), keys, "x");
  PutObjects(bucket.client(), bucket.name(), {"d3/index.html"});
  const std::string log = ::testing::TempDir() + "s3prune-closed-stdout.jsonl";
  std::remove(log.c_str());

  const std::vector<std::string> argv = {S3pruneBinary(), "apply", "s3://" + bucket.name() + "/", "--keep-last", "1",
                                         "--yes", "--concurrency", "1", "-v", "--log-deleted", log,
                                         "--endpoint-url", server.endpoint};
  const Prompt reader_exits{"?delete", nullptr, /*on_stderr=*/true, 0, /*close_stdout=*/true};
  const auto run = RunProcessAnswering(argv, {}, "", &reader_exits);
  EXPECT_EQ(run.exit_code, 1) << Describe(run);
  EXPECT_NE(run.err.find("s3prune: stdout closed (the program reading it has exited): stopped deleting after the "
                         "batches in flight; "),
            std::string::npos)
      << Describe(run);
  EXPECT_NE(run.err.find("(listed in " + log + "); run apply again to finish"), std::string::npos) << Describe(run);

  const auto logged = JsonLines(log);
  EXPECT_GE(logged.size(), 1000u);
  EXPECT_LT(logged.size(), 2500u) << "a batch started after stdout closed";
  std::set<std::string> expected_left(keys.begin(), keys.end());
  for (const auto& line : logged) expected_left.erase(line["key"].get<std::string>());
  expected_left.insert("d3/index.html");
  const auto left = AwsListKeys(server, bucket.name());
  EXPECT_EQ(std::set<std::string>(left.begin(), left.end()), expected_left);

  const auto again = RunS3prune(server, {"apply", "s3://" + bucket.name() + "/", "--keep-last", "1", "--yes", "-q"});
  EXPECT_EQ(again.exit_code, 0) << Describe(again);
  EXPECT_EQ(AwsListKeys(server, bucket.name()), std::vector<std::string>{"d3/index.html"});
}

}  // namespace
}  // namespace s3prune::testing
