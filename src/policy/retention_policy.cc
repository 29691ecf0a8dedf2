#include "policy/retention_policy.h"

#include "policy/glob.h"
#include "policy/group_by.h"

#include <algorithm>
#include <charconv>
#include <limits>
#include <utility>

namespace s3prune::policy {
namespace {

std::unexpected<std::string> InvalidCount(std::string_view flag, std::string_view text, std::string_view problem) {
  std::string message = "invalid ";
  message += flag;
  message += " '";
  message += text;
  message += "': ";
  message += problem;
  return std::unexpected(std::move(message));
}

bool IsDecimal(std::string_view text) {
  return !text.empty() && std::ranges::all_of(text, [](char c) { return c >= '0' && c <= '9'; });
}

std::expected<void, std::string> CheckGlobs(const std::vector<std::string>& globs,
                                            std::string_view option) {
  for (const std::string& glob : globs) {
    if (auto checked = CheckGlob(glob, option); !checked) return checked;
  }
  return {};
}

}  // namespace

Timestamp TimeOf(const Deployment& deployment, AgeBy age_by) {
  return age_by == AgeBy::kOldest ? deployment.oldest : deployment.newest;
}

DeploymentTime TimeOf(const Deployment& deployment, const RetentionPolicy& policy) {
  switch (policy.time_from.from) {
    case TimeFrom::kObjects:
      return {.time = TimeOf(deployment, policy.age_by)};
    case TimeFrom::kNaturalOrder:
      return {};
    case TimeFrom::kIdPattern: {
      auto time = TimeInId(policy.time_from.pattern, deployment.id);
      if (!time) return {std::nullopt, time.error()};
      return {.time = *time};
    }
    case TimeFrom::kMarkerObject:
    case TimeFrom::kMarkerMeta:
      if (!deployment.marker) return {std::nullopt, "its marker " + policy.time_from.marker + " was not read"};
      if (!deployment.marker->time) {
        const std::string& problem = deployment.marker->problem;
        return {std::nullopt, problem.empty() ? "its marker " + policy.time_from.marker + " holds no time" : problem};
      }
      return {.time = deployment.marker->time};
  }
  return {.time = TimeOf(deployment, policy.age_by)};
}

namespace {

// Every count rule with its flag.
std::vector<std::pair<std::string_view, std::optional<int>>> Counts(const RetentionPolicy& policy) {
  return {{"--keep-last", policy.keep_last},       {"--keep-hourly", policy.keep_hourly},
          {"--keep-daily", policy.keep_daily},     {"--keep-weekly", policy.keep_weekly},
          {"--keep-monthly", policy.keep_monthly}, {"--keep-yearly", policy.keep_yearly}};
}

}  // namespace

std::expected<void, std::string> Validate(const RetentionPolicy& policy) {
  const auto counts = Counts(policy);
  if (!policy.keep_within && std::ranges::none_of(counts, [](const auto& count) { return count.second.has_value(); })) {
    return std::unexpected(
        "a policy needs --keep-last, --keep-within or a calendar rule (--keep-hourly, --keep-daily, --keep-weekly, "
        "--keep-monthly, --keep-yearly): nothing would be kept by count or age");
  }
  for (const auto& [flag, count] : counts) {
    if (count && *count < 1) {
      return std::unexpected(std::string(flag) + " must be at least 1 (got " + std::to_string(*count) + ")");
    }
  }
  if (!policy.group_by.empty()) {
    if (auto group_by = GroupBy::Compile(policy.group_by); !group_by) return std::unexpected(group_by.error());
  }
  if (policy.keep_within && policy.keep_within->length <= std::chrono::seconds::zero()) {
    return std::unexpected("--keep-within must be longer than zero");
  }
  if (policy.keep_within && policy.time_from.from == TimeFrom::kNaturalOrder) {
    // An order is no age: refusing is safer than aging by LastModified, the time the user
    // chose not to trust.
    return std::unexpected(
        "--keep-within needs a deployment time, and --time-from order:natural gives only an order; use "
        "--keep-last, or a --time-from that reads a time");
  }
  if (policy.time_from.from == TimeFrom::kNaturalOrder) {
    for (const auto& [flag, count] : counts) {
      if (count && flag != "--keep-last") {
        return std::unexpected(std::string(flag) +
                               " needs a deployment time, and --time-from order:natural gives only an order; use "
                               "--keep-last, or a --time-from that reads a time");
      }
    }
  }
  if (policy.keep_within && policy.keep_within->length > kMaxDuration) {
    return std::unexpected("--keep-within must be at most " + FormatAge(kMaxDuration));
  }
  if (auto checked = CheckGlobs(policy.keep_globs, "--keep"); !checked) return checked;
  return CheckGlobs(policy.exclude_globs, "--exclude");
}

std::expected<int, std::string> ParseKeepLast(std::string_view text) { return ParseKeepCount(text, "--keep-last"); }

std::expected<int, std::string> ParseKeepCount(std::string_view text, std::string_view flag) {
  constexpr std::string_view kForm = "expected a whole number of deployments, at least 1";
  if (!IsDecimal(text)) {
    const bool negative = text.starts_with('-') && IsDecimal(text.substr(1));
    return InvalidCount(flag, text, negative ? "must be at least 1" : kForm);
  }

  int count = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), count);
  if (error == std::errc::result_out_of_range) {
    return InvalidCount(
        flag, text, "too large (at most " + std::to_string(std::numeric_limits<int>::max()) + ")");
  }
  if (count < 1) return InvalidCount(flag, text, "must be at least 1");
  return count;
}

}  // namespace s3prune::policy
