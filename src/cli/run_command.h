// Running one parsed command line: load a saved plan if named, set up the client, run ls,
// plan or apply, print the stats. Its report goes to `out` (stdout, or a buffer when several
// targets of a policy file are gathered into one JSON document); messages go to stderr.
#pragma once

#include <expected>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "cli/client_setup.h"
#include "cli/options.h"
#include "usecase/plan_report.h"

namespace s3prune::cli {

// Where a command's report goes: printed on `out`, or with --output json and a `document`,
// kept there as a value (several targets gather theirs into one document; nothing prints
// JSON to read it back).
struct ReportSink {
  std::ostream& out;
  nlohmann::json* document = nullptr;
};

// A command ready to send its first request: its options (with a saved plan's target and
// policy laid in), the saved plan, the client with its credentials. Preparing sends nothing to
// the bucket, so several targets are all prepared before the first of them runs, and a
// mistake in the last (a profile that does not exist, a bad endpoint) stops them all.
struct PreparedCommand {
  Options options;
  std::optional<usecase::PlanReport> saved_plan;
  ClientSetup setup;
};

// Why a command could not be prepared: the JSON error code, one line, the exit code.
struct EarlyFailure {
  std::string code;
  std::string message;
  int exit_code = 0;
};

std::expected<PreparedCommand, EarlyFailure> PrepareCommand(const Options& options);

// Runs a prepared command; the documented exit code of the run.
int RunPrepared(PreparedCommand& prepared, ReportSink sink);

// PrepareCommand then RunPrepared (an early failure reported as FailEarly does).
int RunCommand(const Options& options, ReportSink sink);

// An error before a command could run: one line on stderr, and with --output json the error
// document in the sink too, so scripts never parse stderr. Returns exit_code.
int FailEarly(bool json, std::string_view code, const std::string& message, int exit_code, ReportSink sink);

}  // namespace s3prune::cli
