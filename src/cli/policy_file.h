// The policy file of `plan|apply --config prune.yaml`, and the same settings as JSON in a
// Lambda event. Its keys are the flags' names with '_' for '-' (keep_last is --keep-last), so
// a user moves from flags to a file without a manual:
//
//   defaults: {versions: true, max_delete: 5000}
//   targets:
//     - target: s3://my-site/
//       keep_last: 5
//       keep: ["release-*"]
//
// Its keys are the rows of the option table (usecase/policy_options.h) plus `target`: each
// target becomes settings of that table, and the same RequestFromSettings as the command
// line's turns them into a request: one set of rules and one set of error messages for every
// door. Flags on the command line override the file (run_targets.h). Pure: the caller reads
// the file.
#pragma once

#include <expected>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "usecase/policy_options.h"

namespace s3prune::cli {

struct TargetSettings {
  std::string root;                         // the target's `target`: s3://BUCKET[/PREFIX/]
  std::vector<usecase::Setting> settings;   // the defaults' first, the target's own laid over them
  std::string where;                        // "prune.yaml line 4 (targets[0])", for messages
};

// The targets of a YAML policy file; an error names the file, the line and the field.
std::expected<std::vector<TargetSettings>, std::string> ParsePolicyFile(std::string_view text, std::string_view path);

// The same from JSON (a Lambda event): an object with "targets" (and optional "defaults"),
// or a single target object. `where` names the source in messages ("the event").
std::expected<std::vector<TargetSettings>, std::string> PolicyFromJson(const nlohmann::json& document,
                                                                        std::string_view where);

}  // namespace s3prune::cli
