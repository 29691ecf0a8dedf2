#include "report/plan_file.h"

#include "policy/group_by.h"
#include "policy/time_zone.h"
#include "prune/listing_digest.h"
#include "report/json_view.h"
#include "s3/core/timestamp.h"

namespace s3prune::report {
namespace {

using nlohmann::json;

// Reading goes through nlohmann's checked accessors; their exceptions end here as an error.
struct BadField {
  std::string what;
};

const json& Field(const json& object, const char* name) {
  if (!object.is_object() || !object.contains(name)) throw BadField{std::string("missing \"") + name + "\""};
  return object.at(name);
}

template <class T>
T Value(const json& object, const char* name) {
  try {
    return Field(object, name).get<T>();
  } catch (const json::exception&) {
    throw BadField{std::string("\"") + name + "\" has the wrong type"};
  }
}

policy::Timestamp TimeField(const json& object, const char* name) {
  auto time = s3::ParseTimestamp(Value<std::string>(object, name));
  if (!time) throw BadField{std::string("\"") + name + "\" is not an RFC 3339 time"};
  return *time;
}

usecase::DeleteEffect EffectField(const json& object) {
  const auto name = Value<std::string>(object, "delete_effect");
  for (auto effect : {usecase::DeleteEffect::kPermanent, usecase::DeleteEffect::kMarkerOnly, usecase::DeleteEffect::kPermanentForNullVersions}) {
    if (name == usecase::DeleteEffectName(effect)) return effect;
  }
  throw BadField{"unknown \"delete_effect\" '" + name + "'"};
}

std::optional<std::uint64_t> DigestField(const json& object, const char* name) {
  if (!object.contains(name)) return std::nullopt;
  const auto text = Value<std::string>(object, name);
  auto digest = prune::ParseListingDigest(text);
  if (!digest) throw BadField{std::string("\"") + name + "\" '" + text + "' is not 16 hex digits"};
  return digest;
}

policy::Decision DecisionOf(const json& entry) {
  policy::Decision decision;
  auto& deployment = decision.deployment;
  deployment.id = Value<std::string>(entry, "id");
  deployment.newest = TimeField(entry, "newest");
  deployment.oldest = TimeField(entry, "oldest");
  deployment.objects = Value<std::uint64_t>(entry, "objects");
  deployment.bytes = Value<std::uint64_t>(entry, "bytes");
  deployment.noncurrent_versions = Value<std::uint64_t>(entry, "noncurrent_versions");
  deployment.noncurrent_bytes = Value<std::uint64_t>(entry, "noncurrent_bytes");
  deployment.null_version_bytes = Value<std::uint64_t>(entry, "null_version_bytes");
  // Plans saved before these were recorded have neither: apply then compares times and counts
  // only (snapshot_check.h), and residue is taken as dated by a delete marker.
  deployment.current_digest = DigestField(entry, "current_digest");
  deployment.versions_digest = DigestField(entry, "versions_digest");
  if (entry.contains("deletion_time")) {
    const auto text = Value<std::string>(entry, "deletion_time");
    if (text != "unknown") throw BadField{"unknown \"deletion_time\" '" + text + "'"};
    deployment.deletion_time = policy::DeletionTime::kUnknown;
  }
  // --time-from object:NAME / meta:KEY: what the marker said when the plan was made, which is
  // what the plan decided on and what PlanDisagreesWithItself decides again from.
  if (entry.contains("marker")) {
    const json& marker = Field(entry, "marker");
    policy::MarkerReading reading;
    if (!Field(marker, "time").is_null()) reading.time = TimeField(marker, "time");
    reading.problem = Value<std::string>(marker, "problem");
    if (reading.time.has_value() == !reading.problem.empty()) throw BadField{"\"marker\" needs a time or a problem"};
    deployment.marker = std::move(reading);
  }
  const auto action = Value<std::string>(entry, "action");
  if (action != "keep" && action != "delete") throw BadField{"unknown \"action\" '" + action + "'"};
  decision.action = action == "keep" ? policy::Action::kKeep : policy::Action::kDelete;
  decision.reasons = Value<std::vector<std::string>>(entry, "reasons");
  if (entry.contains("group") && !Field(entry, "group").is_null()) decision.group = Value<std::string>(entry, "group");
  return decision;
}

// The calendar rules, --timezone, --group-by and --keep-within-of. Plans saved before they
// existed have none of these fields: no calendar rule, UTC, no groups, from now.
void ReadCalendarAndGroups(const json& policy, policy::RetentionPolicy& out) {
  const std::pair<const char*, std::optional<int> policy::RetentionPolicy::*> counts[] = {
      {"keep_hourly", &policy::RetentionPolicy::keep_hourly},
      {"keep_daily", &policy::RetentionPolicy::keep_daily},
      {"keep_weekly", &policy::RetentionPolicy::keep_weekly},
      {"keep_monthly", &policy::RetentionPolicy::keep_monthly},
      {"keep_yearly", &policy::RetentionPolicy::keep_yearly}};
  for (const auto& [name, rule] : counts) {
    if (policy.contains(name) && !Field(policy, name).is_null()) out.*rule = Value<int>(policy, name);
  }
  if (policy.contains("timezone")) {
    auto zone = policy::TimeZone::Load(Value<std::string>(policy, "timezone"));
    if (!zone) throw BadField{"\"policy\".\"timezone\": " + zone.error()};
    out.time_zone = *zone;
  }
  if (policy.contains("group_by") && !Field(policy, "group_by").is_null()) {
    out.group_by = Value<std::string>(policy, "group_by");
    if (auto group_by = policy::GroupBy::Compile(out.group_by); !group_by) throw BadField{group_by.error()};
  }
  if (policy.contains("keep_within_of")) {
    const std::string of = Value<std::string>(policy, "keep_within_of");
    if (of != "now" && of != "newest") throw BadField{"\"policy\".\"keep_within_of\" is neither now nor newest"};
    out.keep_within_of = of == "newest" ? policy::KeepWithinOf::kNewest : policy::KeepWithinOf::kNow;
  }
}

usecase::PlanReport ReportOf(const json& document) {
  if (Value<std::string>(document, "format") != kPlanFileFormat) {
    throw BadField{"\"format\" is not " + std::string(kPlanFileFormat)};
  }
  usecase::PlanReport report;
  report.bucket = Value<std::string>(document, "bucket");
  report.prefix = Value<std::string>(document, "prefix");
  report.now = TimeField(document, "now");
  report.server_time = Value<std::string>(document, "time_source") == "server";
  const json& policy = Field(document, "policy");
  report.versions = Value<bool>(policy, "versions");
  // Plans saved before --via existed have no "via": they delete.
  report.via_lifecycle = policy.contains("via") && Value<std::string>(policy, "via") == "lifecycle";
  if (!Field(policy, "keep_last").is_null()) report.policy.keep_last = Value<int>(policy, "keep_last");
  if (!Field(policy, "keep_within").is_null()) {
    report.policy.keep_within = policy::Duration{std::chrono::seconds(Value<std::int64_t>(policy, "keep_within_seconds")),
                                                 Value<std::string>(policy, "keep_within")};
  }
  report.policy.age_by = Value<std::string>(policy, "age_by") == "oldest" ? policy::AgeBy::kOldest : policy::AgeBy::kNewest;
  // Plans saved before --time-from existed dated deployments by their objects.
  if (policy.contains("time_from")) {
    const auto text = Value<std::string>(policy, "time_from");
    auto source = policy::ParseTimeSource(text);
    if (!source) throw BadField{"\"time_from\": " + source.error()};
    report.policy.time_from = std::move(*source);
  }
  report.policy.undo_window = {std::chrono::seconds(Value<std::int64_t>(policy, "undo_window_seconds")),
                               Value<std::string>(policy, "undo_window")};
  ReadCalendarAndGroups(policy, report.policy);
  report.policy.keep_globs = Value<std::vector<std::string>>(policy, "keep");
  report.policy.exclude_globs = Value<std::vector<std::string>>(policy, "exclude");
  for (const json& list : Field(document, "keep_from_lists")) {
    policy::NamedDeployments named;
    named.source = Value<std::string>(list, "source");
    named.ids = Value<std::vector<std::string>>(list, "ids");
    report.policy.keep_named.push_back(std::move(named));
  }
  report.delete_effect = EffectField(Field(document, "summary"));
  for (const json& entry : Field(document, "deployments")) report.plan.decisions.push_back(DecisionOf(entry));
  for (const json& entry : Field(document, "excluded")) {
    report.plan.excluded.push_back({Value<std::string>(entry, "id"), Value<std::string>(entry, "reason")});
  }
  report.root_objects = Value<std::uint64_t>(document, "root_objects");
  // Plans saved before it was recorded have none; apply refuses them (saved_plan_guards.h).
  if (document.contains("made_against")) {
    const json& made = Field(document, "made_against");
    report.made_against = usecase::MadeAgainst{Value<std::string>(made, "endpoint"), Value<std::string>(made, "region"),
                                               Value<std::string>(made, "expected_bucket_owner")};
  }
  return report;
}

}  // namespace

json PlanFileJson(const usecase::PlanReport& report) {
  json document = PlanJson(report);
  document["format"] = kPlanFileFormat;
  document["policy"]["undo_window_seconds"] = report.policy.undo_window.length.count();
  json& deployments = document["deployments"];
  for (std::size_t i = 0; i < report.plan.decisions.size(); ++i) {
    const auto& deployment = report.plan.decisions[i].deployment;
    deployments[i]["noncurrent_versions"] = deployment.noncurrent_versions;
    deployments[i]["noncurrent_bytes"] = deployment.noncurrent_bytes;
    deployments[i]["null_version_bytes"] = deployment.null_version_bytes;
    if (deployment.current_digest) deployments[i]["current_digest"] = prune::FormatListingDigest(*deployment.current_digest);
    if (deployment.versions_digest) deployments[i]["versions_digest"] = prune::FormatListingDigest(*deployment.versions_digest);
    if (deployment.deletion_time == policy::DeletionTime::kUnknown) deployments[i]["deletion_time"] = "unknown";
    if (deployment.marker) {
      deployments[i]["marker"] = {
          {"time", deployment.marker->time ? json(s3::FormatTimestamp(*deployment.marker->time)) : json(nullptr)},
          {"problem", deployment.marker->problem}};
    }
  }
  json lists = json::array();
  for (const auto& named : report.policy.keep_named) lists.push_back({{"source", named.source}, {"ids", named.ids}});
  document["keep_from_lists"] = lists;
  if (report.made_against) {
    document["made_against"] = {{"endpoint", report.made_against->endpoint},
                                {"region", report.made_against->region},
                                {"expected_bucket_owner", report.made_against->expected_bucket_owner}};
  }
  return document;
}

std::expected<usecase::PlanReport, std::string> ParsePlanFile(std::string_view text) {
  const json document = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded()) return std::unexpected(std::string("not JSON"));
  try {
    return ReportOf(document);
  } catch (const BadField& bad) {
    return std::unexpected(bad.what);
  } catch (const json::exception& error) {
    return std::unexpected(std::string("malformed: ") + error.what());
  }
}

}  // namespace s3prune::report
