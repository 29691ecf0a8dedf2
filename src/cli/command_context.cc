#include "cli/command_context.h"

#include "report/json_view.h"

namespace s3prune::cli {

int CommandContext::Fail(const s3::Error& error, const report::PlanReport* plan) const {
  const std::string message = DescribeError(error, error_context);
  err << "s3prune: " << message << "\n";
  const int exit_code = ExitCodeFor(error);
  if (options.output == OutputFormat::kJson) {
    auto document = report::ErrorDocument(s3::ErrorCodeName(error.code), message, exit_code);
    if (plan != nullptr) document["plan"] = report::PlanJson(*plan);
    out << report::JsonText(document) << "\n";
  }
  return exit_code;
}

report::RunStats CommandContext::Stats() const {
  return {client.stats().Snapshot(), std::chrono::duration_cast<std::chrono::milliseconds>(
                                         std::chrono::steady_clock::now() - started)};
}

}  // namespace s3prune::cli
