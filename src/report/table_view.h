// The human output: aligned tables of deployments and plans, and the closing summaries.
// Writes to the stream it is given (stdout in the CLI, a string in tests).
#pragma once

#include <ostream>

#include "report/run_report.h"

namespace s3prune::report {

void WriteListingTable(std::ostream& out, const usecase::ListingReport& report);
void WritePlanTable(std::ostream& out, const usecase::PlanReport& report);
void WriteApplySummary(std::ostream& out, const ApplyReport& report);
void WriteStats(std::ostream& out, const RunStats& stats);

// The confirmation question: "Delete 3 deployments (1,234 objects, 5.0 MiB)? [y/N] ".
std::string ConfirmationQuestion(const usecase::PlanReport& report);

}  // namespace s3prune::report
