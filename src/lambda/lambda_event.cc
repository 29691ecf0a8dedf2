#include "lambda/lambda_event.h"

#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

namespace s3prune::lambda {

std::expected<nlohmann::json, std::string> ParseEventBody(std::string_view body) {
  std::vector<std::set<std::string>> keys_of_open_objects;
  std::string repeated;
  const auto check_keys = [&](int, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
    using Event = nlohmann::json::parse_event_t;
    if (event == Event::object_start) keys_of_open_objects.emplace_back();
    if (event == Event::object_end && !keys_of_open_objects.empty()) keys_of_open_objects.pop_back();
    if (event == Event::key && !keys_of_open_objects.empty() &&
        !keys_of_open_objects.back().insert(parsed.get<std::string>()).second && repeated.empty()) {
      repeated = parsed.get<std::string>();
    }
    return true;
  };
  nlohmann::json event = nlohmann::json::parse(body, check_keys, /*allow_exceptions=*/false);
  if (event.is_discarded()) return std::unexpected(std::string("the event is not JSON"));
  if (!repeated.empty()) return std::unexpected("the event gives \"" + repeated + "\" twice in one object: give it once");
  return event;
}

std::expected<LambdaJob, std::string> ParseLambdaEvent(const nlohmann::json& event,
                                                       const std::optional<usecase::S3Url>& default_config) {
  if (!event.is_object()) return std::unexpected("the event must be a JSON object");
  LambdaJob job;
  nlohmann::json settings = event;
  if (event.contains("mode")) {
    if (!event["mode"].is_string() || (event["mode"] != "plan" && event["mode"] != "apply")) {
      return std::unexpected("the event's \"mode\" must be \"plan\" or \"apply\"");
    }
    job.mode = event["mode"].get<std::string>();
    settings.erase("mode");
  }
  if (event.contains("force")) {
    if (!event["force"].is_boolean()) return std::unexpected("the event's \"force\" must be true or false");
    job.force = event["force"].get<bool>();
    settings.erase("force");
  }
  if (event.contains("config")) {
    if (!event["config"].is_string()) return std::unexpected("the event's \"config\" must be an s3:// URL");
    auto url = usecase::ParseObjectUrl(event["config"].get<std::string>());
    if (!url) return std::unexpected("the event's \"config\": " + url.error());
    if (settings.size() > 1) return std::unexpected("an event with \"config\" names no targets or settings of its own");
    job.config = *url;
    return job;
  }
  if (settings.empty()) {
    if (!default_config) {
      return std::unexpected("the event names no target: give \"target\", \"targets\" or \"config\", or set "
                             "S3PRUNE_CONFIG on the function");
    }
    job.config = default_config;
    return job;
  }
  auto targets = cli::PolicyFromJson(settings, "the event");
  if (!targets) return std::unexpected(targets.error());
  job.targets = std::move(*targets);
  return job;
}

std::expected<void, std::string> CheckApplyLimits(const LambdaJob& job, const std::vector<cli::TargetSettings>& targets) {
  if (job.mode != "apply" || job.force) return {};
  for (const auto& target : targets) {
    const bool limited = std::ranges::any_of(target.settings, [](const usecase::Setting& setting) {
      return setting.option == usecase::FindPolicyOption("max-delete") && !setting.values.empty();
    });
    if (!limited) {
      return std::unexpected(target.where + ": apply in a Lambda needs max_delete (nobody can confirm the plan), or "
                             "\"force\": true in the event");
    }
  }
  return {};
}

}  // namespace s3prune::lambda
