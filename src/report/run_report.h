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
#include "usecase/listing.h"
#include "usecase/plan_report.h"
#include "report/units.h"
#include "s3/request_stats.h"

namespace s3prune::report {

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
  std::string time_note;  // --time-from and LastModified disagree by more than a day ("" none)
  // With --group-by: the group it was counted in, or kNoGroup. "" without --group-by.
  std::string group;
};
inline constexpr std::string_view kNoGroup = "(no match)";
// The title of the time column: "Newest" / "Oldest" (--age-by), or "Time" with a --time-from
// source other than objects. Views upper-case it as they need.
std::string TimeColumnTitle(const usecase::PlanReport& report);
PlanRow PlanRowOf(const policy::Decision& decision, const usecase::PlanReport& report);

struct RunStats {
  s3::StatsSnapshot requests;
  std::chrono::milliseconds elapsed{};
};

struct ApplyReport {
  usecase::PlanReport plan;
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
  std::uint64_t objects_outcome_unknown = 0;  // neither deleted nor failed: a delete without answer
  std::size_t uploads_aborted = 0;
  double monthly_saving = 0;
};
ApplyTotals Totals(const ApplyReport& report);

}  // namespace s3prune::report
