#include "cli/policy_file.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <nlohmann/json.hpp>

namespace s3prune::cli {
namespace {

// The keys a target may carry: the flags of plan and apply that describe what to prune and
// how to reach it. Not here: yes, plan, out, output, config (decided where the run is).
struct KeySpec {
  std::string_view key;
  enum class Kind { kScalar, kList, kFlag } kind;
};
constexpr KeySpec kKeys[] = {
    {"target", KeySpec::Kind::kScalar},       {"keep_last", KeySpec::Kind::kScalar},
    {"keep_within", KeySpec::Kind::kScalar},  {"keep", KeySpec::Kind::kList},
    {"keep_from", KeySpec::Kind::kList},      {"exclude", KeySpec::Kind::kList},
    {"age_by", KeySpec::Kind::kScalar},       {"undo_window", KeySpec::Kind::kScalar},
    {"versions", KeySpec::Kind::kFlag},       {"allow_missing_keep_from", KeySpec::Kind::kFlag},
    {"max_delete", KeySpec::Kind::kScalar},   {"price_per_gb", KeySpec::Kind::kScalar},
    {"endpoint_url", KeySpec::Kind::kScalar}, {"region", KeySpec::Kind::kScalar},
    {"profile", KeySpec::Kind::kScalar},      {"addressing", KeySpec::Kind::kScalar},
    {"concurrency", KeySpec::Kind::kScalar},  {"max_attempts", KeySpec::Kind::kScalar},
    {"expected_bucket_owner", KeySpec::Kind::kScalar}, {"via", KeySpec::Kind::kScalar},
    {"inventory", KeySpec::Kind::kScalar},
};

const KeySpec* SpecOf(std::string_view key) {
  const auto it = std::ranges::find(kKeys, key, &KeySpec::key);
  return it == std::end(kKeys) ? nullptr : &*it;
}

std::string FlagOf(std::string_view key) {
  std::string flag = "--" + std::string(key);
  std::ranges::replace(flag, '_', '-');
  return flag;
}

std::string KnownKeys() {
  std::string known;
  for (const auto& spec : kKeys) known += (known.empty() ? "" : ", ") + std::string(spec.key);
  return known;
}

// A field whose value has the shape its key wants: a scalar, a list of scalars (a single
// scalar is a list of one), or a boolean flag.
std::expected<PolicyField, std::string> MakeField(const KeySpec& spec, std::vector<std::string> values, bool was_list,
                                                  std::size_t line) {
  const std::string key{spec.key};
  if (spec.kind == KeySpec::Kind::kScalar && was_list) return std::unexpected(key + " takes one value, not a list");
  if (spec.kind == KeySpec::Kind::kFlag) {
    if (was_list || values.size() != 1 || (values[0] != "true" && values[0] != "false")) {
      return std::unexpected(key + " must be true or false");
    }
    if (values[0] == "false") values.clear();
  }
  return PolicyField{key, std::move(values), line};
}

void Merge(std::vector<PolicyField>& into, const std::vector<PolicyField>& fields) {
  for (const auto& field : fields) {
    std::erase_if(into, [&](const PolicyField& existing) { return existing.key == field.key; });
    into.push_back(field);
  }
}

// ---- YAML ----

std::string At(std::string_view path, const YAML::Node& node) {
  return std::string(path) + " line " + std::to_string(node.Mark().line + 1);
}

std::expected<std::vector<PolicyField>, std::string> YamlFields(const YAML::Node& map, std::string_view path,
                                                                std::string_view what) {
  if (!map.IsMap()) return std::unexpected(At(path, map) + ": " + std::string(what) + " must be a mapping of settings");
  std::vector<PolicyField> fields;
  for (const auto& entry : map) {
    const std::string key = entry.first.as<std::string>();
    const KeySpec* spec = SpecOf(key);
    if (spec == nullptr) {
      return std::unexpected(At(path, entry.first) + ": unknown setting '" + key + "' in " + std::string(what) +
                             " (known: " + KnownKeys() + ")");
    }
    std::vector<std::string> values;
    const YAML::Node& value = entry.second;
    if (value.IsSequence()) {
      for (const auto& item : value) {
        if (!item.IsScalar()) return std::unexpected(At(path, item) + ": " + key + " takes plain values");
        values.push_back(item.as<std::string>());
      }
    } else if (value.IsScalar()) {
      values.push_back(value.as<std::string>());
    } else {
      return std::unexpected(At(path, entry.first) + ": " + key + " has no value");
    }
    auto field = MakeField(*spec, std::move(values), value.IsSequence(), entry.first.Mark().line + 1);
    if (!field) return std::unexpected(At(path, entry.first) + ": " + field.error());
    fields.push_back(std::move(*field));
  }
  return fields;
}

// ---- JSON ----

std::expected<std::vector<PolicyField>, std::string> JsonFields(const nlohmann::json& object, std::string_view where) {
  if (!object.is_object()) return std::unexpected(std::string(where) + " must be an object of settings");
  std::vector<PolicyField> fields;
  for (const auto& [key, value] : object.items()) {
    const KeySpec* spec = SpecOf(key);
    if (spec == nullptr) {
      return std::unexpected(std::string(where) + ": unknown setting '" + key + "' (known: " + KnownKeys() + ")");
    }
    auto text = [](const nlohmann::json& item) -> std::optional<std::string> {
      if (item.is_string()) return item.get<std::string>();
      if (item.is_boolean()) return item.get<bool>() ? "true" : "false";
      if (item.is_number_integer()) return std::to_string(item.get<std::int64_t>());
      if (item.is_number()) return item.dump();
      return std::nullopt;
    };
    std::vector<std::string> values;
    for (const auto& item : value.is_array() ? value : nlohmann::json::array({value})) {
      auto one = text(item);
      if (!one) return std::unexpected(std::string(where) + ": " + key + " takes plain values");
      values.push_back(*one);
    }
    auto field = MakeField(*spec, std::move(values), value.is_array(), 0);
    if (!field) return std::unexpected(std::string(where) + ": " + field.error());
    fields.push_back(std::move(*field));
  }
  return fields;
}

}  // namespace

std::expected<std::vector<TargetSettings>, std::string> ParsePolicyFile(std::string_view text, std::string_view path) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::Exception& error) {
    return std::unexpected(std::string(path) + " line " + std::to_string(error.mark.line + 1) + ": not valid YAML (" +
                           error.msg + ")");
  }
  try {
    if (!root.IsMap() || !root["targets"]) {
      return std::unexpected(std::string(path) + ": needs 'targets:', a list of targets (see s3prune help plan)");
    }
    std::vector<PolicyField> defaults;
    if (const YAML::Node node = root["defaults"]) {
      auto fields = YamlFields(node, path, "defaults");
      if (!fields) return std::unexpected(fields.error());
      defaults = std::move(*fields);
    }
    for (const auto& entry : root) {
      const std::string key = entry.first.as<std::string>();
      if (key != "targets" && key != "defaults") {
        return std::unexpected(At(path, entry.first) + ": unknown section '" + key + "' (use defaults and targets)");
      }
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
      TargetSettings target{defaults, At(path, targets[i]) + " (" + what + ")"};
      Merge(target.fields, *fields);
      out.push_back(std::move(target));
    }
    return out;
  } catch (const YAML::Exception& error) {
    return std::unexpected(std::string(path) + " line " + std::to_string(error.mark.line + 1) + ": " + error.msg);
  }
}

std::expected<std::vector<TargetSettings>, std::string> PolicyFromJson(const nlohmann::json& document,
                                                                        std::string_view where) {
  if (!document.is_object()) return std::unexpected(std::string(where) + " must be a JSON object");
  std::vector<PolicyField> defaults;
  if (document.contains("defaults")) {
    auto fields = JsonFields(document["defaults"], std::string(where) + " defaults");
    if (!fields) return std::unexpected(fields.error());
    defaults = std::move(*fields);
  }
  const bool listed = document.contains("targets");
  const nlohmann::json targets = listed ? document["targets"] : nlohmann::json::array({document});
  if (!targets.is_array() || targets.empty()) return std::unexpected(std::string(where) + ": targets must be a non-empty list");
  std::vector<TargetSettings> out;
  for (std::size_t i = 0; i < targets.size(); ++i) {
    const std::string what = listed ? std::string(where) + " targets[" + std::to_string(i) + "]" : std::string(where);
    auto fields = JsonFields(targets[i], what);
    if (!fields) return std::unexpected(fields.error());
    TargetSettings target{defaults, what};
    Merge(target.fields, *fields);
    out.push_back(std::move(target));
  }
  return out;
}

std::vector<std::string> TargetArguments(const TargetSettings& target, const std::set<std::string>& overridden) {
  std::vector<std::string> args;
  for (const auto& field : target.fields) {
    if (field.key == "target") {
      if (!field.values.empty()) args.insert(args.begin(), field.values.front());
      continue;
    }
    const std::string flag = FlagOf(field.key);
    if (overridden.contains(flag)) continue;
    const KeySpec* spec = SpecOf(field.key);
    if (spec != nullptr && spec->kind == KeySpec::Kind::kFlag) {
      if (!field.values.empty()) args.push_back(flag);
      continue;
    }
    for (const auto& value : field.values) {
      args.push_back(flag);
      args.push_back(value);
    }
  }
  return args;
}

const PolicyField* FieldNamedIn(const TargetSettings& target, std::string_view message) {
  const PolicyField* first = nullptr;
  std::size_t first_at = std::string_view::npos;
  for (const auto& field : target.fields) {
    const std::size_t at = message.find(FlagOf(field.key));
    if (at != std::string_view::npos && at < first_at) {
      first = &field;
      first_at = at;
    }
  }
  return first;
}

}  // namespace s3prune::cli
