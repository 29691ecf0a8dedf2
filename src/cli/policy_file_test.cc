#include "cli/policy_file.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "cli/run_targets.h"

namespace s3prune::cli {
namespace {

constexpr const char* kFile = R"(defaults: {versions: true, max_delete: 5000}
targets:
  - target: s3://my-site/
    keep_last: 5
    keep_within: 30d
    keep: ["release-*", "hotfix-*"]
    keep_from: [s3://my-site/live/current.txt]
    exclude: [assets]
    age_by: newest
  - target: s3://other/www/
    keep_last: 2
    versions: false
    max_delete: 10
)";

std::vector<std::string> Args(const std::string& text, std::set<std::string> overridden = {}, std::size_t target = 0) {
  auto targets = ParsePolicyFile(text, "prune.yaml");
  EXPECT_TRUE(targets) << (targets ? "" : targets.error());
  return targets ? TargetArguments(targets->at(target), overridden) : std::vector<std::string>{};
}

TEST(PolicyFile, KeysAreTheFlagsNames) {
  EXPECT_EQ(Args(kFile), (std::vector<std::string>{"s3://my-site/", "--versions", "--max-delete", "5000", "--keep-last",
                                                   "5", "--keep-within", "30d", "--keep", "release-*", "--keep",
                                                   "hotfix-*", "--keep-from", "s3://my-site/live/current.txt",
                                                   "--exclude", "assets", "--age-by", "newest"}));
  // A target's own value replaces the default; false leaves a flag out.
  EXPECT_EQ(Args(kFile, {}, 1),
            (std::vector<std::string>{"s3://other/www/", "--keep-last", "2", "--max-delete", "10"}));
}

TEST(PolicyFile, CommandLineFlagsReplaceTheFilesValues) {
  EXPECT_EQ(Args(kFile, {"--keep", "--max-delete", "--versions"}),
            (std::vector<std::string>{"s3://my-site/", "--keep-last", "5", "--keep-within", "30d", "--keep-from",
                                      "s3://my-site/live/current.txt", "--exclude", "assets", "--age-by", "newest"}));
}

TEST(PolicyFile, ErrorsNameTheFileTheLineAndTheField) {
  const struct {
    const char* text;
    const char* message;
  } cases[] = {
      {"targets:\n  - target: s3://b/\n    kep_last: 1\n", "prune.yaml line 3: unknown setting 'kep_last' in targets[0]"},
      {"targets:\n  - target: s3://b/\n    keep_last: [1, 2]\n", "prune.yaml line 3: keep_last takes one value, not a list"},
      {"targets:\n  - target: s3://b/\n    versions: maybe\n", "prune.yaml line 3: versions must be true or false"},
      {"defaults: {keep_last: 1}\n", "prune.yaml: needs 'targets:', a list of targets"},
      {"targets: []\n", "prune.yaml line 1: targets must be a non-empty list"},
      {"targets:\n  - s3://b/\n", "prune.yaml line 2: targets[0] must be a mapping of settings"},
      {"targets:\n  - target: s3://b/\nextra: 1\n", "prune.yaml line 3: unknown section 'extra'"},
      {"targets:\n  - target: [s3://b/\n", "prune.yaml line "},
  };
  for (const auto& c : cases) {
    auto parsed = ParsePolicyFile(c.text, "prune.yaml");
    ASSERT_FALSE(parsed) << c.text;
    EXPECT_EQ(parsed.error().find(c.message), 0u) << parsed.error();
  }
}

TEST(PolicyFile, ValueErrorsPointAtTheFieldsLine) {
  auto targets = ParsePolicyFile("targets:\n  - target: s3://bucket-a/\n    keep_within: 1d\n    keep_last: 0\n", "p.yaml");
  ASSERT_TRUE(targets);
  auto runs = ExpandTargets(*targets, "plan", {});
  ASSERT_FALSE(runs);
  EXPECT_EQ(runs.error(), "p.yaml line 2 (targets[0]), keep_last on line 4: invalid --keep-last '0': must be at least 1");
}

TEST(PolicyFile, TheSameSettingsAsJson) {
  auto single = PolicyFromJson(nlohmann::json::parse(R"({"target": "s3://b-1/", "keep_last": 3, "versions": true,
                                                        "keep": "release-*", "max_delete": 100})"),
                               "the event");
  ASSERT_TRUE(single) << single.error();
  // JSON objects are read in key order; the order of flags does not matter.
  EXPECT_EQ(TargetArguments(single->at(0), {}),
            (std::vector<std::string>{"s3://b-1/", "--keep", "release-*", "--keep-last", "3", "--max-delete", "100",
                                      "--versions"}));
  auto many = PolicyFromJson(nlohmann::json::parse(R"({"defaults": {"keep_last": 2},
                                                      "targets": [{"target": "s3://b-1/"}, {"target": "s3://b-2/"}]})"),
                             "the event");
  ASSERT_TRUE(many);
  EXPECT_EQ(many->size(), 2u);
  EXPECT_EQ(TargetArguments(many->at(1), {}), (std::vector<std::string>{"s3://b-2/", "--keep-last", "2"}));
  auto bad = PolicyFromJson(nlohmann::json::parse(R"({"target": "s3://b-1/", "yes": true})"), "the event");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().find("the event: unknown setting 'yes'"), 0u) << bad.error();
}

TEST(WorstExitCode, InterruptionThenUsageThenFailureThenPartialThenChanged) {
  EXPECT_EQ(WorstExitCode(0, 4), 4);
  EXPECT_EQ(WorstExitCode(4, 3), 3);
  EXPECT_EQ(WorstExitCode(3, 1), 1);
  EXPECT_EQ(WorstExitCode(1, 3), 1);
  EXPECT_EQ(WorstExitCode(1, 2), 2);
  EXPECT_EQ(WorstExitCode(2, 143), 143);
  EXPECT_EQ(WorstExitCode(130, 0), 130);
}

}  // namespace
}  // namespace s3prune::cli
