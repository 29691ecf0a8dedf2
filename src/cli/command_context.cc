#include "cli/command_context.h"

#include "report/json_view.h"
#include "report/markdown_view.h"

namespace s3prune::cli {

int CommandContext::Fail(const s3::Error& error, const usecase::PlanReport* plan) const {
  const std::string message = DescribeError(error, error_context);
  err << "s3prune: " << message << "\n";
  const int exit_code = ExitCodeFor(error);
  if (options.output == OutputFormat::kJson) {
    auto document = report::ErrorDocument(s3::ErrorCodeName(error.code), message, exit_code);
    if (plan != nullptr) document["plan"] = report::PlanJson(*plan);
    WriteJson(document);
  } else if (options.output == OutputFormat::kMarkdown) {
    if (plan != nullptr) report::WritePlanMarkdown(out, *plan);
    report::WriteErrorMarkdown(out, message);
  }
  return exit_code;
}

void CommandContext::WriteJson(const nlohmann::json& document) const {
  bool replaced = false;
  const std::string text = report::JsonText(document, &replaced);
  if (json_document != nullptr) *json_document = document;
  else out << text << "\n";
  if (replaced) {
    err << "warning: some keys or ids are not valid UTF-8: the JSON output shows U+FFFD in place of "
           "their bad bytes (use the table output or -v to see them as sent)\n";
  }
}

report::RunStats CommandContext::Stats() const {
  return {client.stats().Snapshot(), std::chrono::duration_cast<std::chrono::milliseconds>(
                                         std::chrono::steady_clock::now() - started)};
}

}  // namespace s3prune::cli
