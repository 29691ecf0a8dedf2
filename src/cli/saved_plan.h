// The plan file of `plan --out FILE` and `apply --plan FILE`, as with `terraform plan -out`:
// reading and writing it, and the options apply runs with. The file fixes the target, the
// policy and the decisions; what apply checks before it deletes (the plan's age, versioning,
// pointers) is the use case's (usecase/saved_plan_guards.h).
#pragma once

#include <expected>
#include <string>

#include "cli/options.h"
#include "report/run_report.h"

namespace s3prune::cli {

// Reads and parses FILE; the error is one line naming the file and the problem.
std::expected<usecase::PlanReport, std::string> LoadPlanFile(const std::string& path);

// Writes the plan to FILE whole or not at all (a temporary file renamed into place).
std::expected<void, std::string> SavePlanFile(const std::string& path, const usecase::PlanReport& plan);

// The options apply runs with: the saved target, --versions and pointers, the flags of
// how to run (endpoint, concurrency, output, --yes, --max-delete) from the command line.
std::expected<Options, std::string> OptionsForSavedPlan(Options options, const usecase::PlanReport& plan);

}  // namespace s3prune::cli
