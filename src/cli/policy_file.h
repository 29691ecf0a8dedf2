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
// Each target becomes the command-line arguments it stands for, parsed by ParseCommandLine
// like any other: one set of rules and one set of error messages for both. Flags on the
// command line override the file (a flag given there replaces the file's value for every
// target). Pure: the caller reads the file.
#pragma once

#include <cstddef>
#include <expected>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace s3prune::cli {

// One key of a target with its values (one for scalars, any number for lists; "true" for a
// flag such as versions, which "false" leaves out).
struct PolicyField {
  std::string key;
  std::vector<std::string> values;
  std::size_t line = 0;  // 1-based; 0 when the settings did not come from a file
};

struct TargetSettings {
  std::vector<PolicyField> fields;  // the defaults' fields first, then the target's own
  std::string where;                // "prune.yaml line 4 (targets[0])", for messages
};

// The targets of a YAML policy file; an error names the file, the line and the field.
std::expected<std::vector<TargetSettings>, std::string> ParsePolicyFile(std::string_view text, std::string_view path);

// The same from JSON (a Lambda event): an object with "targets" (and optional "defaults"),
// or a single target object. `where` names the source in messages ("the event").
std::expected<std::vector<TargetSettings>, std::string> PolicyFromJson(const nlohmann::json& document,
                                                                        std::string_view where);

// The command-line arguments (after the command name) a target stands for, leaving out every
// flag in `overridden` (the long names given on the real command line, "--keep-last").
std::vector<std::string> TargetArguments(const TargetSettings& target, const std::set<std::string>& overridden);

// The file field an error message is about (the first whose flag it names), for its line.
const PolicyField* FieldNamedIn(const TargetSettings& target, std::string_view message);

}  // namespace s3prune::cli
