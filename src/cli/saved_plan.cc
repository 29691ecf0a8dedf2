#include "cli/saved_plan.h"

#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>

#include "policy/duration.h"
#include "report/json_view.h"
#include "report/plan_file.h"
#include "s3/core/timestamp.h"

namespace s3prune::cli {
namespace {

std::string Joined(const std::vector<std::string>& ids) {
  if (ids.empty()) return "nothing";
  std::string out;
  for (const auto& id : ids) out += (out.empty() ? "" : ", ") + id;
  return out;
}

std::string VersioningName(s3::VersioningStatus status) {
  switch (status) {
    case s3::VersioningStatus::kNeverEnabled: return "never enabled";
    case s3::VersioningStatus::kEnabled: return "Enabled";
    case s3::VersioningStatus::kSuspended: return "Suspended";
  }
  return "unknown";
}

}  // namespace

std::expected<report::PlanReport, std::string> LoadPlanFile(const std::string& path) {
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

std::expected<void, std::string> SavePlanFile(const std::string& path, const report::PlanReport& plan) {
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

std::expected<Options, std::string> OptionsForSavedPlan(Options options, const report::PlanReport& plan) {
  options.root = {plan.bucket, plan.prefix};
  options.versions = plan.versions;
  options.via_lifecycle = plan.via_lifecycle;
  options.policy = plan.policy;
  options.keep_from.clear();
  for (const auto& named : plan.policy.keep_named) {
    auto url = ParseObjectUrl(named.source);
    if (!url) return std::unexpected("the plan's --keep-from '" + named.source + "' is not an object URL");
    options.keep_from.push_back(*url);
  }
  return options;
}

std::optional<std::string> PlanTooOld(const report::PlanReport& plan, policy::Timestamp now,
                                      std::chrono::seconds max_age) {
  const auto age = std::chrono::duration_cast<std::chrono::seconds>(now - plan.now);
  if (age <= max_age) return std::nullopt;
  return "the plan was made " + policy::FormatAge(age) + " ago (" + s3::FormatTimestamp(plan.now) +
         "), more than --max-plan-age " + policy::FormatAge(max_age) + ": plan again, or raise --max-plan-age";
}

std::optional<std::string> PointersChanged(const std::vector<policy::NamedDeployments>& saved,
                                           const std::vector<policy::NamedDeployments>& now) {
  for (std::size_t i = 0; i < saved.size() && i < now.size(); ++i) {
    const std::set<std::string> before(saved[i].ids.begin(), saved[i].ids.end());
    const std::set<std::string> after(now[i].ids.begin(), now[i].ids.end());
    if (before != after) {
      return "--keep-from " + saved[i].source + " changed since the plan (it named " + Joined(saved[i].ids) +
             ", now " + Joined(now[i].ids) + "): plan again";
    }
  }
  return std::nullopt;
}

std::optional<std::string> VersioningChanged(const report::PlanReport& plan, s3::VersioningStatus now) {
  if (report::DeleteEffectOf(now, plan.versions) == plan.delete_effect) return std::nullopt;
  return "the bucket's versioning is now " + VersioningName(now) + ", so a delete would be " +
         std::string(report::DeleteEffectName(report::DeleteEffectOf(now, plan.versions))) + ", not " +
         std::string(report::DeleteEffectName(plan.delete_effect)) + " as planned: plan again";
}

}  // namespace s3prune::cli
