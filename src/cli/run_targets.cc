#include "cli/run_targets.h"

#include <fstream>
#include <iterator>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "cli/exit_codes.h"
#include "cli/run_command.h"
#include "report/json_view.h"
#include "report/table_view.h"

namespace s3prune::cli {
namespace {

int Severity(int code) {
  switch (code) {
    case 130:
    case 143: return 6;
    case kExitUsage: return 5;
    case kExitFailure: return 4;
    case kExitPartial: return 3;
    case kExitChanged: return 2;
    case kExitSuccess: return 0;
    default: return 4;
  }
}

std::set<std::string> LongFlags(const std::vector<std::string>& tokens) {
  std::set<std::string> flags;
  for (const auto& token : tokens) {
    if (token.starts_with("--")) flags.insert(token.substr(0, token.find('=')));
  }
  return flags;
}

std::string TargetName(const TargetRun& run) {
  return s3::ObjectUri(run.options.request.root.bucket, run.options.request.root.key);
}

}  // namespace

int WorstExitCode(int a, int b) { return Severity(b) > Severity(a) ? b : a; }

std::expected<std::vector<TargetRun>, std::string> ExpandTargets(const std::vector<TargetSettings>& targets,
                                                                std::string_view command,
                                                                const std::vector<std::string>& extra) {
  const std::set<std::string> overridden = LongFlags(extra);
  std::vector<TargetRun> runs;
  for (const auto& target : targets) {
    std::vector<std::string> args = {"s3prune", std::string(command)};
    for (auto& arg : TargetArguments(target, overridden)) args.push_back(std::move(arg));
    args.insert(args.end(), extra.begin(), extra.end());
    std::vector<const char*> argv;
    for (const auto& arg : args) argv.push_back(arg.c_str());
    auto parsed = ParseCommandLine(static_cast<int>(argv.size()), argv.data());
    if (!parsed) {
      const PolicyField* field = FieldNamedIn(target, parsed.error().text);
      std::string where = target.where;
      if (field != nullptr && field->line > 0) where += ", " + field->key + " on line " + std::to_string(field->line);
      return std::unexpected(where + ": " + parsed.error().text);
    }
    runs.push_back({std::move(*parsed), target.where});
  }
  return runs;
}

int RunTargets(const std::vector<TargetRun>& runs, bool json, std::ostream& out) {
  int worst = kExitSuccess;
  nlohmann::json documents = nlohmann::json::array();
  for (std::size_t i = 0; i < runs.size(); ++i) {
    const TargetRun& run = runs[i];
    int code = kExitSuccess;
    if (json) {
      std::ostringstream captured;
      code = RunCommand(run.options, captured);
      nlohmann::json document = nlohmann::json::parse(captured.str(), nullptr, false);
      if (document.is_discarded()) document = nlohmann::json::object();
      document["target"] = TargetName(run);
      document["exit_code"] = code;
      documents.push_back(std::move(document));
    } else {
      out << (i == 0 ? "" : "\n") << "== " << TargetName(run) << " (target " << i + 1 << " of " << runs.size()
          << ", " << run.where << ")\n";
      code = RunCommand(run.options, out);
    }
    worst = WorstExitCode(worst, code);
    if (code == 130 || code == 143) break;  // interrupted: the rest waits for the next run
  }
  if (json) out << report::JsonText(nlohmann::json{{"targets", documents}, {"exit_code", worst}}) << "\n";
  return worst;
}

int RunPolicyFile(const Options& options, int argc, const char* const* argv, std::ostream& out) {
  const bool json = options.output == OutputFormat::kJson;
  std::ifstream file(options.config_file, std::ios::binary);
  if (!file) {
    return FailEarly(json, "usage", "cannot read the policy file " + options.config_file + ": check the path", kExitUsage,
                     out);
  }
  const std::string text{std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
  auto targets = ParsePolicyFile(text, options.config_file);
  if (!targets) return FailEarly(json, "usage", targets.error(), kExitUsage, out);
  // The command line minus the command name and --config FILE, laid over every target.
  std::vector<std::string> extra;
  const std::string command = options.command == Command::kPlan ? "plan" : "apply";
  bool command_seen = false;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (!command_seen && arg == command) {
      command_seen = true;
      continue;
    }
    if (arg == "--config") {
      ++i;
      continue;
    }
    if (arg.starts_with("--config=")) continue;
    extra.emplace_back(arg);
  }
  auto runs = ExpandTargets(*targets, command, extra);
  if (!runs) return FailEarly(json, "usage", runs.error(), kExitUsage, out);
  return RunTargets(*runs, json, out);
}

}  // namespace s3prune::cli
