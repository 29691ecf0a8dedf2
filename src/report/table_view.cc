#include "report/table_view.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <string>
#include <vector>

#include "policy/duration.h"
#include "report/display_text.h"
#include "report/units.h"
#include "s3/core/model.h"
#include "s3/core/timestamp.h"

namespace s3prune::report {
namespace {

using Row = std::vector<std::string>;

// Ids longer than this many columns are shortened in tables (JSON keeps them whole).
constexpr std::size_t kIdColumns = 40;

// Left-aligned columns separated by two spaces, padded by display width (cells are
// printable); the last column is not padded.
void WriteTable(std::ostream& out, const std::vector<Row>& rows) {
  std::vector<std::size_t> widths;
  for (const auto& row : rows) {
    widths.resize(std::max(widths.size(), row.size()));
    for (std::size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], DisplayWidth(row[c]));
  }
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t c = 0; c < row.size(); ++c) {
      line += row[c];
      if (c + 1 < row.size()) line += std::string(widths[c] - DisplayWidth(row[c]) + 2, ' ');
    }
    out << line << '\n';
  }
}

// An id or key as a table shows it: escaped, and shortened when long.
std::string ShownId(std::string_view id) { return FitWidth(Printable(id), kIdColumns); }

std::string Location(const std::string& bucket, const std::string& prefix) {
  return s3::ObjectUri(bucket, prefix);
}

std::string Join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string joined;
  for (const auto& part : parts) {
    if (!joined.empty()) joined += separator;
    joined += part;
  }
  return joined;
}

std::string ObjectsAndBytes(std::uint64_t objects, std::uint64_t versions, std::uint64_t bytes) {
  std::string text = Plural(objects, "object");
  if (versions > 0) text += ", " + Plural(versions, "old version");
  return text + ", " + FormatBytes(bytes);
}

std::string Ids(const std::vector<std::string>& ids) {
  std::vector<std::string> shown;
  for (std::size_t i = 0; i < ids.size() && i < 10; ++i) shown.push_back(ShownId(ids[i]));
  if (ids.size() > 10) shown.push_back("and " + std::to_string(ids.size() - 10) + " more");
  return Join(shown, ", ");
}

void WriteLifecycleSummary(std::ostream& out, const prune::LifecycleSchedule& schedule) {
  out << "Via lifecycle: nothing is deleted now; the bucket's lifecycle rules expire the doomed deployments.\n";
  if (!schedule.added.empty()) out << "  adds rules for " << Ids(schedule.added) << "\n";
  if (!schedule.unchanged.empty()) out << "  already scheduled: " << Ids(schedule.unchanged) << "\n";
  if (!schedule.removed.empty()) out << "  removes the rules of " << Ids(schedule.removed) << " (gone, or kept now)\n";
  if (!schedule.deferred.empty()) out << "  left for the next run (1000-rule limit): " << Ids(schedule.deferred) << "\n";
  out << "  keeps " << Plural(schedule.foreign_rules, "other rule") << " as they are\n";
}

// The --time-from time of a listed deployment: its time, "-" (order:natural, or residue, which
// is dated by its delete markers) or "unknown: WHY".
std::string ListedTime(const usecase::ListingReport& report, const std::string& id) {
  const auto found = report.times.find(id);
  if (found == report.times.end() || (found->second.known() && !found->second.time)) return "-";
  if (!found->second.known()) return "unknown: " + Printable(found->second.unknown);
  return FormatSecondsTimestamp(*found->second.time);
}

}  // namespace

void WriteListingTable(std::ostream& out, const usecase::ListingReport& report) {
  std::vector<Row> rows{{"DEPLOYMENT", "NEWEST", "OLDEST", "AGE", "OBJECTS", "SIZE"}};
  if (report.versions) rows[0].insert(rows[0].end(), {"OLD VERSIONS", "OLD SIZE"});
  // --time-from: the time plan would date each one by, beside LastModified.
  const bool time_from = !report.times.empty();
  if (time_from) rows[0].push_back("TIME");
  const bool any_scheduled = !report.scheduled.empty();
  if (any_scheduled) rows[0].push_back("EXPIRY");
  std::uint64_t objects = 0;
  std::uint64_t versions = 0;
  std::uint64_t bytes = 0;
  for (const auto& d : report.deployments) {
    rows.push_back({ShownId(d.id), FormatSecondsTimestamp(d.newest), FormatSecondsTimestamp(d.oldest),
                    FormatAgeAt(report.now, d.newest),
                    std::to_string(d.objects), FormatBytes(d.bytes)});
    if (report.versions) {
      rows.back().insert(rows.back().end(), {std::to_string(d.noncurrent_versions), FormatBytes(d.noncurrent_bytes)});
      versions += d.noncurrent_versions;
      bytes += d.noncurrent_bytes;
    }
    if (time_from) rows.back().push_back(ListedTime(report, d.id));
    if (any_scheduled) {
      rows.back().push_back(report.scheduled.contains(d.id) ? "scheduled (lifecycle)" : "");
    }
    objects += d.objects;
    bytes += d.bytes;
  }
  if (report.deployments.empty()) {
    out << "No deployments under " << Location(report.bucket, report.prefix) << "\n";
    return;
  }
  WriteTable(out, rows);
  out << Plural(report.deployments.size(), "deployment") << ", " << ObjectsAndBytes(objects, versions, bytes)
      << " under " << Location(report.bucket, report.prefix);
  if (report.root_objects > 0) out << " (plus " << Plural(report.root_objects, "root object") << ", never touched)";
  out << "\n";
  if (time_from) out << "TIME: from --time-from " << Printable(policy::FormatTimeSource(report.time_from)) << "\n";
}

void WritePlanTable(std::ostream& out, const usecase::PlanReport& report) {
  if (report.plan.decisions.empty()) {
    out << "No deployments under " << Location(report.bucket, report.prefix) << ": nothing to do.\n";
    return;
  }
  // The time column and AGE are those of the time that orders the plan (--time-from, or
  // --age-by's LastModified), as the reasons are.
  std::string time_title = TimeColumnTitle(report);
  std::ranges::transform(time_title, time_title.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  std::vector<Row> rows{{"ACTION", "DEPLOYMENT", time_title, "AGE", "OBJECTS", "SIZE", "WHY"}};
  // --group-by: the group each deployment was counted in, after its id.
  const bool grouped = !report.policy.group_by.empty();
  if (grouped) rows.front().insert(rows.front().begin() + 2, "GROUP");
  for (const auto& decision : report.plan.decisions) {
    const PlanRow row = PlanRowOf(decision, report);
    const std::string why = row.time_note.empty() ? row.reasons : row.reasons + "; note: " + row.time_note;
    rows.push_back({row.keep ? "keep" : "DELETE", ShownId(decision.deployment.id), row.time, row.age, row.objects,
                    FormatBytes(row.bytes), Printable(why)});
    if (grouped) rows.back().insert(rows.back().begin() + 2, Printable(row.group));
  }
  WriteTable(out, rows);
  if (report.policy.time_from.from != policy::TimeFrom::kObjects) {
    out << "Times from --time-from " << Printable(policy::FormatTimeSource(report.policy.time_from)) << "\n";
  }
  if (!report.plan.excluded.empty()) {
    std::vector<std::string> excluded;
    for (const auto& exclusion : report.plan.excluded) {
      excluded.push_back(ShownId(exclusion.id) + " (" + Printable(exclusion.reason) + ")");
    }
    out << "Excluded (not deployments, never touched): " << Join(excluded, ", ") << "\n";
  }
  const usecase::PlanSummary summary = usecase::Summarize(report);
  out << "\nPlan for " << Location(report.bucket, report.prefix) << ": keep " << summary.keep << ", delete "
      << Plural(summary.remove, "deployment") << " ("
      << ObjectsAndBytes(summary.objects_to_delete, summary.versions_to_delete, summary.bytes_to_delete) << ").\n";
  if (report.lifecycle) WriteLifecycleSummary(out, *report.lifecycle);
  switch (report.delete_effect) {
    case usecase::DeleteEffect::kPermanent: break;
    case usecase::DeleteEffect::kMarkerOnly:
      out << "Deleting adds delete markers only: no space is reclaimed, and removing the markers undoes it.\n";
      break;
    case usecase::DeleteEffect::kPermanentForNullVersions:
      out << "Deleting removes the null versions for good (" << FormatBytes(summary.bytes_reclaimed)
          << "); older versions stay as noncurrent versions.\n";
      break;
  }
}

void WriteApplySummary(std::ostream& out, const ApplyReport& report) {
  const ApplyTotals totals = Totals(report);
  out << "Deleted " << Plural(totals.deployments_deleted, "deployment") << ": "
      << ObjectsAndBytes(totals.objects_deleted, totals.versions_deleted, totals.bytes_deleted) << ".\n";
  if (totals.uploads_aborted > 0) out << "Aborted " << Plural(totals.uploads_aborted, "incomplete multipart upload") << ".\n";
  if (report.plan.delete_effect == usecase::DeleteEffect::kPermanentForNullVersions) {
    out << "Reclaimed " << FormatBytes(totals.bytes_reclaimed)
        << " for good: the null versions (written while versioning was off or suspended) are gone and cannot be "
           "restored; versions from when versioning was Enabled stay as noncurrent versions (use --versions).\n";
  }
  if (report.plan.reclaims_space()) {
    char price[32];
    std::snprintf(price, sizeof price, "$%.3f", report.price_per_gb_month);
    out << "Estimated saving: " << FormatDollars(totals.monthly_saving) << " per month (at " << price
        << " per GB-month).\n";
  } else {
    out << "No space reclaimed yet: the bucket is versioned, so deleted objects live on as "
           "noncurrent versions (use --versions).\n";
  }
  for (const auto& outcome : report.result.deployments) {
    for (const auto& failure : outcome.failures) {
      out << "failed: " << Printable(failure.object.key);
      if (!failure.object.version_id.empty()) out << " (version " << Printable(failure.object.version_id) << ")";
      out << ": " << Printable(failure.code) << " " << Printable(failure.message) << "\n";
    }
    for (const auto& unknown : outcome.outcome_unknown) {
      out << "outcome unknown: " << Printable(unknown.object.key);
      if (!unknown.object.version_id.empty()) out << " (version " << Printable(unknown.object.version_id) << ")";
      out << ": " << Printable(unknown.code) << " " << Printable(unknown.message) << "\n";
    }
    if (outcome.state == prune::DeploymentState::kChangedSincePlan) {
      out << "changed since the plan, left whole: " << Printable(outcome.id) << " (" << outcome.changed_since_plan
          << "); plan again to decide on it\n";
    }
    if (outcome.state == prune::DeploymentState::kAlreadyGone) {
      out << "already gone: " << Printable(outcome.id) << " (nothing of it was left to delete)\n";
    }
    if (outcome.state == prune::DeploymentState::kInterrupted) {
      out << "interrupted: " << Printable(outcome.id) << " was not deleted"
          << (outcome.objects_deleted + outcome.versions_deleted > 0 ? " completely" : "") << "\n";
    }
    if (outcome.listing_error) {
      out << "incomplete: deployment " << Printable(outcome.id) << " could not be listed to the end ("
          << outcome.listing_error->message << "); it was left whole\n";
    }
  }
  for (const auto& upload : report.result.uploads) {
    if (upload.error) out << "failed: abort upload of " << Printable(upload.key) << ": " << upload.error->message << "\n";
  }
  if (report.result.interrupted) {
    out << "Interrupted: " << Plural(totals.deployments_interrupted, "deployment")
        << " not deleted or not completely; incomplete multipart uploads not aborted. Run apply again to finish.\n";
  }
  if (report.result.upload_listing_error) {
    out << "incomplete: multipart uploads could not be listed (" << report.result.upload_listing_error->message << ")\n";
  }
  if (report.result.uploads_not_listed) out << "note: " << *report.result.uploads_not_listed << "\n";
  if (totals.objects_failed > 0) out << Plural(totals.objects_failed, "object") << " could not be deleted.\n";
  if (totals.objects_outcome_unknown > 0) {
    out << Plural(totals.objects_outcome_unknown, "object")
        << ": outcome unknown (the delete got no answer and they could not be listed again; they may be gone or "
           "not). Run apply again to finish.\n";
  }
}

void WriteStats(std::ostream& out, const RunStats& stats) {
  out << "requests: " << stats.requests.TotalRequests();
  for (std::size_t i = 0; i < s3::kOperationKinds; ++i) {
    if (stats.requests.requests[i] == 0) continue;
    out << " " << s3::OperationName(static_cast<s3::OperationKind>(i)) << "=" << stats.requests.requests[i];
  }
  out << "; retries: " << stats.requests.retries << "; sent " << FormatBytes(stats.requests.bytes_sent)
      << ", received " << FormatBytes(stats.requests.bytes_received) << "; "
      << static_cast<double>(stats.elapsed.count()) / 1000.0 << " s\n";
}

std::string ConfirmationQuestion(const usecase::PlanReport& report) {
  const usecase::PlanSummary summary = usecase::Summarize(report);
  return "Delete " + Plural(summary.remove, "deployment") + " (" +
         ObjectsAndBytes(summary.objects_to_delete, summary.versions_to_delete, summary.bytes_to_delete) +
         ")? [y/N] ";
}

}  // namespace s3prune::report
