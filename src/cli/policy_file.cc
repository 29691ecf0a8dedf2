#include "cli/policy_file.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <set>
#include <nlohmann/json.hpp>

namespace s3prune::cli {
namespace {

// The keys a target may carry: the option table's, and `target`. Not here: yes, plan, out,
// output, config (decided where the run is).
constexpr std::string_view kTargetKey = "target";

std::string KnownKeys() {
  std::string known{kTargetKey};
  for (const auto& option : usecase::PolicyOptions()) known += ", " + usecase::KeyOf(option);
  return known;
}

// What one key of a mapping says, before it is known to be a target or a setting.
struct Field {
  std::string key;
  std::vector<std::string> values;
  bool was_list = false;
  std::size_t line = 0;
};

// The row of a key as files and events spell it (keep_last), or null.
const usecase::PolicyOption* OptionOfKey(std::string_view key) {
  const usecase::PolicyOption* option = usecase::FindPolicyOption(key);
  return option != nullptr && usecase::KeyOf(*option) == key ? option : nullptr;
}

bool Known(std::string_view key) { return key == kTargetKey || OptionOfKey(key) != nullptr; }

// A field whose value has the shape its key wants: a scalar, a list of scalars (a single
// scalar is a list of one), or a boolean flag ("false" leaves the flag out).
// REQUIRES: Known(field.key).
std::expected<void, std::string> AddField(Field field, TargetSettings& target) {
  if (field.key == kTargetKey) {
    if (field.was_list || field.values.size() != 1) return std::unexpected(field.key + " takes one value, not a list");
    target.root = field.values[0];
    return {};
  }
  const usecase::PolicyOption* option = OptionOfKey(field.key);
  if (option->value == usecase::OptionValue::kScalar && field.was_list) {
    return std::unexpected(field.key + " takes one value, not a list");
  }
  if (option->value == usecase::OptionValue::kFlag) {
    if (field.was_list || field.values.size() != 1 || (field.values[0] != "true" && field.values[0] != "false")) {
      return std::unexpected(field.key + " must be true or false");
    }
    if (field.values[0] == "false") field.values.clear();
  }
  usecase::LayOver(target.settings, {option, std::move(field.values), field.line});
  return {};
}

// A target's settings laid over the defaults'.
TargetSettings Over(const TargetSettings& defaults, const TargetSettings& own, std::string where) {
  TargetSettings target = defaults;
  if (!own.root.empty()) target.root = own.root;
  for (const auto& setting : own.settings) usecase::LayOver(target.settings, setting);
  target.where = std::move(where);
  return target;
}

// ---- YAML ----

std::string At(std::string_view path, const YAML::Node& node) {
  return std::string(path) + " line " + std::to_string(node.Mark().line + 1);
}

std::expected<TargetSettings, std::string> YamlFields(const YAML::Node& map, std::string_view path,
                                                     std::string_view what) {
  if (!map.IsMap()) return std::unexpected(At(path, map) + ": " + std::string(what) + " must be a mapping of settings");
  TargetSettings target;
  std::set<std::string> seen;
  for (const auto& entry : map) {
    Field field{entry.first.as<std::string>(), {}, entry.second.IsSequence(),
                static_cast<std::size_t>(entry.first.Mark().line + 1)};
    if (!seen.insert(field.key).second) {  // YAML forbids it; a parser that keeps the last hides a mistake
      return std::unexpected(At(path, entry.first) + ": " + field.key + " is given twice in " + std::string(what));
    }
    if (!Known(field.key)) {
      return std::unexpected(At(path, entry.first) + ": unknown setting '" + field.key + "' in " + std::string(what) +
                             " (known: " + KnownKeys() + ")");
    }
    const YAML::Node& value = entry.second;
    if (value.IsSequence()) {
      for (const auto& item : value) {
        if (!item.IsScalar()) return std::unexpected(At(path, item) + ": " + field.key + " takes plain values");
        field.values.push_back(item.as<std::string>());
      }
    } else if (value.IsScalar()) {
      field.values.push_back(value.as<std::string>());
    } else {
      return std::unexpected(At(path, entry.first) + ": " + field.key + " has no value");
    }
    if (auto added = AddField(std::move(field), target); !added) {
      return std::unexpected(At(path, entry.first) + ": " + added.error());
    }
  }
  return target;
}

// ---- JSON ----

std::expected<TargetSettings, std::string> JsonFields(const nlohmann::json& object, std::string_view where) {
  if (!object.is_object()) return std::unexpected(std::string(where) + " must be an object of settings");
  TargetSettings target;
  for (const auto& [key, value] : object.items()) {
    if (!Known(key)) {
      return std::unexpected(std::string(where) + ": unknown setting '" + key + "' (known: " + KnownKeys() + ")");
    }
    auto text = [](const nlohmann::json& item) -> std::optional<std::string> {
      if (item.is_string()) return item.get<std::string>();
      if (item.is_boolean()) return item.get<bool>() ? "true" : "false";
      if (item.is_number_integer()) return std::to_string(item.get<std::int64_t>());
      if (item.is_number()) return item.dump();
      return std::nullopt;
    };
    Field field{key, {}, value.is_array(), 0};
    for (const auto& item : value.is_array() ? value : nlohmann::json::array({value})) {
      auto one = text(item);
      if (!one) return std::unexpected(std::string(where) + ": " + key + " takes plain values");
      field.values.push_back(*one);
    }
    if (auto added = AddField(std::move(field), target); !added) {
      return std::unexpected(std::string(where) + ": " + added.error());
    }
  }
  return target;
}

}  // namespace

std::expected<std::vector<TargetSettings>, std::string> ParsePolicyFile(std::string_view text, std::string_view path) {
  YAML::Node root;
  try {
    const std::vector<YAML::Node> documents = YAML::LoadAll(std::string(text));
    if (documents.size() > 1) {
      return std::unexpected(std::string(path) + ": holds " + std::to_string(documents.size()) +
                             " YAML documents (---); put every target in one");
    }
    if (!documents.empty()) root = documents.front();
  } catch (const YAML::Exception& error) {
    return std::unexpected(std::string(path) + " line " + std::to_string(error.mark.line + 1) + ": not valid YAML (" +
                           error.msg + ")");
  }
  try {
    if (!root.IsMap() || !root["targets"]) {
      return std::unexpected(std::string(path) + ": needs 'targets:', a list of targets (see s3prune help plan)");
    }
    TargetSettings defaults;
    if (const YAML::Node node = root["defaults"]) {
      auto fields = YamlFields(node, path, "defaults");
      if (!fields) return std::unexpected(fields.error());
      defaults = std::move(*fields);
    }
    std::set<std::string> sections;
    for (const auto& entry : root) {
      const std::string key = entry.first.as<std::string>();
      if (key != "targets" && key != "defaults") {
        return std::unexpected(At(path, entry.first) + ": unknown section '" + key + "' (use defaults and targets)");
      }
      if (!sections.insert(key).second) return std::unexpected(At(path, entry.first) + ": a second '" + key + "' section");
    }
    const YAML::Node targets = root["targets"];
    if (!targets.IsSequence() || targets.size() == 0) {
      return std::unexpected(At(path, targets) + ": targets must be a non-empty list");
    }
    std::vector<TargetSettings> out;
    for (std::size_t i = 0; i < targets.size(); ++i) {
      const std::string what = "targets[" + std::to_string(i) + "]";
      auto fields = YamlFields(targets[i], path, what);
      if (!fields) return std::unexpected(fields.error());
      out.push_back(Over(defaults, *fields, At(path, targets[i]) + " (" + what + ")"));
    }
    return out;
  } catch (const YAML::Exception& error) {
    return std::unexpected(std::string(path) + " line " + std::to_string(error.mark.line + 1) + ": " + error.msg);
  }
}

std::expected<std::vector<TargetSettings>, std::string> PolicyFromJson(const nlohmann::json& document,
                                                                        std::string_view where) {
  if (!document.is_object()) return std::unexpected(std::string(where) + " must be a JSON object");
  TargetSettings defaults;
  if (document.contains("defaults")) {
    auto fields = JsonFields(document["defaults"], std::string(where) + " defaults");
    if (!fields) return std::unexpected(fields.error());
    defaults = std::move(*fields);
  }
  const bool listed = document.contains("targets");
  if (listed) {  // beside a list of targets, a setting would apply to none: say so
    for (const auto& [key, value] : document.items()) {
      if (key != "targets" && key != "defaults") {
        return std::unexpected(std::string(where) + ": '" + key + "' beside \"targets\" applies to no target: put it in "
                               "\"defaults\" or in a target");
      }
    }
  }
  const nlohmann::json targets = listed ? document["targets"] : nlohmann::json::array({document});
  if (!targets.is_array() || targets.empty()) return std::unexpected(std::string(where) + ": targets must be a non-empty list");
  std::vector<TargetSettings> out;
  for (std::size_t i = 0; i < targets.size(); ++i) {
    const std::string what = listed ? std::string(where) + " targets[" + std::to_string(i) + "]" : std::string(where);
    auto fields = JsonFields(targets[i], what);
    if (!fields) return std::unexpected(fields.error());
    out.push_back(Over(defaults, *fields, what));
  }
  return out;
}

}  // namespace s3prune::cli
