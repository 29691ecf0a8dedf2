#include "cli/run_command.h"

#include <unistd.h>

#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/client_setup.h"
#include "cli/command_context.h"
#include "cli/error_messages.h"
#include "cli/exit_codes.h"
#include "cli/interrupt.h"
#include "cli/saved_plan.h"
#include "report/json_view.h"
#include "report/table_view.h"
#include "s3/credentials/system_io.h"

namespace s3prune::cli {

// An error before a command could run: one line on stderr, and with --output json the error
// document on stdout too, so scripts never parse stderr.
int FailEarly(bool json, std::string_view code, const std::string& message, int exit_code, ReportSink sink) {
  std::cerr << "s3prune: " << message << "\n";
  if (!json) return exit_code;
  auto document = report::ErrorDocument(code, message, exit_code);
  if (sink.document != nullptr) *sink.document = std::move(document);
  else sink.out << report::JsonText(document) << "\n";
  return exit_code;
}

std::expected<PreparedCommand, EarlyFailure> PrepareCommand(const Options& parsed) {
  // apply --plan FILE: the file names the target and the policy; a bad file is bad input.
  std::optional<usecase::PlanReport> saved_plan;
  Options options = parsed;
  if (!parsed.plan_file.empty()) {
    auto loaded = LoadPlanFile(parsed.plan_file);
    auto saved_options = loaded ? OptionsForSavedPlan(parsed, *loaded) : std::unexpected(loaded.error());
    if (!saved_options) return std::unexpected(EarlyFailure{"usage", saved_options.error(), kExitUsage});
    options = std::move(*saved_options);
    saved_plan = std::move(*loaded);
  }
  const s3::ProviderIo io = s3::SystemProviderIo(s3::ProcessEnvironment(), s3::CurlSettingsFromEnvironment());
  auto setup = SetUpClient(options.request, options.verbose > 0 ? Verbose::kLogRequests : Verbose::kQuiet, io, std::cerr);
  if (!setup) {
    return std::unexpected(EarlyFailure{std::string(s3::ErrorCodeName(setup.error().code)),
                                        DescribeError(setup.error(), {options.request.root.bucket, "", ""}),
                                        ExitCodeFor(setup.error())});
  }
  return PreparedCommand{std::move(options), std::move(saved_plan), std::move(*setup)};
}

int RunPrepared(PreparedCommand& prepared, ReportSink sink) {
  const auto started = std::chrono::steady_clock::now();
  const Options& options = prepared.options;
  CommandContext context{
      .options = options,
      .client = *prepared.setup.client,
      .out = sink.out,
      .err = std::cerr,
      .stdin_is_terminal = isatty(STDIN_FILENO) == 1,
      .stderr_is_terminal = isatty(STDERR_FILENO) == 1,
      .read_line = []() -> std::optional<std::string> {
        std::string line;
        if (!std::getline(std::cin, line)) return std::nullopt;
        return line;
      },
      .now = std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now()),
      .started = started,
      .error_context = {options.request.root.bucket, prepared.setup.endpoint_description,
                        prepared.setup.access_key_id},
      .saved_plan = prepared.saved_plan ? &*prepared.saved_plan : nullptr,
      .json_document = sink.document,
      .output_closed = &sink.out == &std::cout ? std::function<bool()>(StdoutClosed) : nullptr,
  };
  int code = kExitFailure;
  switch (options.command) {
    case Command::kLs: code = RunLs(context); break;
    case Command::kPlan: code = RunPlan(context); break;
    case Command::kApply: code = RunApply(context); break;
  }
  sink.out.flush();
  if (options.stats) report::WriteStats(std::cerr, context.Stats());
  return code;
}

int RunCommand(const Options& options, ReportSink sink) {
  auto prepared = PrepareCommand(options);
  if (!prepared) {
    return FailEarly(options.output == OutputFormat::kJson, prepared.error().code, prepared.error().message,
                     prepared.error().exit_code, sink);
  }
  return RunPrepared(*prepared, sink);
}

}  // namespace s3prune::cli
