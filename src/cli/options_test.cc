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
    EXPECT_EQ(options->endpoint_url, "http://127.0.0.1:7480");
    EXPECT_EQ(options->region, "eu-west-1");
    EXPECT_EQ(options->root.bucket, "deploys");
    EXPECT_EQ(options->root.key, "www/");
    EXPECT_EQ(options->policy.keep_last, 3);
  }
}

TEST(ParseCommandLine, PolicyAndApplyOptions) {
  auto options = Parse({"apply", "s3://deploys", "--keep-within", "1d12h", "--keep", "release-*", "--keep", "hotfix-*",
                        "--keep-from", "s3://deploys/live/current.txt", "--exclude", "live", "--age-by", "oldest",
                        "--versions", "--max-delete", "5000", "--yes", "-o", "json", "--concurrency", "4"});
  ASSERT_TRUE(options) << options.error().text;
  EXPECT_EQ(options->command, Command::kApply);
  EXPECT_EQ(options->policy.keep_within->length, std::chrono::hours(36));
  EXPECT_EQ(options->policy.keep_globs, (std::vector<std::string>{"release-*", "hotfix-*"}));
  ASSERT_EQ(options->keep_from.size(), 1u);
  EXPECT_EQ(options->keep_from[0].key, "live/current.txt");
  EXPECT_EQ(options->policy.exclude_globs, (std::vector<std::string>{"live"}));
  EXPECT_EQ(options->policy.age_by, policy::AgeBy::kOldest);
  EXPECT_TRUE(options->versions);
  EXPECT_EQ(options->max_delete, 5000u);
  EXPECT_TRUE(options->yes);
  EXPECT_EQ(options->output, OutputFormat::kJson);
  EXPECT_EQ(options->concurrency, 4u);
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

TEST(ParseCommandLine, SavedPlansTakeOnlyHowToApply) {
  auto plan = Parse({"plan", "s3://deploys", "--keep-last", "2", "--out", "p.json"});
  ASSERT_TRUE(plan) << plan.error().text;
  EXPECT_EQ(plan->plan_out, "p.json");
  auto apply = Parse({"apply", "--plan", "p.json", "--yes", "--max-delete", "10", "--max-plan-age", "2h", "-o", "json"});
  ASSERT_TRUE(apply) << apply.error().text;
  EXPECT_EQ(apply->command, Command::kApply);
  EXPECT_EQ(apply->plan_file, "p.json");
  EXPECT_TRUE(apply->yes);
  EXPECT_EQ(apply->max_delete, 10u);
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
