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

// The requests a policy file's targets stand for, with `command_line` (after "plan") laid over.
std::vector<usecase::PlanRequest> Requests(const std::string& text, std::vector<std::string> command_line = {}) {
  std::vector<std::string> args = {"s3prune", "plan", "--config", "prune.yaml"};
  args.insert(args.end(), command_line.begin(), command_line.end());
  std::vector<const char*> argv;
  for (const auto& arg : args) argv.push_back(arg.c_str());
  auto base = ParseCommandLine(static_cast<int>(argv.size()), argv.data());
  EXPECT_TRUE(base) << (base ? "" : base.error().text);
  auto targets = ParsePolicyFile(text, "prune.yaml");
  EXPECT_TRUE(targets) << (targets ? "" : targets.error());
  if (!base || !targets) return {};
  auto runs = ExpandTargets(*targets, *base);
  EXPECT_TRUE(runs) << (runs ? "" : runs.error());
  std::vector<usecase::PlanRequest> requests;
  if (runs) {
    for (const auto& run : *runs) requests.push_back(run.options.request);
  }
  return requests;
}

TEST(PolicyFile, KeysAreTheFlagsNames) {
  const auto requests = Requests(kFile);
  ASSERT_EQ(requests.size(), 2u);
  const auto& first = requests[0];
  EXPECT_EQ(first.root.bucket, "my-site");
  EXPECT_EQ(first.versions, usecase::Versions::kAll);
  EXPECT_EQ(first.max_delete, 5000u);
  EXPECT_EQ(first.policy.keep_last, 5);
  EXPECT_EQ(first.policy.keep_within->length, std::chrono::days(30));
  EXPECT_EQ(first.policy.keep_globs, (std::vector<std::string>{"release-*", "hotfix-*"}));
  ASSERT_EQ(first.keep_from.size(), 1u);
  EXPECT_EQ(first.keep_from[0].key, "live/current.txt");
  EXPECT_EQ(first.policy.exclude_globs, (std::vector<std::string>{"assets"}));
  EXPECT_EQ(first.policy.age_by, policy::AgeBy::kNewest);
  // A target's own value replaces the default; false leaves a flag out.
  const auto& second = requests[1];
  EXPECT_EQ(second.root.bucket, "other");
  EXPECT_EQ(second.root.key, "www/");
  EXPECT_EQ(second.policy.keep_last, 2);
  EXPECT_EQ(second.max_delete, 10u);
  EXPECT_EQ(second.versions, usecase::Versions::kCurrentOnly);
  EXPECT_TRUE(second.policy.keep_globs.empty());
}

TEST(PolicyFile, CalendarRulesGroupsAndTheirZoneAreKeysToo) {
  const auto requests = Requests(R"(targets:
  - target: s3://my-site/
    keep_last: 3
    keep_hourly: 24
    keep_daily: 7
    keep_weekly: 4
    keep_monthly: 6
    keep_yearly: 2
    timezone: Europe/Berlin
    group_by: "^(main|release|pr-[0-9]+)-"
    keep_within: 30d
    keep_within_of: newest
  - target: s3://other/
    keep_daily: 7
)");
  ASSERT_EQ(requests.size(), 2u);
  const auto& policy = requests[0].policy;
  EXPECT_EQ(policy.keep_hourly, 24);
  EXPECT_EQ(policy.keep_daily, 7);
  EXPECT_EQ(policy.keep_weekly, 4);
  EXPECT_EQ(policy.keep_monthly, 6);
  EXPECT_EQ(policy.keep_yearly, 2);
  EXPECT_EQ(policy.time_zone.name(), "Europe/Berlin");
  EXPECT_EQ(policy.group_by, "^(main|release|pr-[0-9]+)-");
  EXPECT_EQ(policy.keep_within_of, policy::KeepWithinOf::kNewest);
  // A calendar rule alone is a policy; the defaults are UTC, no groups, from now.
  EXPECT_EQ(requests[1].policy.keep_daily, 7);
  EXPECT_EQ(requests[1].policy.time_zone.name(), "UTC");
  EXPECT_TRUE(requests[1].policy.group_by.empty());
  EXPECT_EQ(requests[1].policy.keep_within_of, policy::KeepWithinOf::kNow);

  auto targets = ParsePolicyFile("targets:\n  - target: s3://bucket-a/\n    keep_daily: 1\n    group_by: '^main-'\n", "p.yaml");
  ASSERT_TRUE(targets);
  Options base;
  base.command = Command::kPlan;
  auto runs = ExpandTargets(*targets, base);
  ASSERT_FALSE(runs);
  EXPECT_NE(runs.error().find("group_by on line 4: --group-by '^main-' must have exactly one capture group"),
            std::string::npos)
      << runs.error();
}

TEST(PolicyFile, CommandLineFlagsReplaceTheFilesValuesAndProtectionListsAddUp) {
  const auto requests = Requests(kFile, {"--keep", "v*", "--max-delete", "7", "--versions", "--region", "eu-west-1"});
  ASSERT_EQ(requests.size(), 2u);
  // keep, keep_from and exclude only protect: a later list adds to an earlier one.
  EXPECT_EQ(requests[0].policy.keep_globs, (std::vector<std::string>{"release-*", "hotfix-*", "v*"}));
  EXPECT_EQ(requests[1].policy.keep_globs, (std::vector<std::string>{"v*"}));
  for (const auto& request : requests) {
    EXPECT_EQ(request.max_delete, 7u) << request.root.bucket;
    EXPECT_EQ(request.versions, usecase::Versions::kAll) << request.root.bucket;
    EXPECT_EQ(request.connection.region, "eu-west-1") << request.root.bucket;
  }
  EXPECT_EQ(requests[0].policy.keep_last, 5);  // what the command line did not give stays the file's
  EXPECT_EQ(requests[1].policy.keep_last, 2);
}

TEST(PolicyFile, ATargetsListAddsToTheDefaultsList) {
  const auto requests = Requests("defaults: {keep: [release-*], exclude: [assets]}\n"
                                 "targets:\n  - target: s3://b-1/\n    keep_last: 1\n    keep: [hotfix-*]\n");
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].policy.keep_globs, (std::vector<std::string>{"release-*", "hotfix-*"}));
  EXPECT_EQ(requests[0].policy.exclude_globs, (std::vector<std::string>{"assets"}));
}

TEST(PolicyFile, AnEmptyValueIsAnErrorNotAnAbsentBreaker) {
  Options base;
  base.command = Command::kApply;
  const struct {
    const char* text;
    const char* says;
  } cases[] = {
      {"targets:\n  - target: s3://b-1/\n    keep_last: 1\n    max_delete: \"\"\n",
       "p.yaml line 2 (targets[0]), max_delete on line 4: --max-delete must not be empty"},
      {"targets:\n  - target: s3://b-1/\n    keep_last: \"\"\n",
       "p.yaml line 2 (targets[0]), keep_last on line 3: --keep-last must not be empty"},
      {"targets:\n  - target: s3://b-1/\n    keep_last: 1\n    keep: [\"\"]\n",
       "p.yaml line 2 (targets[0]), keep on line 4: --keep must not be empty"},
  };
  for (const auto& c : cases) {
    auto targets = ParsePolicyFile(c.text, "p.yaml");
    ASSERT_TRUE(targets) << targets.error();
    auto runs = ExpandTargets(*targets, base);
    ASSERT_FALSE(runs) << c.text;
    EXPECT_EQ(runs.error().find(c.says), 0u) << runs.error();
  }
  auto event = PolicyFromJson(nlohmann::json::parse(R"({"target": "s3://b-1/", "keep_last": 2, "max_delete": ""})"),
                              "the event");
  ASSERT_TRUE(event);
  auto runs = ExpandTargets(*event, base);
  ASSERT_FALSE(runs);
  EXPECT_EQ(runs.error(), "the event: --max-delete must not be empty: give a value, or leave it out");
}

TEST(PolicyFile, YamlThatWouldHideAMistakeIsRefused) {
  const struct {
    const char* text;
    const char* says;
  } cases[] = {
      {"targets:\n  - target: s3://b/\n    keep_last: 1\n    keep_last: 5\n",
       "prune.yaml line 4: keep_last is given twice in targets[0]"},
      {"targets:\n  - target: s3://a/\n    target: s3://b/\n", "prune.yaml line 3: target is given twice in targets[0]"},
      {"targets:\n  - target: s3://a/\ntargets:\n  - target: s3://b/\n", "prune.yaml line 3: a second 'targets' section"},
      {"targets:\n  - target: s3://a/\n---\ntargets:\n  - target: s3://b/\n", "prune.yaml: holds 2 YAML documents"},
  };
  for (const auto& c : cases) {
    auto parsed = ParsePolicyFile(c.text, "prune.yaml");
    ASSERT_FALSE(parsed) << c.text;
    EXPECT_EQ(parsed.error().find(c.says), 0u) << parsed.error();
  }
}

TEST(PolicyFile, AnEventWithTargetsRefusesSettingsBesideThem) {
  for (const char* text : {R"({"keep_last": 4, "targets": [{"target": "s3://b-1/", "keep_last": 9}]})",
                           R"({"max_delet": 4, "targets": [{"target": "s3://b-1/", "keep_last": 9}]})"}) {
    auto parsed = PolicyFromJson(nlohmann::json::parse(text), "the event");
    ASSERT_FALSE(parsed) << text;
    EXPECT_NE(parsed.error().find("beside \"targets\" applies to no target"), std::string::npos) << parsed.error();
  }
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
  Options base;
  base.command = Command::kPlan;
  auto runs = ExpandTargets(*targets, base);
  ASSERT_FALSE(runs);
  EXPECT_EQ(runs.error(), "p.yaml line 2 (targets[0]), keep_last on line 4: invalid --keep-last '0': must be at least 1");
}

TEST(PolicyFile, OverlappingTargetsRefuseUnlessTheOuterExcludesTheInner) {
  Options base;
  base.command = Command::kApply;
  const std::string inner = "  - target: s3://b-1/site/\n    keep_last: 2\n";
  auto overlapping = ParsePolicyFile("targets:\n  - target: s3://b-1/\n    keep_last: 1\n" + inner, "p.yaml");
  ASSERT_TRUE(overlapping);
  auto refused = ExpandTargets(*overlapping, base);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().find("targets overlap: s3://b-1/site/ (p.yaml line 4 (targets[1])) lies inside s3://b-1/ "
                                 "(p.yaml line 2 (targets[0]))"),
            0u)
      << refused.error();
  auto excluded = ParsePolicyFile(
      "targets:\n  - target: s3://b-1/\n    keep_last: 1\n    exclude: [site]\n" + inner, "p.yaml");
  ASSERT_TRUE(excluded);
  EXPECT_TRUE(ExpandTargets(*excluded, base));
  // An exclude given once in defaults reaches both: the outer one no longer sees `site`.
  auto from_defaults =
      ParsePolicyFile("defaults: {exclude: [site]}\ntargets:\n  - target: s3://b-1/\n    keep_last: 1\n" + inner,
                      "p.yaml");
  ASSERT_TRUE(from_defaults);
  EXPECT_TRUE(ExpandTargets(*from_defaults, base));
  auto twice = ParsePolicyFile("targets:\n" + inner + inner, "p.yaml");
  ASSERT_TRUE(twice);
  auto refused_twice = ExpandTargets(*twice, base);
  ASSERT_FALSE(refused_twice);
  EXPECT_EQ(refused_twice.error().find("the same target twice: s3://b-1/site/"), 0u) << refused_twice.error();
}

TEST(PolicyFile, TheSameSettingsAsJson) {
  Options base;
  base.command = Command::kPlan;
  auto single = PolicyFromJson(nlohmann::json::parse(R"({"target": "s3://b-1/", "keep_last": 3, "versions": true,
                                                        "keep": "release-*", "max_delete": 100})"),
                               "the event");
  ASSERT_TRUE(single) << single.error();
  auto runs = ExpandTargets(*single, base);
  ASSERT_TRUE(runs) << runs.error();
  ASSERT_EQ(runs->size(), 1u);
  const auto& request = runs->at(0).options.request;
  EXPECT_EQ(request.root.bucket, "b-1");
  EXPECT_EQ(request.policy.keep_last, 3);
  EXPECT_EQ(request.versions, usecase::Versions::kAll);
  EXPECT_EQ(request.policy.keep_globs, (std::vector<std::string>{"release-*"}));
  EXPECT_EQ(request.max_delete, 100u);
  auto many = PolicyFromJson(nlohmann::json::parse(R"({"defaults": {"keep_last": 2},
                                                      "targets": [{"target": "s3://b-1/"}, {"target": "s3://b-2/"}]})"),
                             "the event");
  ASSERT_TRUE(many);
  auto many_runs = ExpandTargets(*many, base);
  ASSERT_TRUE(many_runs) << many_runs.error();
  ASSERT_EQ(many_runs->size(), 2u);
  EXPECT_EQ(many_runs->at(1).options.request.root.bucket, "b-2");
  EXPECT_EQ(many_runs->at(1).options.request.policy.keep_last, 2);
  auto bad = PolicyFromJson(nlohmann::json::parse(R"({"target": "s3://b-1/", "yes": true})"), "the event");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().find("the event: unknown setting 'yes'"), 0u) << bad.error();
  auto no_target = PolicyFromJson(nlohmann::json::parse(R"({"keep_last": 2})"), "the event");
  ASSERT_TRUE(no_target);
  auto refused = ExpandTargets(*no_target, base);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error(), "the event: target is required: s3://BUCKET[/PREFIX/]");
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

namespace s3prune::cli {
namespace {

// --time-from and --strict-time are rows of the option table, so a file says them as keys.
TEST(PolicyFile, TimeFromAndStrictTimeAreKeys) {
  const auto requests = Requests(R"(targets:
  - target: s3://my-site/
    keep_last: 5
    time_from: "id:release-%Y%m%d-*"
    strict_time: true
  - target: s3://other/
    keep_last: 2
    time_from: object:.deployed-at
)");
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].policy.time_from.from, policy::TimeFrom::kIdPattern);
  EXPECT_EQ(requests[0].policy.time_from.argument, "release-%Y%m%d-*");
  EXPECT_EQ(requests[0].unknown_times, usecase::UnknownTimes::kRefuse);
  EXPECT_EQ(requests[1].policy.time_from.from, policy::TimeFrom::kMarkerObject);
  EXPECT_EQ(requests[1].policy.time_from.marker, ".deployed-at");
  EXPECT_EQ(requests[1].unknown_times, usecase::UnknownTimes::kKeep);
}

}  // namespace
}  // namespace s3prune::cli
