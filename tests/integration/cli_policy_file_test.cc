// `apply --config prune.yaml` against real buckets: every target runs, in order, the exit code
// is the worst, the JSON report has one entry per target, and flags override the file.
#include <signal.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "cli/exit_codes.h"
#include "cli_fixtures.h"
#include "test_server.h"

namespace s3prune::testing {
namespace {

TEST(CliPolicyFile, EveryTargetRunsAndTheWorstExitCodeWins) {
  S3PRUNE_REQUIRE_SERVER(server);
  ScopedBucket site(server, "cfg-site");
  ScopedBucket other(server, "cfg-other");
  SeedDeployments(site.client(), site.name(), "", {{"a", {"x"}}, {"b", {"x"}}, {"c", {"x"}}});
  SeedDeployments(other.client(), other.name(), "www/", {{"a", {"x", "y"}}, {"b", {"x", "y"}}, {"c", {"x"}}});
  const auto other_before = AwsListKeys(server, other.name());
  const auto path = std::filesystem::temp_directory_path() / ("s3prune-policy-" + std::to_string(::getpid()) + ".yaml");
  std::ofstream(path) << "defaults: {max_delete: 100}\n"
                         "targets:\n"
                         "  - target: s3://" + site.name() + "/\n"
                         "    keep_last: 2\n"
                         "  - target: s3://" + other.name() + "/www/\n"
                         "    keep_last: 1\n"
                         "    max_delete: 3\n";

  // The second target would delete 4 objects, more than its max_delete: refused, exit 1;
  // the first one still ran.
  const auto run = RunS3prune(server, {"apply", "--config", path.string(), "--yes", "-o", "json"});
  EXPECT_EQ(run.exit_code, cli::kExitFailure) << Describe(run);
  const auto document = ParseJson(run);
  ASSERT_EQ(document["targets"].size(), 2u) << run.out;
  EXPECT_EQ(document["exit_code"], cli::kExitFailure);
  EXPECT_EQ(document["targets"][0]["target"], "s3://" + site.name() + "/");
  EXPECT_EQ(document["targets"][0]["exit_code"], 0);
  EXPECT_EQ(document["targets"][0]["result"]["objects_deleted"], 1);
  EXPECT_EQ(document["targets"][1]["exit_code"], cli::kExitFailure);
  EXPECT_NE(document["targets"][1]["error"]["message"].get<std::string>().find("--max-delete 3"), std::string::npos)
      << run.out;
  EXPECT_EQ(Sorted(AwsListKeys(server, site.name())), (std::vector<std::string>{"b/x", "c/x"}));
  EXPECT_EQ(AwsListKeys(server, other.name()), other_before);

  // A flag on the command line replaces the file's value for every target.
  const auto forced = RunS3prune(server, {"apply", "--config", path.string(), "--yes", "--max-delete", "10"});
  EXPECT_EQ(forced.exit_code, 0) << Describe(forced);
  EXPECT_NE(forced.out.find("== s3://" + other.name() + "/www/ (target 2 of 2"), std::string::npos) << forced.out;
  EXPECT_EQ(Sorted(AwsListKeys(server, other.name())), (std::vector<std::string>{"www/c/x"}));

  // A mistake in any target stops the run before anything is deleted.
  std::ofstream(path) << "targets:\n  - target: s3://" + site.name() + "/\n    keep_last: 1\n"
                         "  - target: s3://" + other.name() + "/\n    keep_last: -1\n";
  const auto bad = RunS3prune(server, {"apply", "--config", path.string(), "--yes"});
  EXPECT_EQ(bad.exit_code, cli::kExitUsage) << Describe(bad);
  EXPECT_NE(bad.err.find("targets[1]), keep_last on line 5"), std::string::npos) << Describe(bad);
  EXPECT_EQ(Sorted(AwsListKeys(server, site.name())), (std::vector<std::string>{"b/x", "c/x"}));
  std::filesystem::remove(path);
}

// Every target is resolved (profile, endpoint, addressing, credentials) before the first
// request of any: a mistake only the second target's connection shows stops the first's deletes.
TEST(CliPolicyFile, AConnectionMistakeInAnyTargetStopsTheRunBeforeTheFirstDeletes) {
  S3PRUNE_REQUIRE_SERVER(server);
  ScopedBucket site(server, "cfg-resolve");
  SeedDeployments(site.client(), site.name(), "", {{"a", {"x"}}, {"b", {"x"}}, {"c", {"x"}}});
  const auto before = Sorted(AwsListKeys(server, site.name()));
  const auto path =
      std::filesystem::temp_directory_path() / ("s3prune-resolve-" + std::to_string(::getpid()) + ".yaml");
  const std::string first = "targets:\n  - target: s3://" + site.name() + "/\n    keep_last: 1\n    endpoint_url: " +
                            server.endpoint + "\n  - target: s3://" + site.name() + "-second/\n    keep_last: 1\n";
  const std::vector<std::pair<std::string, std::string>> mistakes = {
      {"    profile: s3prune-no-such-profile\n", "s3prune-no-such-profile"},
      {"    endpoint_url: ftp://" + server.endpoint.substr(7) + "\n", "ftp://"},
      {"    endpoint_url: " + server.endpoint + "\n    addressing: virtual\n", "virtual"},
  };
  for (const auto& [mistake, named] : mistakes) {
    std::ofstream(path) << first << mistake;
    const auto run = RunProcess({S3pruneBinary(), "apply", "--config", path.string(), "--yes"});
    EXPECT_NE(run.exit_code, 0) << mistake << Describe(run);
    EXPECT_NE(run.err.find("targets[1]"), std::string::npos) << mistake << Describe(run);
    EXPECT_NE(run.err.find(named), std::string::npos) << mistake << Describe(run);
    EXPECT_EQ(run.out.find("Deleted"), std::string::npos) << mistake << Describe(run);
    EXPECT_EQ(Sorted(AwsListKeys(server, site.name())), before) << mistake;
  }
  std::filesystem::remove(path);
}

TEST(CliPolicyFile, ASigtermDuringTheSecondTargetStillPrintsOneJsonDocumentOfWhatWasDone) {
  S3PRUNE_REQUIRE_SERVER(server);
  ScopedBucket first(server, "sig-first");
  ScopedBucket second(server, "sig-second");
  ScopedBucket third(server, "sig-third");
  SeedDeployments(first.client(), first.name(), "", {{"a", {"x"}}, {"b", {"x"}}});
  SeedDeployments(second.client(), second.name(), "", {{"a", {"x"}}, {"b", {"x"}}});
  const auto second_before = Sorted(AwsListKeys(server, second.name()));
  const auto path = std::filesystem::temp_directory_path() / ("s3prune-signal-" + std::to_string(::getpid()) + ".yaml");
  std::ofstream(path) << "targets:\n"
                         "  - target: s3://" + first.name() + "/\n    keep_last: 1\n"
                         "  - target: s3://" + second.name() + "/\n    keep_last: 1\n"
                         "  - target: s3://" + third.name() + "/never/\n    keep_last: 1\n";
  // SIGTERM as soon as -v shows the first request of the second target: it is planning.
  const std::vector<std::string> argv = {S3pruneBinary(), "apply", "--config", path.string(), "--yes", "-v", "-o",
                                         "json", "--endpoint-url", server.endpoint};
  const Prompt second_target_started{"/" + second.name(), nullptr, /*on_stderr=*/true, SIGTERM};
  const auto run = RunProcessAnswering(argv, {}, "", &second_target_started);
  EXPECT_EQ(run.exit_code, cli::kExitTerminated) << Describe(run);
  const auto document = ParseJson(run);
  EXPECT_EQ(document["exit_code"], cli::kExitTerminated) << run.out;
  EXPECT_EQ(document["interrupted"], true) << run.out;
  ASSERT_EQ(document["targets"].size(), 2u) << run.out;
  EXPECT_EQ(document["targets"][0]["exit_code"], 0);
  EXPECT_EQ(document["targets"][0]["result"]["objects_deleted"], 1);
  const auto& stopped = document["targets"][1];
  EXPECT_EQ(stopped["target"], "s3://" + second.name() + "/");
  EXPECT_EQ(stopped["exit_code"], cli::kExitTerminated) << run.out;
  EXPECT_EQ(stopped["result"]["interrupted"], true) << run.out;
  EXPECT_EQ(stopped["result"]["objects_deleted"], 0) << run.out;
  EXPECT_EQ(document["targets_not_run"], nlohmann::json::array({"s3://" + third.name() + "/never/"})) << run.out;
  EXPECT_EQ(Sorted(AwsListKeys(server, first.name())), std::vector<std::string>{"b/x"});
  EXPECT_EQ(Sorted(AwsListKeys(server, second.name())), second_before);
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace s3prune::testing
