#include "cli/saved_plan.h"

#include <cstdio>
#include <fstream>
#include <sstream>

#include "report/json_view.h"
#include "report/plan_file.h"
#include "usecase/saved_plan_guards.h"

namespace s3prune::cli {

std::expected<usecase::PlanReport, std::string> LoadPlanFile(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return std::unexpected("cannot read the plan file " + path + ": it does not exist or is not readable");
  std::stringstream text;
  text << file.rdbuf();
  auto plan = report::ParsePlanFile(text.str());
  if (!plan) {
    return std::unexpected(path + " is not a plan saved by `s3prune plan --out` (" + plan.error() +
                           "): make it again with plan --out");
  }
  return plan;
}

std::expected<void, std::string> SavePlanFile(const std::string& path, const usecase::PlanReport& plan) {
  bool replaced = false;
  const std::string text = report::JsonText(report::PlanFileJson(plan), &replaced);
  if (replaced) {
    // The file would name other ids than the bucket holds: apply --plan could not match them.
    return std::unexpected("cannot save the plan to " + path + ": some deployment ids are not valid UTF-8, which a "
                           "JSON plan cannot hold; apply without --plan");
  }
  const std::string temporary = path + ".tmp";
  {
    std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
    file << text << "\n";
    file.close();
    if (!file) {
      std::remove(temporary.c_str());
      return std::unexpected("cannot write the plan to " + path + ": check the folder exists and is writable");
    }
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    std::remove(temporary.c_str());
    return std::unexpected("cannot write the plan to " + path + ": check the folder exists and is writable");
  }
  return {};
}

std::expected<Options, std::string> OptionsForSavedPlan(Options options, const usecase::PlanReport& plan) {
  auto request = usecase::RequestOfSavedPlan(plan, options.request);
  if (!request) return std::unexpected(request.error());
  options.request = std::move(*request);
  return options;
}

}  // namespace s3prune::cli
