// apply --plan FILE: the plan saved by `plan --out FILE`, applied as saved, as with
// `terraform plan -out`. The file fixes the target, the policy and the decisions; apply
// checks that the world it was made in still holds (its age by the server's clock, the
// bucket's versioning, what each --keep-from pointer names) and then deletes only the
// deployments it names, only objects it saw (the executor's snapshot check).
#pragma once

#include <chrono>
#include <expected>
#include <optional>
#include <string>
#include <vector>

#include "cli/options.h"
#include "policy/deployment_list.h"
#include "report/run_report.h"

namespace s3prune::cli {

// Reads and parses FILE; the error is one line naming the file and the problem.
std::expected<report::PlanReport, std::string> LoadPlanFile(const std::string& path);

// Writes the plan to FILE whole or not at all (a temporary file renamed into place).
std::expected<void, std::string> SavePlanFile(const std::string& path, const report::PlanReport& plan);

// The options apply runs with: the saved target, --versions and pointers, the flags of
// how to run (endpoint, concurrency, output, --yes, --max-delete) from the command line.
std::expected<Options, std::string> OptionsForSavedPlan(Options options, const report::PlanReport& plan);

// Pure checks; each returns why apply must refuse, or nothing.
std::optional<std::string> PlanTooOld(const report::PlanReport& plan, policy::Timestamp now,
                                      std::chrono::seconds max_age);
std::optional<std::string> PointersChanged(const std::vector<policy::NamedDeployments>& saved,
                                           const std::vector<policy::NamedDeployments>& now);
std::optional<std::string> VersioningChanged(const report::PlanReport& plan, s3::VersioningStatus now);

}  // namespace s3prune::cli
