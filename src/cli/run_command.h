// Running one parsed command line: load a saved plan if named, set up the client, run ls,
// plan or apply, print the stats. Its report goes to `out` (stdout, or a buffer when several
// targets of a policy file are gathered into one JSON document); messages go to stderr.
#pragma once

#include <ostream>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "cli/options.h"

namespace s3prune::cli {

// Where a command's report goes: printed on `out`, or with --output json and a `document`,
// kept there as a value (several targets gather theirs into one document; nothing prints
// JSON to read it back).
struct ReportSink {
  std::ostream& out;
  nlohmann::json* document = nullptr;
};

// The documented exit code of the run.
int RunCommand(const Options& options, ReportSink sink);

// An error before a command could run: one line on stderr, and with --output json the error
// document in the sink too, so scripts never parse stderr. Returns exit_code.
int FailEarly(bool json, std::string_view code, const std::string& message, int exit_code, ReportSink sink);

}  // namespace s3prune::cli
