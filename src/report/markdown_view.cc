#include "report/markdown_view.h"

#include "policy/duration.h"
#include "report/display_text.h"
#include "report/units.h"
#include "s3/core/model.h"
#include "s3/core/timestamp.h"

namespace s3prune::report {
namespace {

// Printable, with the characters that would end a cell or start markup escaped.
std::string Cell(std::string_view text) {
  std::string out;
  for (char c : Printable(text)) {
    if (c == '|' || c == '`' || c == '*' || c == '_' || c == '<' || c == '[') out += '\\';
    out += c;
  }
  return out;
}

std::string Where(const std::string& bucket, const std::string& prefix) { return "`" + s3::ObjectUri(bucket, prefix) + "`"; }

void WriteWarnings(std::ostream& out, const std::vector<std::string>& warnings) {
  if (warnings.empty()) return;
  out << "\n**Warnings**\n\n";
  for (const auto& warning : warnings) out << "- " << Cell(warning) << "\n";
}

}  // namespace

void WriteListingMarkdown(std::ostream& out, const usecase::ListingReport& report) {
  out << "### s3prune ls " << Where(report.bucket, report.prefix) << "\n\n";
  if (report.deployments.empty()) {
    out << "No deployments.\n";
    return;
  }
  const bool time_from = !report.times.empty();
  out << "| Deployment | Newest | Age | Objects | Size |" << (time_from ? " Time |" : "") << "\n|---|---|---|---:|---:|"
      << (time_from ? "---|" : "") << "\n";
  for (const auto& d : report.deployments) {
    out << "| " << Cell(d.id) << " | " << FormatSecondsTimestamp(d.newest) << " | " << FormatAgeAt(report.now, d.newest)
        << " | " << d.objects << " | " << FormatBytes(d.bytes) << " |";
    if (time_from) {
      const auto dated = report.times.find(d.id);
      std::string time = "-";
      if (dated != report.times.end() && dated->second.time) time = FormatSecondsTimestamp(*dated->second.time);
      if (dated != report.times.end() && !dated->second.known()) time = "unknown: " + dated->second.unknown;
      out << " " << Cell(time) << " |";
    }
    out << "\n";
  }
  if (time_from) out << "\nTimes from " << Cell("--time-from " + policy::FormatTimeSource(report.time_from)) << ".\n";
  out << "\n" << Plural(report.deployments.size(), "deployment") << "; " << Plural(report.root_objects, "root object")
      << " (never touched).\n";
}

void WritePlanMarkdown(std::ostream& out, const usecase::PlanReport& report) {
  out << "### s3prune plan for " << Where(report.bucket, report.prefix) << "\n\n";
  if (report.plan.decisions.empty()) {
    out << "No deployments: nothing to do.\n";
    WriteWarnings(out, report.warnings);
    return;
  }
  // With a --time-from source, a last column says where its time and LastModified disagree.
  const bool time_from = report.policy.time_from.from != policy::TimeFrom::kObjects;
  if (time_from) out << "Times from " << Cell("--time-from " + policy::FormatTimeSource(report.policy.time_from)) << ".\n\n";
  // --group-by: a Group column after the deployment.
  const bool grouped = !report.policy.group_by.empty();
  out << "| Action | Deployment | " << (grouped ? "Group | " : "") << TimeColumnTitle(report)
      << " | Age | Objects | Size | Why |" << (time_from ? " Time note |" : "") << "\n|---|---|"
      << (grouped ? "---|" : "") << "---|---|---:|---:|---|" << (time_from ? "---|" : "") << "\n";
  for (const auto& decision : report.plan.decisions) {
    const PlanRow row = PlanRowOf(decision, report);
    out << "| " << (row.keep ? "keep" : "**DELETE**") << " | " << Cell(decision.deployment.id) << " | "
        << (grouped ? Cell(row.group) + " | " : "") << row.time
        << " | " << row.age << " | " << row.objects << " | " << FormatBytes(row.bytes) << " | " << Cell(row.reasons)
        << " |";
    if (time_from) out << " " << Cell(row.time_note) << " |";
    out << "\n";
  }
  const usecase::PlanSummary summary = usecase::Summarize(report);
  out << "\n**Keep " << summary.keep << ", delete " << Plural(summary.remove, "deployment") << "** ("
      << Plural(summary.objects_to_delete, "object");
  if (summary.versions_to_delete > 0) out << ", " << Plural(summary.versions_to_delete, "old version");
  out << ", " << FormatBytes(summary.bytes_to_delete) << "; reclaims " << FormatBytes(summary.bytes_reclaimed) << ").\n";
  if (!report.plan.excluded.empty()) {
    out << "\nExcluded (never touched):";
    for (const auto& exclusion : report.plan.excluded) out << " " << Cell(exclusion.id) << " (" << Cell(exclusion.reason) << ");";
    out << "\n";
  }
  WriteWarnings(out, report.warnings);
}

void WriteApplyMarkdown(std::ostream& out, const ApplyReport& report) {
  WritePlanMarkdown(out, report.plan);
  const ApplyTotals totals = Totals(report);
  out << "\n#### Result\n\nDeleted " << Plural(totals.deployments_deleted, "deployment") << ": "
      << Plural(totals.objects_deleted, "object");
  if (totals.versions_deleted > 0) out << ", " << Plural(totals.versions_deleted, "old version");
  out << ", " << FormatBytes(totals.bytes_deleted) << " (estimated saving " << FormatDollars(totals.monthly_saving)
      << " per month).\n";
  if (totals.objects_failed > 0) {
    out << "\n**" << Plural(totals.objects_failed, "object") << " could not be deleted:**\n\n";
    for (const auto& outcome : report.result.deployments) {
      for (const auto& failure : outcome.failures) {
        out << "- " << Cell(failure.object.key) << ": " << Cell(failure.code) << " " << Cell(failure.message) << "\n";
      }
    }
  }
  if (totals.objects_outcome_unknown > 0) {
    out << "\n**" << Plural(totals.objects_outcome_unknown, "object")
        << ": outcome unknown** (the delete got no answer and they could not be listed again): run apply again.\n";
  }
  if (totals.deployments_changed > 0) {
    out << "\n" << Plural(totals.deployments_changed, "deployment") << " changed since the plan and were left whole.\n";
  }
  if (report.result.interrupted) out << "\n**Interrupted**: run apply again to finish.\n";
}

void WriteErrorMarkdown(std::ostream& out, const std::string& message) {
  out << "### s3prune failed\n\n" << Cell(message) << "\n";
}

}  // namespace s3prune::report
