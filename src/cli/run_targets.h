// Several targets in one run: those of a policy file (`plan|apply --config prune.yaml`), of
// a Lambda event, or the folders of a '*' target (`s3://bucket/sites/*/`, each folder its own
// target, matched by one listing once every target is prepared, before any runs). Every target becomes its request first, with the command line's target
// options laid over its own (a flag given there replaces the file's value for every target),
// so a mistake in the last target stops the run before the first one deletes anything, and
// targets that overlap refuse (usecase/targets_apart.h). Every target is then resolved
// (profile, endpoint, credentials: PrepareCommand) before the first request of any. Then
// the targets run one after another; the exit code is the worst of theirs (an interruption
// stops the rest), and with --output json the report is one document, also when a signal
// stops the run: {"targets": [the document of each target run], "exit_code": N,
// "interrupted": bool, "targets_not_run": [their s3:// names]}.
#pragma once

#include <expected>
#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/options.h"
#include "cli/policy_file.h"

namespace s3prune::cli {

struct TargetRun {
  Options options;
  std::string where;  // "prune.yaml line 4 (targets[0])"
};

// `base`: the command, how to run and show it, and the target options the command line gave
// (base.settings). An error is one line naming where it is, the setting and its line.
std::expected<std::vector<TargetRun>, std::string> ExpandTargets(const std::vector<TargetSettings>& targets,
                                                                const Options& base);

struct TargetsResult {
  int exit_code = 0;        // the worst of the targets'
  nlohmann::json document;  // with json: {"targets": [...], "exit_code": N, "interrupted", "targets_not_run"}
};

// Runs them in turn. Text goes to `out` as each target runs; with json the document is
// returned, not printed.
TargetsResult RunTargets(const std::vector<TargetRun>& runs, bool json, std::ostream& out);

// The worse of two exit codes: interrupted (130, 143), then usage (2), failure (1),
// partial (3), changed since the plan (4), success (0).
int WorstExitCode(int a, int b);

// A target with a '*' (usecase/target_pattern.h) on the command line: run as the targets of
// a policy file are, one per folder it matches, each with its own report.
int RunTargetPattern(const Options& options, std::ostream& out);

// `plan|apply --config FILE ...`: reads the file and runs its targets.
int RunPolicyFile(const Options& options, std::ostream& out);

}  // namespace s3prune::cli
