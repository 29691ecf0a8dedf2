#include <algorithm>
#include <cctype>
#include <set>

#include "cli/command_context.h"
#include "cli/exit_codes.h"
#include "cli/lifecycle_mode.h"
#include "cli/deletion_log.h"
#include "cli/interrupt.h"
#include "cli/planning.h"
#include "cli/saved_plan.h"
#include "prune/executor.h"
#include "report/json_view.h"
#include "report/markdown_view.h"
#include "report/progress.h"
#include "report/table_view.h"
#include "s3/bucket_operations.h"
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
std::string CheckBeforeDeleting(CommandContext& context, const report::PlanReport& plan) {
  if (auto refusal = MaxDeleteRefusal(context.options, plan)) return *refusal;
  if (context.options.yes) return {};
  if (!context.stdin_is_terminal) {
    return "refusing to delete without confirmation: stdin is not a terminal (pass --yes to apply from scripts)";
  }
  context.err << report::ConfirmationQuestion(plan) << std::flush;
  const auto answer = context.read_line();
  if (!answer || !IsYes(*answer)) return "not confirmed";
  return {};
}

// The live pointers are read again just before deleting: a deploy or rollback that happened
// while the plan was shown must not lose its deployment.
std::string CheckPointersUnchanged(CommandContext& context, const std::vector<policy::Deployment>& doomed) {
  if (context.options.keep_from.empty()) return {};
  auto lists = ReadKeepFrom(context.options, context.client);
  if (!lists) return DescribeError(lists.error(), context.error_context);
  std::set<std::string> doomed_ids;
  for (const auto& deployment : doomed) doomed_ids.insert(deployment.id);
  for (const auto& list : *lists) {
    for (const auto& id : list.ids) {
      if (doomed_ids.contains(id)) return list.source + " now names '" + id + "', which the plan would delete: plan again";
    }
  }
  return {};
}

// An interruption is told first (scripts and init systems expect 128 + the signal); failures,
// the audit trail's included, weigh more than deployments left whole on purpose: both mean
// "run again".
int ApplyExitCode(const prune::ExecutionResult& result, int signal, bool log_failed) {
  if (result.interrupted) return 128 + signal;
  if (log_failed) return kExitPartial;
  if (result.Complete()) return kExitSuccess;
  const bool failed = result.upload_listing_error ||
                      std::ranges::any_of(result.uploads, [](const prune::UploadOutcome& u) { return u.error.has_value(); }) ||
                      std::ranges::any_of(result.deployments, [](const prune::DeploymentOutcome& d) {
                        return !d.failures.empty() || d.listing_error.has_value();
                      });
  return failed ? kExitPartial : kExitChanged;
}

s3::Error Refusal(const std::string& why) {
  return s3::MakeError(s3::ErrorCode::kRefused, why + "; nothing was deleted");
}

// apply --plan FILE: the saved plan, as long as the world it was made in still holds. Its age
// is measured by the server's clock, as its time was.
s3::Result<report::PlanReport> SavedPlanStillHolds(CommandContext& context) {
  const report::PlanReport& saved = *context.saved_plan;
  const Options& options = context.options;
  if (auto bucket = s3::HeadBucket(context.client, saved.bucket); !bucket) return std::unexpected(bucket.error());
  const auto now = saved.server_time ? context.client.LatestServerTime().value_or(context.now) : context.now;
  if (auto why = PlanTooOld(saved, now, options.max_plan_age)) return std::unexpected(Refusal(*why));
  report::PlanReport plan = saved;
  if (auto status = s3::GetBucketVersioning(context.client, saved.bucket); !status) {
    plan.warnings.push_back("could not read the bucket's versioning status to compare it with the plan's (" +
                            status.error().message + ")");
  } else if (auto why = VersioningChanged(saved, *status)) {
    return std::unexpected(Refusal(*why));
  }
  auto lists = ReadKeepFrom(options, context.client);
  if (!lists) return std::unexpected(lists.error());
  if (auto why = PointersChanged(saved.policy.keep_named, *lists)) return std::unexpected(Refusal(*why));
  return plan;
}

}  // namespace

int RunApply(CommandContext& context) {
  const Options& options = context.options;
  const bool show_progress = context.ShowProgress();
  std::optional<DeletionLog> deletion_log;
  if (!options.log_deleted.empty()) {
    auto opened = DeletionLog::Open(options.log_deleted, options.root.bucket, [] { return std::chrono::system_clock::now(); });
    if (!opened) return context.Fail(s3::MakeError(s3::ErrorCode::kBadConfig, opened.error()));
    deletion_log.emplace(std::move(*opened));
  }
  prune::ProgressCounters progress;
  auto plan = [&]() -> s3::Result<report::PlanReport> {
    if (context.saved_plan) return SavedPlanStillHolds(context);
    report::ProgressLine line(context.err, progress, show_progress);
    return BuildPlan(options, context.client, context.now, &progress);
  }();
  if (!plan) return context.Fail(plan.error());
  if (options.via_lifecycle) {
    if (auto scheduled = ScheduleLifecycle(options, context.client, *plan); !scheduled) {
      return context.Fail(scheduled.error(), &*plan);
    }
  }
  const bool table = options.output == OutputFormat::kTable;
  if (context.saved_plan && !options.quiet && table) {
    context.out << "Applying the plan saved in " << options.plan_file << ", made " << s3::FormatTimestamp(plan->now)
                << " (" << (plan->server_time ? "server" : "local") << " clock).\n";
  }
  for (const auto& warning : plan->warnings) context.err << "warning: " << warning << "\n";
  if (table && !options.quiet) report::WritePlanTable(context.out, *plan);

  report::ApplyReport applied{std::move(*plan), {}, options.price_per_gb};
  const auto doomed = DoomedDeployments(applied.plan.plan);
  int signal = 0;
  // With nothing doomed, --via lifecycle still runs: it removes the rules of deployments that
  // are gone or kept now (removing a rule only stops expiry, so it needs no confirmation).
  if (options.via_lifecycle && doomed.empty()) return ApplyViaLifecycle(context, std::move(applied.plan));
  if (!doomed.empty()) {
    context.out << std::flush;
    auto refusal = CheckBeforeDeleting(context, applied.plan);
    if (refusal.empty()) refusal = CheckPointersUnchanged(context, doomed);
    if (!refusal.empty()) return context.Fail(Refusal(refusal), &applied.plan);
    if (options.via_lifecycle) return ApplyViaLifecycle(context, std::move(applied.plan));
    progress.listed = 0;
    report::ProgressLine line(context.err, progress, show_progress);
    const InterruptScope interrupt;
    prune::ExecutionRequest request{.bucket = options.root.bucket, .prefix = options.root.key,
                                    .mode = ListingModeFor(options), .concurrency = options.concurrency,
                                    .progress = &progress,
                                    .snapshot_time = applied.plan.listed_at ? applied.plan.listed_at
                                                     : applied.plan.server_time ? std::optional(applied.plan.now)
                                                                                : std::nullopt,
                                    .should_stop = [&interrupt] { return interrupt.Requested(); },
                                    .on_deleted = {}};
    if (deletion_log) request.on_deleted = [&](const auto& entries) { deletion_log->Write(entries); };
    applied.result = prune::ExecuteDeletion(context.client, doomed, request);
    signal = interrupt.Signal();
  }
  if (table) {
    if (doomed.empty()) context.out << "Nothing to delete.\n";
    else report::WriteApplySummary(context.out, applied);
  } else if (options.output == OutputFormat::kMarkdown) {
    if (doomed.empty()) report::WritePlanMarkdown(context.out, applied.plan);
    else report::WriteApplyMarkdown(context.out, applied);
  } else {
    auto document = report::ApplyJson(applied);
    document["stats"] = report::StatsJson(context.Stats());
    context.WriteJson(document);
  }
  const bool log_failed = deletion_log && deletion_log->Failed();
  if (log_failed) {
    context.err << "s3prune: writing --log-deleted " << deletion_log->path()
                << " failed: the audit trail is incomplete (the summary above is complete)\n";
  }
  return ApplyExitCode(applied.result, signal, log_failed);
}

}  // namespace s3prune::cli
