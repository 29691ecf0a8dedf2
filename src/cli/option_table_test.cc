// The option table (usecase/policy_options.h) drives every door: here, that the command line
// offers each row as a flag of the right commands, that apply --plan refuses exactly the rows
// that say so, and that the shell completion and the man page, written by hand, name every row.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/options.h"
#include "usecase/policy_options.h"

namespace s3prune::cli {
namespace {

std::string ReadSource(const std::string& path) {
  std::ifstream file(std::string(S3PRUNE_SOURCE_DIR) + "/" + path);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

std::expected<Options, CommandLineExit> Parse(std::vector<std::string> args) {
  args.insert(args.begin(), "s3prune");
  std::vector<const char*> argv;
  for (const auto& arg : args) argv.push_back(arg.c_str());
  return ParseCommandLine(static_cast<int>(argv.size()), argv.data());
}

// A value each row accepts, so that a parse fails only for the reason under test.
std::vector<std::string> Given(const usecase::PolicyOption& option) {
  std::vector<std::string> args = {usecase::FlagOf(option)};
  if (option.value == usecase::OptionValue::kFlag) return args;
  const std::string name{option.name};
  if (name == "keep-from" || name == "inventory") args.push_back("s3://deploys/live.txt");
  else if (name == "endpoint-url") args.push_back("http://127.0.0.1:7480");
  else if (name == "addressing") args.push_back("path");
  else if (name == "age-by") args.push_back("oldest");
  else if (name == "via") args.push_back("lifecycle");
  else if (name == "time-from") args.push_back("id:%Y%m%d");
  else if (name == "keep-within" || name == "undo-window") args.push_back("2d");
  else if (name == "price-per-gb") args.push_back("0.02");
  else if (name == "timezone") args.push_back("Europe/Berlin");
  else if (name == "group-by") args.push_back("^(main|pr-[0-9]+)-");
  else if (name == "keep-within-of") args.push_back("newest");
  else args.push_back("3");
  return args;
}

TEST(OptionTable, EveryRowIsAFlagOfItsCommandsAndReachesTheRequest) {
  for (const auto& option : usecase::PolicyOptions()) {
    std::vector<std::string> args = {"plan", "s3://deploys/", "--keep-last", "2"};
    if (option.name == "keep-last") args.resize(2);
    for (auto& arg : Given(option)) args.push_back(arg);
    auto parsed = Parse(args);
    ASSERT_TRUE(parsed) << option.name << ": " << parsed.error().text;
    ASSERT_EQ(parsed->settings.size(), option.name == "keep-last" ? 1u : 2u) << option.name;
    EXPECT_TRUE(std::ranges::any_of(parsed->settings, [&](const usecase::Setting& s) { return s.option == &option; }))
        << option.name;
    // ls has the global rows only (and its own --versions and --time-from).
    auto listed = Parse({"ls", "s3://deploys/", Given(option)[0]});
    const bool global = option.scope == usecase::OptionScope::kEveryCommand;
    if (!global && option.name != "versions" && option.name != "time-from") {
      EXPECT_FALSE(listed.has_value()) << option.name;
    }
  }
}

TEST(OptionTable, ApplyPlanRefusesExactlyTheRowsThatDecideThePolicy) {
  for (const auto& option : usecase::PolicyOptions()) {
    std::vector<std::string> args = {"apply", "--plan", "p.json"};
    for (auto& arg : Given(option)) args.push_back(arg);
    auto parsed = Parse(args);
    if (option.with_saved_plan == usecase::WithSavedPlan::kRefused) {
      ASSERT_FALSE(parsed) << option.name;
      EXPECT_EQ(parsed.error().text.find(usecase::FlagOf(option) + " cannot be combined with --plan"), 0u)
          << parsed.error().text;
    } else {
      EXPECT_TRUE(parsed) << option.name << ": " << parsed.error().text;
    }
  }
}

TEST(OptionTable, CompletionAndManPageNameEveryRow) {
  const std::string completion = ReadSource("completion/s3prune.bash");
  const std::string manual = ReadSource("doc/s3prune.1");
  ASSERT_FALSE(completion.empty());
  ASSERT_FALSE(manual.empty());
  // The completion's word lists: global="..." and policy="...".
  auto words_of = [&](const std::string& list) {
    const auto start = completion.find("local " + list + "=\"");
    const auto end = completion.find('"', start + list.size() + 8);
    if (start == std::string::npos) return std::string();
    std::string words = completion.substr(start, end - start) + " ";
    std::ranges::replace(words, '"', ' ');
    std::ranges::replace(words, '\n', ' ');
    return words;
  };
  const std::string global = words_of("global");
  const std::string policy = words_of("policy");
  for (const auto& option : usecase::PolicyOptions()) {
    const std::string flag = usecase::FlagOf(option);
    const std::string& words = option.scope == usecase::OptionScope::kEveryCommand ? global : policy;
    EXPECT_NE(words.find(" " + flag + " "), std::string::npos) << flag << " is missing from the completion";
    std::string roff = flag;  // the man page writes every '-' as "\-"
    for (std::size_t at = 0; (at = roff.find('-', at)) != std::string::npos; at += 2) roff.replace(at, 1, "\\-");
    const bool documented = manual.find(".BI " + roff + " ") != std::string::npos ||
                            manual.find(".B " + roff + "\n") != std::string::npos;
    EXPECT_TRUE(documented) << flag << " is missing from doc/s3prune.1";
  }
}

TEST(OptionTable, KeysAndFlagsNameTheSameRow) {
  for (const auto& option : usecase::PolicyOptions()) {
    EXPECT_EQ(usecase::FindPolicyOption(option.name), &option);
    EXPECT_EQ(usecase::FindPolicyOption(usecase::KeyOf(option)), &option);
    EXPECT_EQ(usecase::KeyOf(option).find('-'), std::string::npos);
  }
  EXPECT_EQ(usecase::FindPolicyOption("yes"), nullptr);  // decided where the run is, not by a target
}

}  // namespace
}  // namespace s3prune::cli
