// Everything a command runs with besides its options: the client, the streams, what the
// terminal allows, the time, and how to describe errors. Built once by Main.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <ostream>
#include <string>

#include <nlohmann/json.hpp>

#include "cli/error_messages.h"
#include "cli/options.h"
#include "policy/deployment.h"
#include "report/run_report.h"
#include "s3/client.h"

namespace s3prune::cli {

struct CommandContext {
  const Options& options;
  s3::S3Client& client;
  std::ostream& out;  // results: tables or JSON
  std::ostream& err;  // warnings, errors, progress, the confirmation question
  bool stdin_is_terminal = false;
  bool stderr_is_terminal = false;
  std::function<std::optional<std::string>()> read_line;  // one answer from stdin
  policy::Timestamp now{};
  std::chrono::steady_clock::time_point started{};
  ErrorContext error_context;
  const usecase::PlanReport* saved_plan = nullptr;  // apply --plan FILE: the plan to apply, as saved
  nlohmann::json* json_document = nullptr;  // --output json: keep the document here instead of printing it
  // True once nobody reads the report any more (stdout's pipe closed: StdoutClosed); empty
  // when `out` is not stdout. apply then starts no deletion, or stops one as a signal would.
  std::function<bool()> output_closed;

  // A progress line is drawn only for a person watching: stderr a terminal and no -q.
  bool ShowProgress() const { return stderr_is_terminal && !options.quiet; }

  // Prints a JSON document on out (or keeps it in json_document); warns on err when bytes
  // that are not UTF-8 are replaced.
  void WriteJson(const nlohmann::json& document) const;

  // Requests so far and the time since `started`.
  report::RunStats Stats() const;

  // Prints "s3prune: <message>" on err and returns the exit code for the error. With
  // --output json, stdout gets the error document too, with the plan when one was made.
  int Fail(const s3::Error& error, const usecase::PlanReport* plan = nullptr) const;
};

int RunLs(CommandContext& context);
int RunPlan(CommandContext& context);
int RunApply(CommandContext& context);

}  // namespace s3prune::cli
