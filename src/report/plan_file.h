// The saved plan of `plan --out FILE`, read back by `apply --plan FILE`, as `terraform plan
// -out` does: the plan document of --output json plus what apply needs to carry it out
// exactly (every deployment's counts, the plan's time and its source, the ids each
// --keep-from pointer named). apply then deletes only what this plan saw, without planning
// again. Pure: the caller reads and writes the file.
#pragma once

#include <expected>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "report/run_report.h"

namespace s3prune::report {

inline constexpr std::string_view kPlanFileFormat = "s3prune-plan/1";

nlohmann::json PlanFileJson(const usecase::PlanReport& report);

// The plan as saved; an error (one line, naming the field) for anything that is not a plan
// file of this format.
std::expected<usecase::PlanReport, std::string> ParsePlanFile(std::string_view text);

}  // namespace s3prune::report
