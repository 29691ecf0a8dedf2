// The event an s3prune Lambda function is invoked with, read and checked before anything
// runs. One of:
//   a target:            {"target": "s3://my-site/", "keep_last": 5, "max_delete": 500, "mode": "apply"}
//   several:             {"targets": [...], "defaults": {...}, "mode": "plan"}
//   a policy file in S3: {"config": "s3://ops-bucket/prune.yaml", "mode": "apply"}
// "mode" is "plan" (the default: a dry run) or "apply". There is nobody to confirm in a
// Lambda, so apply needs max_delete on every target unless "force": true. An event naming
// no target uses S3PRUNE_CONFIG (checked when the function starts). Pure.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "cli/policy_file.h"
#include "usecase/s3_url.h"

namespace s3prune::lambda {

struct LambdaJob {
  std::string mode = "plan";          // "plan" or "apply"
  bool force = false;                 // apply without max_delete
  std::optional<usecase::S3Url> config;        // the policy file to fetch, when the event names one
  std::vector<cli::TargetSettings> targets;  // the event's own targets (empty with config)
};

// The event's body as JSON. A key given twice in one object is an error naming it, as in a
// policy file: a JSON parser would keep the last one silently (a second "max_delete": "").
std::expected<nlohmann::json, std::string> ParseEventBody(std::string_view body);

// `default_config`: S3PRUNE_CONFIG, used when the event has neither targets nor config.
std::expected<LambdaJob, std::string> ParseLambdaEvent(const nlohmann::json& event,
                                                       const std::optional<usecase::S3Url>& default_config);

// For apply without force: every target must carry max_delete. Call once the targets are known
// (after fetching a config).
std::expected<void, std::string> CheckApplyLimits(const LambdaJob& job, const std::vector<cli::TargetSettings>& targets);

}  // namespace s3prune::lambda
