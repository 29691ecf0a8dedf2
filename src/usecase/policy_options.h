// The one table of the options a target carries: what to prune, how, and how to reach the
// store. Every front door is built from it: the command line's flags (cli/options.cc), the
// keys of a policy file and of a Lambda event (cli/policy_file.h: the flag's name with '_'),
// and the list of flags `apply --plan` refuses; a test checks completion and the man page
// against it. Adding an option is one row here (and its field in PlanRequest).
//
// A door reads settings (a key, its values as text, where they were) and hands them to
// RequestFromSettings, which applies every default, then each setting through its row's
// check, then the checks across fields: one set of rules and messages for every door. Pure.
#pragma once

#include <cstddef>
#include <expected>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "usecase/plan_request.h"

namespace s3prune::usecase {

enum class OptionValue {
  kScalar,  // one value: --keep-last 5, keep_last: 5
  kList,    // one value per flag, repeated for more: --keep a --keep b, keep: [a, b]
  kFlag,    // present or not: --versions, versions: true
};
enum class OptionScope {
  kEveryCommand,  // a global flag (ls too): how to reach the store
  kPlanAndApply,  // a flag of plan and apply: what to prune and how
};
enum class WithSavedPlan {
  kAllowed,  // how to run: may be given with apply --plan
  kRefused,  // what to prune: the saved plan already decided it
};
enum class ListMerge {
  kReplaces,  // a list given later (a target's, the command line's) replaces an earlier one
  kAddsTo,    // ... adds to it
};

struct PolicyOption {
  std::string_view name;        // "keep-last": --keep-last, and keep_last in files and events
  OptionValue value;
  std::string_view value_name;  // "N", for help and the man page ("" for flags)
  std::string_view default_text;  // applied when not given ("" none)
  std::string_view help;
  OptionScope scope;
  WithSavedPlan with_saved_plan;
  ListMerge merge;
  // Checks the values (one for kScalar; any number for kList; {"true"} for kFlag) and sets
  // them on the request. The error is one line naming the flag and the problem.
  std::expected<void, std::string> (*set)(const std::vector<std::string>& values, PlanRequest& request);
};

std::span<const PolicyOption> PolicyOptions();

// The row of "keep-last" or "keep_last", or null.
const PolicyOption* FindPolicyOption(std::string_view name);

std::string FlagOf(const PolicyOption& option);  // "--keep-last"
std::string KeyOf(const PolicyOption& option);   // "keep_last"

// One option as a door read it.
struct Setting {
  const PolicyOption* option = nullptr;
  std::vector<std::string> values;  // as for PolicyOption::set; a flag set false has none
  std::size_t line = 0;             // 1-based line in a policy file; 0 elsewhere
};

// A setting's values laid over `settings`: the option's row says whether they replace or add
// to a setting of the same option already there.
void LayOver(std::vector<Setting>& settings, const Setting& setting);

// An error with the setting it is about (null when it is about several, e.g. two rules that
// contradict each other, or about the target).
struct SettingError {
  const PolicyOption* option = nullptr;
  std::size_t line = 0;
  std::string message;
};

// What the request is for, and so what it must hold.
enum class Purpose {
  kList,       // ls: a root; no retention rule is needed
  kPlan,       // plan and apply: a root and a valid policy (a rule that keeps by count or age)
  kElsewhere,  // apply --plan FILE, --config FILE: the file names the root and the policy; the
               // values given here are checked, and laid over it
};

// The request the settings stand for. `root` is the target (s3://BUCKET[/PREFIX/]), unused
// for kElsewhere. Settings are applied in the table's order, after every default.
std::expected<PlanRequest, SettingError> RequestFromSettings(Purpose purpose, std::string_view root,
                                                             const std::vector<Setting>& settings);

}  // namespace s3prune::usecase
