#include "cli/main.h"

#include <exception>
#include <iostream>
#include <optional>
#include <string>

#include "cli/exit_codes.h"
#include "cli/interrupt.h"
#include "cli/log_lines.h"
#include "cli/options.h"
#include "cli/run_command.h"
#include "cli/run_targets.h"
#include "usecase/target_pattern.h"

namespace s3prune::cli {
namespace {

// Output that could not be written (a full disk, a pipe whose reader has exited) is a
// failure: a script reading the report must not take a truncated one for success. What was
// done stays done; the message says so.
int CheckOutputWritten(int code) {
  std::cout.flush();
  if (std::cout.good()) return code;
  const bool closed = StdoutClosed();
  // A failure (exit 1) has said why on stderr already; apply's own line for a closed stdout
  // says what was deleted, and a second one would only repeat it.
  if (closed && code == kExitFailure) return code;
  std::cerr << "s3prune: "
            << (closed ? "stdout closed (the program reading it has exited)"
                               : "could not write the output to stdout (is the disk full?)")
            << (code == kExitSuccess ? ": the command itself completed, but its report is lost" : "") << "\n";
  return code == kExitSuccess ? kExitFailure : code;
}

}  // namespace

int Main(int argc, char** argv) {
  // A closed stdout must not end s3prune silently in the middle of a deletion (exit 141):
  // writes fail instead, and apply stops cleanly (apply_command.cc).
  IgnoreBrokenPipes();
  // --log-format json: stderr's lines become JSON objects from the first message on.
  std::optional<JsonLogsOnStderr> json_logs;
  if (WantsJsonLogs(argc, argv)) json_logs.emplace();
  try {
    auto options = ParseCommandLine(argc, argv);
    if (!options && options.error().exit_code != kExitSuccess) {
      return CheckOutputWritten(
          FailEarly(WantsJsonOutput(argc, argv), "usage", options.error().text, options.error().exit_code, {std::cout}));
    }
    if (!options) {
      std::cout << options.error().text;  // --help, --version
      if (!options.error().text.ends_with('\n')) std::cout << "\n";
      return CheckOutputWritten(options.error().exit_code);
    }
    if (!options->config_file.empty()) return CheckOutputWritten(RunPolicyFile(*options, std::cout));
    if (usecase::HasWildcard(options->request.root)) return CheckOutputWritten(RunTargetPattern(*options, std::cout));
    return CheckOutputWritten(RunCommand(*options, {std::cout}));
  } catch (const std::exception& error) {
    return FailEarly(WantsJsonOutput(argc, argv), "internal", std::string("internal error: ") + error.what(), kExitFailure,
                     {std::cout});
  }
}

}  // namespace s3prune::cli
