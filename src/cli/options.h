// The command line, parsed into a plain Options value. Parsing checks every value (numbers,
// durations, URLs) so that a bad input is a usage error (exit 2) before any request is sent.
// No business logic here: commands read Options.
#pragma once

#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <vector>

#include "report/units.h"
#include "s3/endpoint.h"
#include "usecase/plan_request.h"

namespace s3prune::cli {

enum class Command { kLs, kPlan, kApply };
enum class OutputFormat { kTable, kJson, kMarkdown };
enum class LogFormat { kText, kJson };

struct Options {
  Command command = Command::kLs;
  // What to plan (ls reads its root, its versions and its concurrency): the same request
  // the policy file and the Lambda event make.
  usecase::PlanRequest request;

  // Connection: as in the AWS CLI; empty strings fall back to the environment and profile.
  std::string endpoint_url;
  std::string region;
  std::string profile;
  s3::Addressing addressing = s3::Addressing::kAuto;
  int max_attempts = 5;          // tries per request, the first included (s3::RetryPolicy)
  std::string expected_bucket_owner;  // account id S3 must see as the bucket's owner ("" none)

  // Output.
  OutputFormat output = OutputFormat::kTable;
  bool quiet = false;    // -q: no progress, no plan table during apply, ls prints ids only
  int verbose = 0;       // -v: log every request (method, path, status, time) to stderr
  bool stats = false;    // --stats: request counts, retries, bytes and time on stderr
  LogFormat log_format = LogFormat::kText;  // --log-format json: stderr as JSON lines (log_lines.h)

  bool yes = false;  // apply without asking
  double price_per_gb = report::kDefaultPricePerGbMonth;  // USD per GB-month, for the saving estimate

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
