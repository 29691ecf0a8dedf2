#include <algorithm>
#include <cctype>
#include <mutex>
#include <nlohmann/json.hpp>

#include "cli/command_context.h"
#include "cli/exit_codes.h"
#include "cli/deletion_log.h"
#include "cli/interrupt.h"
#include "usecase/apply_plan.h"
#include "usecase/build_plan.h"
#include "usecase/lifecycle_mode.h"
#include "usecase/pointers.h"
#include "usecase/saved_plan_guards.h"
#include "report/display_text.h"
#include "report/json_view.h"
#include "report/markdown_view.h"
#include "report/progress.h"
#include "report/table_view.h"
#include "s3/core/timestamp.h"
#include "util/text.h"

namespace s3prune::cli {
namespace {

bool IsYes(std::string answer) {
  answer = util::ToLower(answer);
  while (!answer.empty() && std::isspace(static_cast<unsigned char>(answer.back()))) answer.pop_back();
  return answer == "y" || answer == "yes";
}

// The safety checks between showing a plan and deleting; an empty string means go ahead.
std::string CheckBeforeDeleting(CommandContext& context, const usecase::PlanReport& plan) {
  if (auto refusal = usecase::MaxDeleteRefusal(context.options.request.max_delete, plan)) return *refusal;
  if (context.options.yes) return {};
  if (!context.stdin_is_terminal) {
    return "refusing to delete without confirmation: stdin is not a terminal (pass --yes to apply from scripts)";
  }
  context.err << report::ConfirmationQuestion(plan) << std::flush;
  const auto answer = context.read_line();
  if (!answer || !IsYes(*answer)) return "not confirmed";
  return {};
}

// The documented exit code of how the run ended (an interruption: 128 + the signal, as
// scripts and init systems expect).
int ExitCodeOf(usecase::ApplyVerdict verdict, int signal) {
  switch (verdict) {
    case usecase::ApplyVerdict::kDone: return kExitSuccess;
    case usecase::ApplyVerdict::kInterrupted: return 128 + signal;
    case usecase::ApplyVerdict::kPartial: return kExitPartial;
    case usecase::ApplyVerdict::kChanged: return kExitChanged;
  }
  return kExitFailure;
}

// True when the report can no longer reach anyone: stdout's reader is gone, or a write to it
// failed. Deleting then would leave a script with an exit code and no account of what went.
bool OutputLost(const CommandContext& context) {
  return !context.out.good() || (context.output_closed && context.output_closed());
}

std::string OutputProblem(const CommandContext& context) {
  return context.output_closed && context.output_closed() ? "stdout closed (the program reading it has exited)"
                                                          : "stdout could not be written (is the disk full?)";
}

// apply --via lifecycle after the confirmation: the use case writes the rules; this reports.
int ApplyViaLifecycle(CommandContext& context, usecase::PlanReport plan) {
  auto changed = usecase::WriteLifecycle(context.client, plan, context.options.request.concurrency);
  if (!changed) return context.Fail(changed.error(), &plan);
  if (context.options.output == OutputFormat::kJson) {
    auto document = report::PlanJson(plan);
    document["applied"] = true;
    document["changed_since_plan"] = nlohmann::json::array();
    for (const auto& [id, why] : *changed) document["changed_since_plan"].push_back({{"deployment", id}, {"reason", why}});
    context.WriteJson(document);
  } else {
    for (const auto& [id, why] : *changed) {
      context.out << "changed since the plan, no rule written: " << report::Printable(id) << " (" << why << ")\n";
    }
    const auto& schedule = *plan.lifecycle;
    context.out << "Scheduled " << schedule.added.size() << " deployments for expiry by lifecycle rules ("
                << schedule.unchanged.size() << " already were; " << schedule.removed.size() << " stale rules removed; "
                << schedule.foreign_rules << " other rules kept as they were).\n"
                << "S3 deletes them in the background, within about a day (AWS rounds expiry to the next midnight "
                   "UTC); run apply again later to remove the rules of deployments that are gone.\n";
  }
  return changed->empty() ? kExitSuccess : kExitChanged;
}

// The plan apply carries out: the saved one (apply --plan) while the world it was made in
// holds, or a new one.
s3::Result<usecase::PlanReport> PlanToApply(CommandContext& context, prune::ProgressCounters& progress) {
  const Options& options = context.options;
  if (context.saved_plan) {
    return usecase::SavedPlanStillHolds(*context.saved_plan, options.request, context.client, context.now,
                                        options.max_plan_age);
  }
  report::ProgressLine line(context.err, progress, context.ShowProgress());
  return usecase::BuildPlan(options.request, context.client, context.now, &progress);
}

void ShowPlan(CommandContext& context, const usecase::PlanReport& plan) {
  const Options& options = context.options;
  const bool table = options.output == OutputFormat::kTable;
  if (context.saved_plan && !options.quiet && table) {
    context.out << "Applying the plan saved in " << options.plan_file << ", made " << s3::FormatTimestamp(plan.now)
                << " (" << (plan.server_time ? "server" : "local") << " clock).\n";
  }
  for (const auto& warning : plan.warnings) context.err << "warning: " << report::Printable(warning) << "\n";
  if (table && !options.quiet) report::WritePlanTable(context.out, plan);
}

// Deletes what the confirmed plan dooms, with progress, Ctrl-C and the audit trail; returns
// the signal that stopped it (0 when none did).
int DeleteDoomed(CommandContext& context, report::ApplyReport& applied, prune::ProgressCounters& progress,
                 DeletionLog* deletion_log) {
  progress.listed = 0;
  report::ProgressLine line(context.err, progress, context.ShowProgress());
  const InterruptScope interrupt;
  // A closed stdout stops the deletion as a signal does: batches in flight finish, none start.
  usecase::DeleteHooks hooks{.progress = &progress,
                             .should_stop = [&] { return interrupt.Requested() || OutputLost(context); },
                             .on_deleted = {},
                             .note = {}};
  if (deletion_log != nullptr) hooks.on_deleted = [&](const auto& entries) { deletion_log->Write(entries); };
  std::mutex note_mutex;
  if (context.options.verbose > 0) {
    hooks.note = [&](const std::string& note) {
      std::lock_guard lock(note_mutex);
      context.err << "s3prune: " << note << "\n";
    };
  }
  applied.result = usecase::DeletePlanned(context.client, applied.plan, context.options.request, std::move(hooks));
  return interrupt.Signal();
}

void WriteApplyReport(CommandContext& context, const report::ApplyReport& applied, bool nothing_doomed) {
  switch (context.options.output) {
    case OutputFormat::kTable:
      if (nothing_doomed) context.out << "Nothing to delete.\n";
      else report::WriteApplySummary(context.out, applied);
      return;
    case OutputFormat::kMarkdown:
      if (nothing_doomed) report::WritePlanMarkdown(context.out, applied.plan);
      else report::WriteApplyMarkdown(context.out, applied);
      return;
    case OutputFormat::kJson: {
      auto document = report::ApplyJson(applied);
      document["stats"] = report::StatsJson(context.Stats());
      context.WriteJson(document);
      return;
    }
  }
}

}  // namespace

int RunApply(CommandContext& context) {
  const Options& options = context.options;
  std::optional<DeletionLog> deletion_log;
  if (!options.log_deleted.empty()) {
    auto opened = DeletionLog::Open(options.log_deleted, options.request.root.bucket, [] { return std::chrono::system_clock::now(); });
    if (!opened) return context.Fail(s3::MakeError(s3::ErrorCode::kBadConfig, opened.error()));
    deletion_log.emplace(std::move(*opened));
  }
  prune::ProgressCounters progress;
  auto plan = PlanToApply(context, progress);
  if (!plan) return context.Fail(plan.error());
  // Before anything can refuse: removing a rule over a kept deployment only stops an expiry.
  if (auto repaired = usecase::RepairKeptRules(context.client, *plan, usecase::KeptRules::kRemove); !repaired) {
    return context.Fail(repaired.error(), &*plan);
  }
  const bool via_lifecycle = options.request.via == usecase::Via::kLifecycle;
  if (via_lifecycle) {
    if (auto scheduled = usecase::ScheduleLifecycle(context.client, *plan); !scheduled) {
      return context.Fail(scheduled.error(), &*plan);
    }
  }
  ShowPlan(context, *plan);
  report::ApplyReport applied{std::move(*plan), {}, options.request.price_per_gb};
  const auto doomed = usecase::DoomedDeployments(applied.plan.plan);
  // With nothing doomed, --via lifecycle still runs: it removes the rules of deployments that
  // are gone or kept now (removing a rule only stops expiry, so it needs no confirmation).
  if (via_lifecycle && doomed.empty()) return ApplyViaLifecycle(context, std::move(applied.plan));
  int signal = 0;
  if (!doomed.empty()) {
    context.out << std::flush;
    if (auto refusal = CheckBeforeDeleting(context, applied.plan); !refusal.empty()) {
      return context.Fail(s3::MakeError(s3::ErrorCode::kRefused, refusal + "; nothing was deleted"), &applied.plan);
    }
    if (auto pointers = usecase::RecheckPointers(options.request, context.client, doomed); !pointers) {
      return context.Fail(pointers.error(), &applied.plan);
    }
    if (OutputLost(context)) {
      return context.Fail(s3::MakeError(s3::ErrorCode::kRefused, OutputProblem(context) + ": nothing was deleted"),
                          &applied.plan);
    }
    if (via_lifecycle) return ApplyViaLifecycle(context, std::move(applied.plan));
    signal = DeleteDoomed(context, applied, progress, deletion_log ? &*deletion_log : nullptr);
  }
  const bool stopped_by_output = signal == 0 && applied.result.interrupted && OutputLost(context);
  WriteApplyReport(context, applied, doomed.empty());
  const bool log_failed = deletion_log && deletion_log->Failed();
  if (log_failed) {
    context.err << "s3prune: writing --log-deleted " << deletion_log->path()
                << " failed: the audit trail is incomplete (the summary above is complete)\n";
  }
  if (stopped_by_output) {
    const auto totals = report::Totals(applied);
    context.err << "s3prune: " << OutputProblem(context) << ": stopped deleting after the batches in flight; "
                << totals.objects_deleted << " objects and " << totals.versions_deleted << " versions were deleted"
                << (deletion_log ? " (listed in " + deletion_log->path() + ")" : "") << "; run apply again to finish\n";
    return kExitFailure;
  }
  return ExitCodeOf(usecase::VerdictOf(applied.result, log_failed), signal);
}

}  // namespace s3prune::cli
