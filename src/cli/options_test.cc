#include "cli/options.h"

#include <gtest/gtest.h>

#include "cli/exit_codes.h"

namespace s3prune::cli {
namespace {

std::expected<Options, CommandLineExit> Parse(std::vector<std::string> args) {
  args.insert(args.begin(), "s3prune");
  std::vector<const char*> argv;
  for (const auto& arg : args) argv.push_back(arg.c_str());
  return ParseCommandLine(static_cast<int>(argv.size()), argv.data());
}

TEST(ParseCommandLine, GlobalOptionsBeforeOrAfterTheCommand) {
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"--endpoint-url", "http://127.0.0.1:7480", "--region", "eu-west-1", "plan", "s3://deploys/www", "--keep-last", "3"},
           {"plan", "s3://deploys/www", "--keep-last", "3", "--endpoint-url", "http://127.0.0.1:7480", "--region", "eu-west-1"},
       }) {
    auto options = Parse(args);
    ASSERT_TRUE(options) << options.error().text;
    EXPECT_EQ(options->command, Command::kPlan);
    EXPECT_EQ(options->request.connection.endpoint_url, "http://127.0.0.1:7480");
    EXPECT_EQ(options->request.connection.region, "eu-west-1");
    EXPECT_EQ(options->request.root.bucket, "deploys");
    EXPECT_EQ(options->request.root.key, "www/");
    EXPECT_EQ(options->request.policy.keep_last, 3);
  }
}

TEST(ParseCommandLine, PolicyAndApplyOptions) {
  auto options = Parse({"apply", "s3://deploys", "--keep-within", "1d12h", "--keep", "release-*", "--keep", "hotfix-*",
                        "--keep-from", "s3://deploys/live/current.txt", "--exclude", "live", "--age-by", "oldest",
                        "--versions", "--max-delete", "5000", "--yes", "-o", "json", "--concurrency", "4"});
  ASSERT_TRUE(options) << options.error().text;
  EXPECT_EQ(options->command, Command::kApply);
  EXPECT_EQ(options->request.policy.keep_within->length, std::chrono::hours(36));
  EXPECT_EQ(options->request.policy.keep_globs, (std::vector<std::string>{"release-*", "hotfix-*"}));
  ASSERT_EQ(options->request.keep_from.size(), 1u);
  EXPECT_EQ(options->request.keep_from[0].key, "live/current.txt");
  EXPECT_EQ(options->request.policy.exclude_globs, (std::vector<std::string>{"live"}));
  EXPECT_EQ(options->request.policy.age_by, policy::AgeBy::kOldest);
  EXPECT_EQ(options->request.versions, usecase::Versions::kAll);
  EXPECT_EQ(options->request.max_delete, 5000u);
  EXPECT_TRUE(options->yes);
  EXPECT_EQ(options->output, OutputFormat::kJson);
  EXPECT_EQ(options->request.concurrency, 4u);
}

TEST(ParseCommandLine, BadInputIsAOneLineUsageError) {
  const std::vector<std::vector<std::string>> cases = {
      {"plan", "s3://deploys", "--keep-last", "0"},
      {"plan", "s3://deploys", "--keep-last", "-1"},
      {"plan", "s3://deploys", "--keep-last", "abc"},
      {"plan", "s3://deploys", "--keep-last", "1.5"},
      {"plan", "s3://deploys", "--keep-within", "3parsecs"},
      {"plan", "s3://deploys"},
      {"plan", "deploys", "--keep-last", "1"},
      {"plan", "s3://deploys", "--keep-last", "1", "--bogus"},
      {"plan", "s3://deploys", "--keep-last", "1", "--age-by", "middle"},
      {"plan", "s3://deploys", "--keep-last", "1", "--keep-from", "s3://deploys/"},
      {"plan", "s3://deploys", "--keep-last", "1", "--max-delete", "-5"},
      {"plan", "s3://deploys", "--keep-last", "1", "--output", "yaml"},
      {"plan", "s3://deploys", "--keep-last", "1", "--addressing", "dns"},
      {"plan", "s3://deploys", "--keep-last", "1", "--concurrency", "0"},
      {"plan", "s3://deploys", "--keep-last", "1", "--price-per-gb", "cheap"},
      {"plan", "s3://deploys", "--keep-last", "1", "--price-per-gb", "inf"},
      {"plan", "s3://deploys", "--keep-last", "1", "--price-per-gb", "nan"},
      {"plan", "s3://deploys", "--keep-last", "1", "--price-per-gb", "-0.5"},
      {"plan", "s3://deploys", "--keep-last", "1", "--price-per-gb", "0x10"},
      {"plan", "s3://deploys", "--keep-last", "1", "--price-per-gb", "1e3"},
      {"plan", "s3://deploys", "--keep-last", "1", "--price-per-gb", "1001"},
      {"plan", "s3://deploys", "--keep-last", "0x10"},
      {"plan", "s3://deploys", "--keep-last", "1", "--max-delete", "0x10"},
      {"plan", "s3://deploys", "--keep-last", "1", "--concurrency", "0x10"},
      {"plan", "s3://deploys", "--keep-last", "1", "--keep", "v1.[0-9"},
      {"plan", "s3://deploys", "--keep-last", "1", "--keep-from", "deploys/live.txt"},
      {"--keep-last", "1", "plan", "s3://deploys"},
      {"help", "frobnicate"},
      {"apply", "s3://deploys", "--keep-last", "1", "--keep", ""},
      {"apply", "--keep-last", "1"},
      {"apply", "--plan", "p.json", "s3://deploys"},
      {"apply", "--plan", "p.json", "--keep-last", "3"},
      {"apply", "--plan", "p.json", "--versions"},
      {"apply", "--plan", "p.json", "--max-plan-age", "soon"},
      {"ls"},
      {"frobnicate", "s3://deploys"},
      {},
  };
  for (const auto& args : cases) {
    std::string joined;
    for (const auto& arg : args) joined += arg + " ";
    auto options = Parse(args);
    ASSERT_FALSE(options) << joined;
    EXPECT_EQ(options.error().exit_code, kExitUsage) << joined;
    EXPECT_EQ(options.error().text.find('\n'), std::string::npos) << joined << ": " << options.error().text;
    EXPECT_FALSE(options.error().text.empty()) << joined;
  }
}

TEST(ParseCommandLine, CalendarRulesGroupsAndZonesAreCheckedNamingTheOption) {
  const struct {
    std::vector<std::string> args;
    std::string names;  // found in the one-line error
  } cases[] = {
      {{"plan", "s3://deploys", "--group-by", "^main-"}, "--group-by '^main-' must have exactly one capture group"},
      {{"plan", "s3://deploys", "--group-by", "^(main)-(.*)"}, "(it has 2)"},
      {{"plan", "s3://deploys", "--group-by", "^(main"}, "--group-by '^(main' is not a regular expression"},
      {{"plan", "s3://deploys", "--keep-daily", "7", "--timezone", "Europe/Berlinn"},
       "--timezone: unknown time zone 'Europe/Berlinn'"},
      {{"plan", "s3://deploys", "--keep-weekly", "0"}, "invalid --keep-weekly '0': must be at least 1"},
      {{"plan", "s3://deploys", "--keep-hourly", "x"}, "invalid --keep-hourly 'x'"},
      {{"plan", "s3://deploys", "--keep-within", "1d", "--keep-within-of", "then"},
       "--keep-within-of must be now or newest, not 'then'"},
      {{"plan", "s3://deploys", "--timezone", "UTC"}, "a policy needs --keep-last, --keep-within or a calendar rule"},
      {{"apply", "--plan", "p.json", "--keep-daily", "3"}, "--keep-daily cannot be combined with --plan"},
  };
  for (const auto& c : cases) {
    auto options = Parse(c.args);
    ASSERT_FALSE(options) << c.names;
    EXPECT_EQ(options.error().exit_code, kExitUsage) << c.names;
    EXPECT_NE(options.error().text.find(c.names), std::string::npos) << options.error().text;
    EXPECT_EQ(options.error().text.find('\n'), std::string::npos) << options.error().text;
  }
  // A calendar rule alone is a complete policy, as --keep-last is.
  auto daily = Parse({"plan", "s3://deploys", "--keep-daily", "7", "--timezone", "Europe/Berlin", "--group-by",
                      "^(main|pr-[0-9]+)-", "--keep-within", "30d", "--keep-within-of", "newest"});
  ASSERT_TRUE(daily) << daily.error().text;
  EXPECT_EQ(daily->request.policy.keep_daily, 7);
  EXPECT_EQ(daily->request.policy.time_zone.name(), "Europe/Berlin");
  EXPECT_EQ(daily->request.policy.group_by, "^(main|pr-[0-9]+)-");
  EXPECT_EQ(daily->request.policy.keep_within_of, policy::KeepWithinOf::kNewest);
}

TEST(ParseCommandLine, UsageErrorsSayWhatToWrite) {
  struct Case {
    std::vector<std::string> args;
    std::string says;
  } cases[] = {
      {{"--keep-last", "1", "plan", "s3://deploys"},
       "--keep-last is an option of plan and apply: put it after the command, e.g. s3prune plan s3://BUCKET/ "
       "--keep-last 1"},
      {{"--keep=x", "apply", "s3://deploys"},
       "--keep is an option of plan and apply: put it after the command, e.g. s3prune plan s3://BUCKET/ --keep=x"},
      {{"plan", "s3://deploys", "--keep-last", "1", "--keep-from", "live.txt"},
       "--keep-from: 'live.txt' is not an s3:// URL: write s3://BUCKET/KEY"},
      {{"plan", "s3://a_b", "--keep-last", "1"}, ""},  // accepted: legacy names
      {{"plan", "s3://ab", "--keep-last", "1"},
       "'ab' in s3://ab is not a valid bucket name (3 to 63 letters, digits, '.', '-' or '_')"},
      {{"plan", "s3://deploys", "--keep-last", "1", "--max-delete", ""},
       "--max-delete must not be empty: give a value, or leave it out"},
      {{"plan", "s3://deploys", "--keep-last", "1", "--price-per-gb", "inf"},
       "--price-per-gb must be a decimal number of USD from 0 to 1000 (e.g. 0.023), not 'inf'"},
  };
  for (const Case& c : cases) {
    auto options = Parse(c.args);
    if (c.says.empty()) {
      EXPECT_TRUE(options) << options.error().text;
      continue;
    }
    ASSERT_FALSE(options) << c.says;
    EXPECT_EQ(options.error().text, c.says);
  }
}

TEST(ParseCommandLine, RepeatableOptionsTakeOneValueEachSoOrderDoesNotMatter) {
  auto options = Parse({"plan", "--keep", "e*", "s3://deploys/", "--keep-last", "1", "--exclude", "live/", "--keep",
                        "release-*", "--keep-from", "s3://deploys/a.txt", "--keep-from", "s3://deploys/b.txt"});
  ASSERT_TRUE(options) << options.error().text;
  EXPECT_EQ(options->request.root.bucket, "deploys");
  EXPECT_EQ(options->request.policy.keep_last, 1);
  EXPECT_EQ(options->request.policy.keep_globs, (std::vector<std::string>{"e*", "release-*"}));
  EXPECT_EQ(options->request.policy.exclude_globs, (std::vector<std::string>{"live/"}));
  EXPECT_EQ(options->request.keep_from.size(), 2u);
  auto swallowed = Parse({"plan", "s3://deploys/", "--keep-last", "1", "--keep", "a", "b"});
  ASSERT_FALSE(swallowed);
  EXPECT_EQ(swallowed.error().exit_code, kExitUsage);
}

TEST(ParseCommandLine, HelpCommandAndFootersWithExamplesAndExitCodes) {
  for (const auto& args : std::vector<std::vector<std::string>>{{"help"}, {"help", "plan"}, {"plan", "--help"},
                                                               {"apply", "--help"}, {"help", "ls"}}) {
    auto help = Parse(args);
    ASSERT_FALSE(help);
    EXPECT_EQ(help.error().exit_code, kExitSuccess);
    EXPECT_NE(help.error().text.find("Examples:\n  s3prune "), std::string::npos) << help.error().text;
    EXPECT_NE(help.error().text.find("Exit codes:\n  0 "), std::string::npos);
    EXPECT_EQ(help.error().text.find("TEXT"), std::string::npos) << help.error().text;
  }
  auto plan_help = Parse({"help", "plan"});
  EXPECT_NE(plan_help.error().text.find("Usage: s3prune plan"), std::string::npos);
  EXPECT_NE(plan_help.error().text.find("--keep-last N "), std::string::npos);
}

TEST(WantsJson, EverySpellingOfTheOptionIsSeenBeforeParsing) {
  auto wants = [](std::vector<std::string> args, bool (*check)(int, const char* const*)) {
    args.insert(args.begin(), "s3prune");
    std::vector<const char*> argv;
    for (const auto& arg : args) argv.push_back(arg.c_str());
    return check(static_cast<int>(argv.size()), argv.data());
  };
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"plan", "--output", "json"}, {"plan", "--output=json"}, {"-o", "json", "plan"}, {"plan", "-ojson"}}) {
    EXPECT_TRUE(wants(args, WantsJsonOutput)) << args.back();
  }
  EXPECT_FALSE(wants({"plan", "--output", "table"}, WantsJsonOutput));
  EXPECT_FALSE(wants({"plan", "--output"}, WantsJsonOutput));
  EXPECT_TRUE(wants({"--log-format", "json", "plan"}, WantsJsonLogs));
  EXPECT_TRUE(wants({"plan", "--log-format=json"}, WantsJsonLogs));
  EXPECT_FALSE(wants({"plan", "--log-format", "text", "-o", "json"}, WantsJsonLogs));
}

TEST(ParseCommandLine, SavedPlansTakeOnlyHowToApply) {
  auto plan = Parse({"plan", "s3://deploys", "--keep-last", "2", "--out", "p.json"});
  ASSERT_TRUE(plan) << plan.error().text;
  EXPECT_EQ(plan->plan_out, "p.json");
  auto apply = Parse({"apply", "--plan", "p.json", "--yes", "--max-delete", "10", "--max-plan-age", "2h", "-o", "json"});
  ASSERT_TRUE(apply) << apply.error().text;
  EXPECT_EQ(apply->command, Command::kApply);
  EXPECT_EQ(apply->plan_file, "p.json");
  EXPECT_TRUE(apply->yes);
  EXPECT_EQ(apply->request.max_delete, 10u);
  EXPECT_EQ(apply->max_plan_age, std::chrono::hours(2));
  EXPECT_EQ(apply->output, OutputFormat::kJson);
}

TEST(ParseCommandLine, HelpAndVersionExitZero) {
  auto help = Parse({"--help"});
  ASSERT_FALSE(help);
  EXPECT_EQ(help.error().exit_code, kExitSuccess);
  EXPECT_NE(help.error().text.find("apply"), std::string::npos);
  auto version = Parse({"--version"});
  ASSERT_FALSE(version);
  EXPECT_EQ(version.error().exit_code, kExitSuccess);
  EXPECT_EQ(version.error().text.rfind("s3prune ", 0), 0u);
}

}  // namespace
}  // namespace s3prune::cli
