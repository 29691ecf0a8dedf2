#include "cli/command_context.h"
#include "cli/exit_codes.h"
#include "cli/planning.h"
#include "report/json_view.h"
#include "report/progress.h"
#include "report/table_view.h"

namespace s3prune::cli {

int RunPlan(CommandContext& context) {
  const Options& options = context.options;
  prune::ProgressCounters progress;
  auto plan = [&] {
    report::ProgressLine line(context.err, progress, context.ShowProgress());
    return BuildPlan(options, context.client, context.now, &progress);
  }();
  if (!plan) return context.Fail(plan.error());
  for (const auto& warning : plan->warnings) context.err << "warning: " << warning << "\n";
  if (options.output == OutputFormat::kJson) {
    context.out << report::PlanJson(*plan).dump(2) << "\n";
  } else {
    report::WritePlanTable(context.out, *plan);
    context.out << "This was a plan: nothing was deleted. Run `s3prune apply` with the same arguments to delete.\n";
  }
  return kExitSuccess;
}

}  // namespace s3prune::cli
