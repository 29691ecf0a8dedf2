// Markdown for CI job summaries (`--output markdown >> "$GITHUB_STEP_SUMMARY"`): the plan as
// a table with its reasons, the totals, the warnings, and for apply what was deleted and what
// failed. Ids are escaped as in the terminal table, and '|' so that a row stays a row.
#pragma once

#include <ostream>
#include <string>

#include "report/run_report.h"

namespace s3prune::report {

void WriteListingMarkdown(std::ostream& out, const usecase::ListingReport& report);
void WritePlanMarkdown(std::ostream& out, const usecase::PlanReport& report);
void WriteApplyMarkdown(std::ostream& out, const ApplyReport& report);
// A run that stopped with an error: the message as the summary says it.
void WriteErrorMarkdown(std::ostream& out, const std::string& message);

}  // namespace s3prune::report
