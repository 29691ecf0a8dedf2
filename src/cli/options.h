// The command line, parsed into a plain Options value: the target options of the one table
// (usecase/policy_options.h) become the request through its checks, so that a bad input is a
// usage error (exit 2) before any request is sent; the rest says how to run and show it.
#pragma once

#include <chrono>
#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <vector>

#include "s3/endpoint.h"
#include "usecase/plan_request.h"
#include "usecase/policy_options.h"

namespace s3prune::cli {

enum class Command { kLs, kPlan, kApply };
enum class OutputFormat { kTable, kJson, kMarkdown };
enum class LogFormat { kText, kJson };

struct Options {
  Command command = Command::kLs;
  // What to plan and how to reach the store (ls reads the root, versions, concurrency and
  // connection): the same request a policy file's target and a Lambda event make.
  usecase::PlanRequest request;
  // The target options given on the command line, as given (usecase/policy_options.h): with
  // --config they are laid over every target of the file.
  std::vector<usecase::Setting> settings;

  // Output.
  OutputFormat output = OutputFormat::kTable;
  bool quiet = false;    // -q: no progress, no plan table during apply, ls prints ids only
  int verbose = 0;       // -v: log every request (method, path, status, time) to stderr
  bool stats = false;    // --stats: request counts, retries, bytes and time on stderr
  LogFormat log_format = LogFormat::kText;  // --log-format json: stderr as JSON lines (log_lines.h)

  bool yes = false;  // apply without asking

  // Saved plans, as with `terraform plan -out`.
  std::string plan_out;   // plan --out FILE: also write the plan there
  std::string plan_file;  // apply --plan FILE: apply that plan; root and versions come from it
  std::chrono::seconds max_plan_age = std::chrono::days{1};  // apply --plan refuses older plans

  std::string log_deleted;  // apply --log-deleted FILE: one JSON line per deleted key, appended
  // plan|apply --config FILE: the targets and policies come from this policy file
  // (policy_file.h); the other options here are then only those of the command line.
  std::string config_file;
};

// What to do instead of running a command: print `text` and exit with `exit_code`
// (0 for --help and --version, 2 for a usage error; the text is then one line).
struct CommandLineExit {
  int exit_code = 2;
  std::string text;
};

// Whether the command line asks for --output json (-o json, --output=json, -ojson), read
// without parsing it: a usage error is printed as JSON too then.
bool WantsJsonOutput(int argc, const char* const* argv);

// Whether the command line asks for --log-format json, read the same way, so that even a
// usage error is logged as a JSON line.
bool WantsJsonLogs(int argc, const char* const* argv);

std::expected<Options, CommandLineExit> ParseCommandLine(int argc, const char* const* argv);

}  // namespace s3prune::cli
