#include "cli/run_targets.h"

#include <fstream>
#include <iterator>
#include <optional>

#include "cli/error_messages.h"
#include "cli/exit_codes.h"
#include "cli/interrupt.h"
#include "cli/run_command.h"
#include "report/json_view.h"
#include "s3/core/model.h"
#include "usecase/target_pattern.h"
#include "usecase/targets_apart.h"

namespace s3prune::cli {
namespace {

int Severity(int code) {
  if (IsInterruption(code)) return 6;
  switch (code) {
    case kExitUsage: return 5;
    case kExitFailure: return 4;
    case kExitPartial: return 3;
    case kExitChanged: return 2;
    case kExitSuccess: return 0;
    default: return 4;
  }
}

// "prune.yaml line 2 (targets[0]), keep_last on line 4: invalid --keep-last '0': ..."
std::string Located(const TargetSettings& target, const usecase::SettingError& error) {
  std::string where = target.where;
  if (error.option != nullptr && error.line > 0) {
    where += ", " + usecase::KeyOf(*error.option) + " on line " + std::to_string(error.line);
  }
  return where + ": " + error.message;
}

}  // namespace

int WorstExitCode(int a, int b) { return Severity(b) > Severity(a) ? b : a; }

std::expected<std::vector<TargetRun>, std::string> ExpandTargets(const std::vector<TargetSettings>& targets,
                                                                const Options& base) {
  std::vector<TargetRun> runs;
  for (const auto& target : targets) {
    if (target.root.empty()) return std::unexpected(target.where + ": target is required: s3://BUCKET[/PREFIX/]");
    std::vector<usecase::Setting> settings = target.settings;
    for (const auto& setting : base.settings) usecase::LayOver(settings, setting);
    auto request = usecase::RequestFromSettings(usecase::Purpose::kPlan, target.root, settings);
    if (!request) return std::unexpected(Located(target, request.error()));
    TargetRun run{base, target.where};
    run.options.request = std::move(*request);
    run.options.settings = std::move(settings);
    run.options.config_file.clear();
    runs.push_back(std::move(run));
  }
  std::vector<usecase::PlacedRequest> placed;
  for (const auto& run : runs) placed.push_back({&run.options.request, run.where});
  if (auto apart = usecase::CheckTargetsApart(placed); !apart) return std::unexpected(apart.error());
  return runs;
}

namespace {

// One target as it runs: a '*' target is one per folder it matches, all sharing the prepared
// command (its client and credentials) and run one after another, each with its own request.
struct TargetToRun {
  std::size_t prepared = 0;  // index in the prepared commands
  usecase::PlanRequest request;
  std::string where;    // "prune.yaml line 2 (targets[0])", "the command line"
  std::string pattern;  // the '*' target it was matched by ("" for a target named in full)
};

std::string NameOf(const usecase::PlanRequest& request) { return s3::ObjectUri(request.root.bucket, request.root.key); }

// Every target as it runs, in order: a '*' target becomes its folders (one delimiter listing
// each), and the targets must still be apart once the folders are known (a site named in
// full beside the '*' that matches it would be pruned twice with two policies). An error is
// a FailEarly's arguments.
std::expected<std::vector<TargetToRun>, EarlyFailure> TargetsToRun(const std::vector<TargetRun>& runs,
                                                                    std::vector<PreparedCommand>& prepared) {
  std::vector<TargetToRun> targets;
  for (std::size_t i = 0; i < runs.size(); ++i) {
    const usecase::PlanRequest& request = prepared[i].options.request;
    if (!usecase::HasWildcard(request.root)) {
      targets.push_back({i, request, runs[i].where, ""});
      continue;
    }
    const std::string pattern = NameOf(request);
    auto folders = usecase::MatchedFolders(*prepared[i].setup.client, request);
    if (!folders) {
      const ErrorContext context{request.root.bucket, prepared[i].setup.endpoint_description,
                                 prepared[i].setup.access_key_id};
      return std::unexpected(EarlyFailure{std::string(s3::ErrorCodeName(folders.error().code)),
                                          runs[i].where + ": listing the folders " + pattern +
                                              " matches: " + DescribeError(folders.error(), context),
                                          ExitCodeFor(folders.error())});
    }
    if (folders->empty()) {
      // Most often a wrong prefix; a bucket whose sites are all gone has nothing to prune.
      return std::unexpected(EarlyFailure{"refused",
                                          runs[i].where + ": " + pattern +
                                              " matches no folder: check the part before the '*' (s3prune ls " +
                                              NameOf(usecase::RequestForFolder(request, "")) + " lists it)",
                                          kExitFailure});
    }
    for (const auto& folder : *folders) {
      targets.push_back({i, usecase::RequestForFolder(request, folder), runs[i].where + ", folder " + folder, pattern});
    }
  }
  std::vector<usecase::PlacedRequest> placed;
  for (const auto& target : targets) placed.push_back({&target.request, target.where});
  if (auto apart = usecase::CheckTargetsApart(placed); !apart) {
    return std::unexpected(EarlyFailure{"usage", apart.error(), kExitUsage});
  }
  return targets;
}

}  // namespace

TargetsResult RunTargets(const std::vector<TargetRun>& runs, bool json, std::ostream& out) {
  // With json every target's report waits for the one document: a signal must not end the
  // process before it is printed. It is caught for the whole run (the target at work finishes
  // its plan, deletes nothing more) and no later target starts.
  std::optional<InterruptScope> interrupt;
  if (json) interrupt.emplace();
  TargetsResult result{kExitSuccess, {}};
  // Every target is resolved (saved plan, profile, endpoint, addressing, credentials) before
  // the first request of any: a mistake in the last one must not come after the first's deletes.
  std::vector<PreparedCommand> prepared;
  for (const TargetRun& run : runs) {
    auto command = PrepareCommand(run.options);
    if (!command) {
      result.exit_code = FailEarly(json, command.error().code, run.where + ": " + command.error().message,
                                   command.error().exit_code, {out, &result.document});
      return result;
    }
    prepared.push_back(std::move(*command));
  }
  auto targets = TargetsToRun(runs, prepared);
  if (!targets) {
    result.exit_code = FailEarly(json, targets.error().code, targets.error().message, targets.error().exit_code,
                                 {out, &result.document});
    return result;
  }
  nlohmann::json documents = nlohmann::json::array();
  std::size_t ran = 0;
  for (std::size_t i = 0; i < targets->size(); ++i) {
    const TargetToRun& target = (*targets)[i];
    PreparedCommand& command = prepared[target.prepared];
    command.options.request = target.request;
    int code = kExitSuccess;
    if (json) {
      nlohmann::json document = nlohmann::json::object();
      code = RunPrepared(command, {out, &document});
      if (!document.is_object()) document = nlohmann::json::object();
      document["target"] = NameOf(target.request);
      if (!target.pattern.empty()) document["target_pattern"] = target.pattern;
      document["exit_code"] = code;
      documents.push_back(std::move(document));
    } else {
      out << (i == 0 ? "" : "\n") << "== " << NameOf(target.request) << " (target " << i + 1 << " of "
          << targets->size() << ", " << target.where << (target.pattern.empty() ? "" : " of " + target.pattern)
          << ")\n";
      code = RunPrepared(command, {out, nullptr});
    }
    result.exit_code = WorstExitCode(result.exit_code, code);
    ran = i + 1;
    if (interrupt && interrupt->Signal() != 0) {
      result.exit_code = WorstExitCode(result.exit_code, 128 + interrupt->Signal());
    }
    if (IsInterruption(result.exit_code)) break;  // the rest waits for the next run
  }
  if (json) {
    nlohmann::json not_run = nlohmann::json::array();
    for (std::size_t i = ran; i < targets->size(); ++i) not_run.push_back(NameOf((*targets)[i].request));
    result.document = nlohmann::json{{"targets", documents},
                                     {"exit_code", result.exit_code},
                                     {"interrupted", IsInterruption(result.exit_code)},
                                     {"targets_not_run", not_run}};
  }
  return result;
}

int RunTargetPattern(const Options& options, std::ostream& out) {
  const bool json = options.output == OutputFormat::kJson;
  auto result = RunTargets({TargetRun{options, "the command line"}}, json, out);
  if (json) out << report::JsonText(result.document) << "\n";
  return result.exit_code;
}

int RunPolicyFile(const Options& options, std::ostream& out) {
  const bool json = options.output == OutputFormat::kJson;
  std::ifstream file(options.config_file, std::ios::binary);
  if (!file) {
    return FailEarly(json, "usage", "cannot read the policy file " + options.config_file + ": check the path", kExitUsage,
                     {out, nullptr});
  }
  const std::string text{std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
  auto targets = ParsePolicyFile(text, options.config_file);
  if (!targets) return FailEarly(json, "usage", targets.error(), kExitUsage, {out, nullptr});
  auto runs = ExpandTargets(*targets, options);
  if (!runs) return FailEarly(json, "usage", runs.error(), kExitUsage, {out, nullptr});
  auto result = RunTargets(*runs, json, out);
  if (json) out << report::JsonText(result.document) << "\n";
  return result.exit_code;
}

}  // namespace s3prune::cli
