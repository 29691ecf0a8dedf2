// Several targets in one run: those of a policy file (`plan|apply --config prune.yaml`) or of
// a Lambda event. Every target is parsed first, as the command line it stands for with the
// real command line's flags laid over it, so a mistake in the last target stops the run before
// the first one deletes anything. Then the targets run one after another; the exit code is the
// worst of theirs (an interruption stops the rest), and with --output json stdout carries one
// document: {"targets": [the document of each target], "exit_code": N}.
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "cli/options.h"
#include "cli/policy_file.h"

namespace s3prune::cli {

struct TargetRun {
  Options options;
  std::string where;  // "prune.yaml line 4 (targets[0])"
};

// `command` is "plan" or "apply"; `extra` the command-line tokens to lay over every target
// (without the command name and --config). An error is one line naming where it is.
std::expected<std::vector<TargetRun>, std::string> ExpandTargets(const std::vector<TargetSettings>& targets,
                                                                std::string_view command,
                                                                const std::vector<std::string>& extra);

// Runs them in turn, printing to `out`; returns the worst exit code.
int RunTargets(const std::vector<TargetRun>& runs, bool json, std::ostream& out);

// The worse of two exit codes: interrupted (130, 143), then usage (2), failure (1),
// partial (3), changed since the plan (4), success (0).
int WorstExitCode(int a, int b);

// `plan|apply --config FILE ...`: reads the file and runs its targets.
int RunPolicyFile(const Options& options, int argc, const char* const* argv, std::ostream& out);

}  // namespace s3prune::cli
