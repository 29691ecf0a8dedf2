// What a command has to show, gathered in plain values the views render: the inventory for
// `ls`, the plan for `plan`, and the plan plus the execution result for `apply`. The views
// (table_view, json_view, markdown_view) turn these into text; nothing here does I/O.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "policy/deployment.h"
#include "policy/planner.h"
#include "policy/retention_policy.h"
#include "prune/executor.h"
#include "prune/lifecycle_schedule.h"
#include "report/units.h"
#include "s3/request_stats.h"

namespace s3prune::report {

// What deleting an object does to its data, by the bucket's versioning and --versions.
enum class DeleteEffect {
  kPermanent,                // never versioned, or --versions: the data is gone
  kMarkerOnly,               // versioning Enabled without --versions: a delete marker hides it
  kPermanentForNullVersions  // Suspended without --versions: the "null" version is gone, older
                             // versions from when versioning was Enabled stay
};
std::string_view DeleteEffectName(DeleteEffect effect);  // "permanent", "delete_marker_only", ...
DeleteEffect DeleteEffectOf(s3::VersioningStatus status, bool versions);

struct ListingReport {
  std::string bucket;
  std::string prefix;
  policy::Timestamp now{};
  std::vector<policy::Deployment> deployments;  // most recent first
  std::uint64_t root_objects = 0;
  bool versions = false;  // noncurrent counts were listed
  // Ids with an s3prune lifecycle rule (apply --via lifecycle): S3 is expiring them.
  std::set<std::string> scheduled{};
};

struct PlanReport {
  std::string bucket;
  std::string prefix;
  policy::Timestamp now{};  // the plan's time: the server's clock after listing, when it sent one
  bool server_time = false;  // `now` came from the server's Date header (else the local clock)
  policy::RetentionPolicy policy;
  bool versions = false;  // --versions: noncurrent versions and markers are deleted too
  s3::VersioningStatus versioning = s3::VersioningStatus::kNeverEnabled;
  DeleteEffect delete_effect = DeleteEffect::kPermanent;
  bool reclaims_space() const { return delete_effect != DeleteEffect::kMarkerOnly; }
  policy::Plan plan;
  std::vector<std::string> warnings;  // the plan's own plus the run's (versioning, ...)
  std::uint64_t root_objects = 0;
  // --inventory: the time the report reflects. Apply leaves whole any doomed deployment that
  // has an object newer than this (or more than planned), as the report could not see it.
  std::optional<policy::Timestamp> listed_at;
  // --via lifecycle: the plan is carried out by lifecycle rules (saved in a plan file), and
  // the rules it adds and removes, from the bucket's configuration when it was made.
  bool via_lifecycle = false;
  std::optional<prune::LifecycleSchedule> lifecycle;
};

struct PlanSummary {
  std::size_t deployments = 0;
  std::size_t keep = 0;
  std::size_t remove = 0;
  std::uint64_t objects_to_delete = 0;
  std::uint64_t versions_to_delete = 0;  // noncurrent versions and markers (with --versions)
  std::uint64_t bytes_to_delete = 0;     // current bytes, plus noncurrent with --versions
  std::uint64_t bytes_reclaimed = 0;     // of those, the bytes whose storage actually ends
};
PlanSummary Summarize(const PlanReport& report);

// What one plan row shows, the same in the table and in Markdown: the time --age-by selects
// and its age, the objects ("2", or "2+3v" with --versions: current plus old versions and
// markers), the bytes (with --versions the noncurrent ones too, so the rows add up to the
// summary), and the reasons. Raw text: each view escapes it its own way.
struct PlanRow {
  bool keep = true;
  std::string time;  // whole seconds
  std::string age;
  std::string objects;
  std::uint64_t bytes = 0;
  std::string reasons;  // joined with "; "
};
PlanRow PlanRowOf(const policy::Decision& decision, const PlanReport& report);

struct RunStats {
  s3::StatsSnapshot requests;
  std::chrono::milliseconds elapsed{};
};

struct ApplyReport {
  PlanReport plan;
  prune::ExecutionResult result;
  double price_per_gb_month = kDefaultPricePerGbMonth;
};

struct ApplyTotals {
  std::size_t deployments_deleted = 0;  // deployments with nothing left to fail
  std::size_t deployments_changed = 0;  // left whole: written to since the plan
  std::size_t deployments_interrupted = 0;  // not (fully) deleted: the run was interrupted
  std::size_t deployments_already_gone = 0;  // nothing of them was left to delete (a plan applied twice)
  std::uint64_t objects_deleted = 0;
  std::uint64_t versions_deleted = 0;
  std::uint64_t bytes_deleted = 0;
  std::uint64_t bytes_reclaimed = 0;  // storage that actually ends (see DeleteEffect)
  std::uint64_t objects_failed = 0;
  std::size_t uploads_aborted = 0;
  double monthly_saving = 0;
};
ApplyTotals Totals(const ApplyReport& report);

// A doomed deployment of which nothing was found to delete, and nothing went wrong: someone
// (or an earlier apply of the same saved plan) deleted it already.
bool AlreadyGone(const prune::DeploymentOutcome& outcome);

}  // namespace s3prune::report
