#include "cli/command_context.h"

namespace s3prune::cli {

int CommandContext::Fail(const s3::Error& error) const {
  err << "s3prune: " << DescribeError(error, error_context) << "\n";
  return ExitCodeFor(error);
}

report::RunStats CommandContext::Stats() const {
  return {client.stats().Snapshot(), std::chrono::duration_cast<std::chrono::milliseconds>(
                                         std::chrono::steady_clock::now() - started)};
}

}  // namespace s3prune::cli
