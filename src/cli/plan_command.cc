#include "cli/command_context.h"
#include "cli/exit_codes.h"
#include "cli/saved_plan.h"
#include "report/display_text.h"
#include "report/json_view.h"
#include "report/markdown_view.h"
#include "report/progress.h"
#include "report/table_view.h"
#include "usecase/build_plan.h"
#include "usecase/lifecycle_mode.h"
#include "usecase/saved_plan_guards.h"

namespace s3prune::cli {

int RunPlan(CommandContext& context) {
  const Options& options = context.options;
  prune::ProgressCounters progress;
  auto plan = [&] {
    report::ProgressLine line(context.err, progress, context.ShowProgress());
    return usecase::BuildPlan(options.request, context.client, context.now, &progress);
  }();
  if (!plan) return context.Fail(plan.error());
  if (auto checked = usecase::RepairKeptRules(context.client, *plan, usecase::KeptRules::kWarn); !checked) {
    return context.Fail(checked.error(), &*plan);
  }
  if (options.request.via == usecase::Via::kLifecycle) {
    if (auto scheduled = usecase::ScheduleLifecycle(context.client, *plan); !scheduled) {
      return context.Fail(scheduled.error(), &*plan);
    }
  }
  if (auto refusal = usecase::MaxDeleteRefusal(options.request.max_delete, *plan)) {
    plan->warnings.push_back("apply would refuse this plan: " + *refusal +
                             " (narrow the policy, or raise --max-delete if the plan is right)");
  }
  for (const auto& warning : plan->warnings) context.err << "warning: " << report::Printable(warning) << "\n";
  if (!options.plan_out.empty()) {
    if (auto saved = SavePlanFile(options.plan_out, *plan); !saved) {
      return context.Fail(s3::MakeError(s3::ErrorCode::kBadConfig, saved.error()), &*plan);
    }
  }
  if (options.output == OutputFormat::kJson) {
    context.WriteJson(report::PlanJson(*plan));
  } else {
    if (options.output == OutputFormat::kMarkdown) {
      report::WritePlanMarkdown(context.out, *plan);
      context.out << "\n_This was a plan: nothing was deleted._\n";
      return kExitSuccess;
    }
    report::WritePlanTable(context.out, *plan);
    if (options.plan_out.empty()) {
      context.out << "This was a plan: nothing was deleted. Run `s3prune apply` with the same arguments to delete.\n";
    } else {
      context.out << "This was a plan: nothing was deleted. Saved to " << options.plan_out
                  << ": run `s3prune apply --plan " << options.plan_out << "` to apply exactly this plan.\n";
    }
  }
  return kExitSuccess;
}

}  // namespace s3prune::cli
