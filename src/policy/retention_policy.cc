#include "policy/retention_policy.h"

#include "policy/glob.h"

#include <algorithm>
#include <charconv>
#include <limits>
#include <utility>

namespace s3prune::policy {
namespace {

std::unexpected<std::string> InvalidKeepLast(std::string_view text, std::string_view problem) {
  std::string message = "invalid --keep-last '";
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

std::expected<void, std::string> Validate(const RetentionPolicy& policy) {
  if (!policy.keep_last && !policy.keep_within) {
    return std::unexpected(
        "a policy needs --keep-last or --keep-within (nothing would be kept by count or age)");
  }
  if (policy.keep_last && *policy.keep_last < 1) {
    return std::unexpected("--keep-last must be at least 1 (got " +
                           std::to_string(*policy.keep_last) + ")");
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
  if (policy.keep_within && policy.keep_within->length > kMaxDuration) {
    return std::unexpected("--keep-within must be at most " + FormatAge(kMaxDuration));
  }
  if (auto checked = CheckGlobs(policy.keep_globs, "--keep"); !checked) return checked;
  return CheckGlobs(policy.exclude_globs, "--exclude");
}

std::expected<int, std::string> ParseKeepLast(std::string_view text) {
  constexpr std::string_view kForm = "expected a whole number of deployments, at least 1";
  if (!IsDecimal(text)) {
    const bool negative = text.starts_with('-') && IsDecimal(text.substr(1));
    return InvalidKeepLast(text, negative ? "must be at least 1" : kForm);
  }

  int count = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), count);
  if (error == std::errc::result_out_of_range) {
    return InvalidKeepLast(
        text, "too large (at most " + std::to_string(std::numeric_limits<int>::max()) + ")");
  }
  if (count < 1) return InvalidKeepLast(text, "must be at least 1");
  return count;
}

}  // namespace s3prune::policy
