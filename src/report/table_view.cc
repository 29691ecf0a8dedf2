#include "report/table_view.h"

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "policy/duration.h"
#include "report/units.h"
#include "s3/core/model.h"
#include "s3/core/timestamp.h"

namespace s3prune::report {
namespace {

using Row = std::vector<std::string>;

// Left-aligned columns separated by two spaces; the last column is not padded.
void WriteTable(std::ostream& out, const std::vector<Row>& rows) {
  std::vector<std::size_t> widths;
  for (const auto& row : rows) {
    widths.resize(std::max(widths.size(), row.size()));
    for (std::size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], row[c].size());
  }
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t c = 0; c < row.size(); ++c) {
      line += row[c];
      if (c + 1 < row.size()) line += std::string(widths[c] - row[c].size() + 2, ' ');
    }
    out << line << '\n';
  }
}

std::string Age(policy::Timestamp now, policy::Timestamp then) {
  return policy::FormatAge(std::chrono::duration_cast<std::chrono::seconds>(now - then));
}

// Whole seconds are enough for people; JSON keeps the milliseconds.
std::string ShortTime(policy::Timestamp time) {
  return s3::FormatTimestamp(std::chrono::floor<std::chrono::seconds>(time));
}

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

std::string Plural(std::uint64_t count, std::string_view noun) {
  return std::to_string(count) + " " + std::string(noun) + (count == 1 ? "" : "s");
}

std::string ObjectsAndBytes(std::uint64_t objects, std::uint64_t versions, std::uint64_t bytes) {
  std::string text = Plural(objects, "object");
  if (versions > 0) text += ", " + Plural(versions, "old version");
  return text + ", " + FormatBytes(bytes);
}

}  // namespace

void WriteListingTable(std::ostream& out, const ListingReport& report) {
  std::vector<Row> rows{{"DEPLOYMENT", "NEWEST", "OLDEST", "AGE", "OBJECTS", "SIZE"}};
  if (report.versions) rows[0].push_back("OLD VERSIONS");
  std::uint64_t objects = 0;
  std::uint64_t bytes = 0;
  for (const auto& d : report.deployments) {
    rows.push_back({d.id, ShortTime(d.newest), ShortTime(d.oldest), Age(report.now, d.newest),
                    std::to_string(d.objects), FormatBytes(d.bytes)});
    if (report.versions) rows.back().push_back(std::to_string(d.noncurrent_versions));
    objects += d.objects;
    bytes += d.bytes;
  }
  if (report.deployments.empty()) {
    out << "No deployments under " << Location(report.bucket, report.prefix) << "\n";
    return;
  }
  WriteTable(out, rows);
  out << Plural(report.deployments.size(), "deployment") << ", " << ObjectsAndBytes(objects, 0, bytes)
      << " under " << Location(report.bucket, report.prefix);
  if (report.root_objects > 0) out << " (plus " << Plural(report.root_objects, "root object") << ", never touched)";
  out << "\n";
}

void WritePlanTable(std::ostream& out, const PlanReport& report) {
  if (report.plan.decisions.empty()) {
    out << "No deployments under " << Location(report.bucket, report.prefix) << ": nothing to do.\n";
    return;
  }
  std::vector<Row> rows{{"ACTION", "DEPLOYMENT", "NEWEST", "AGE", "OBJECTS", "SIZE", "WHY"}};
  for (const auto& decision : report.plan.decisions) {
    const auto& d = decision.deployment;
    std::string objects = std::to_string(d.objects);
    if (report.versions && d.noncurrent_versions > 0) objects += "+" + std::to_string(d.noncurrent_versions) + "v";
    rows.push_back({decision.action == policy::Action::kKeep ? "keep" : "DELETE", d.id, ShortTime(d.newest),
                    Age(report.now, d.newest), objects, FormatBytes(d.bytes), Join(decision.reasons, "; ")});
  }
  WriteTable(out, rows);
  if (!report.plan.excluded.empty()) {
    std::vector<std::string> excluded;
    for (const auto& exclusion : report.plan.excluded) excluded.push_back(exclusion.id + " (" + exclusion.reason + ")");
    out << "Excluded (not deployments, never touched): " << Join(excluded, ", ") << "\n";
  }
  const PlanSummary summary = Summarize(report);
  out << "\nPlan for " << Location(report.bucket, report.prefix) << ": keep " << summary.keep << ", delete "
      << Plural(summary.remove, "deployment") << " ("
      << ObjectsAndBytes(summary.objects_to_delete, summary.versions_to_delete, summary.bytes_to_delete) << ").\n";
  switch (report.delete_effect) {
    case DeleteEffect::kPermanent: break;
    case DeleteEffect::kMarkerOnly:
      out << "Deleting adds delete markers only: no space is reclaimed, and removing the markers undoes it.\n";
      break;
    case DeleteEffect::kPermanentForNullVersions:
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
  if (report.plan.delete_effect == DeleteEffect::kPermanentForNullVersions) {
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
      out << "failed: " << failure.object.key;
      if (!failure.object.version_id.empty()) out << " (version " << failure.object.version_id << ")";
      out << ": " << failure.code << " " << failure.message << "\n";
    }
    if (!outcome.changed_since_plan.empty()) {
      out << "changed since the plan, left whole: " << outcome.id << " (" << outcome.changed_since_plan
          << "); plan again to decide on it\n";
    }
    if (AlreadyGone(outcome)) out << "already gone: " << outcome.id << " (nothing of it was left to delete)\n";
    if (outcome.interrupted) {
      out << "interrupted: " << outcome.id << " was not deleted"
          << (outcome.objects_deleted + outcome.versions_deleted > 0 ? " completely" : "") << "\n";
    }
    if (outcome.listing_error) {
      out << "incomplete: deployment " << outcome.id << " could not be listed to the end ("
          << outcome.listing_error->message << "); it was left whole\n";
    }
  }
  for (const auto& upload : report.result.uploads) {
    if (upload.error) out << "failed: abort upload of " << upload.key << ": " << upload.error->message << "\n";
  }
  if (report.result.interrupted) {
    out << "Interrupted: " << Plural(totals.deployments_interrupted, "deployment")
        << " not deleted or not completely; incomplete multipart uploads not aborted. Run apply again to finish.\n";
  }
  if (report.result.upload_listing_error) {
    out << "incomplete: multipart uploads could not be listed (" << report.result.upload_listing_error->message << ")\n";
  }
  if (totals.objects_failed > 0) out << Plural(totals.objects_failed, "object") << " could not be deleted.\n";
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

std::string ConfirmationQuestion(const PlanReport& report) {
  const PlanSummary summary = Summarize(report);
  return "Delete " + Plural(summary.remove, "deployment") + " (" +
         ObjectsAndBytes(summary.objects_to_delete, summary.versions_to_delete, summary.bytes_to_delete) +
         ")? [y/N] ";
}

}  // namespace s3prune::report
