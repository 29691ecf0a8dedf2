#include "usecase/policy_options.h"

#include <algorithm>
#include <charconv>
#include <cstdint>

#include "policy/duration.h"
#include "usecase/target_pattern.h"
#include "policy/group_by.h"
#include "policy/time_zone.h"
#include "util/text.h"

namespace s3prune::usecase {
namespace {

using SetResult = std::expected<void, std::string>;
using Values = std::vector<std::string>;

SetResult ParseUnsigned(const std::string& text, std::string_view flag, std::uint64_t min, std::uint64_t max,
                        std::uint64_t& out) {
  const auto value = util::ParseWholeNumber(text);
  if (!value || *value < min || *value > max) {
    return std::unexpected(std::string(flag) + " must be a whole number from " + std::to_string(min) + " to " +
                           std::to_string(max) + ", not '" + text + "'");
  }
  out = *value;
  return {};
}

// ---- How to reach the store ----

SetResult SetEndpointUrl(const Values& v, PlanRequest& r) {
  r.connection.endpoint_url = v[0];
  return {};
}

SetResult SetRegion(const Values& v, PlanRequest& r) {
  r.connection.region = v[0];
  return {};
}

SetResult SetProfile(const Values& v, PlanRequest& r) {
  r.connection.profile = v[0];
  return {};
}

SetResult SetBucketOwner(const Values& v, PlanRequest& r) {
  r.connection.expected_bucket_owner = v[0];
  return {};
}

SetResult SetAddressing(const Values& v, PlanRequest& r) {
  auto addressing = s3::ParseAddressing(v[0]);
  if (!addressing) return std::unexpected(addressing.error().message);
  r.connection.addressing = *addressing;
  return {};
}

SetResult SetConcurrency(const Values& v, PlanRequest& r) {
  std::uint64_t concurrency = 0;
  if (auto ok = ParseUnsigned(v[0], "--concurrency", 1, 256, concurrency); !ok) return ok;
  r.concurrency = concurrency;
  return {};
}

SetResult SetMaxAttempts(const Values& v, PlanRequest& r) {
  std::uint64_t attempts = 0;
  if (auto ok = ParseUnsigned(v[0], "--max-attempts", 1, 20, attempts); !ok) return ok;
  r.connection.max_attempts = static_cast<int>(attempts);
  return {};
}

// ---- What to keep ----

SetResult SetKeepLast(const Values& v, PlanRequest& r) {
  auto keep_last = policy::ParseKeepLast(v[0]);
  if (!keep_last) return std::unexpected(keep_last.error());
  r.policy.keep_last = *keep_last;
  return {};
}

SetResult SetKeepWithin(const Values& v, PlanRequest& r) {
  auto within = policy::ParseDuration(v[0]);
  if (!within) return std::unexpected("--keep-within: " + within.error());
  r.policy.keep_within = *within;
  return {};
}

SetResult SetKeep(const Values& v, PlanRequest& r) {
  r.policy.keep_globs = v;
  return {};
}

SetResult SetExclude(const Values& v, PlanRequest& r) {
  r.policy.exclude_globs = v;
  return {};
}

SetResult SetKeepFrom(const Values& v, PlanRequest& r) {
  r.keep_from.clear();
  for (const auto& text : v) {
    auto url = ParseObjectUrl(text);
    if (!url) return std::unexpected("--keep-from: " + url.error());
    r.keep_from.push_back(*url);
  }
  return {};
}

SetResult SetAllowMissingKeepFrom(const Values& v, PlanRequest& r) {
  r.missing_pointers = v.empty() ? MissingPointers::kRefuse : MissingPointers::kWarn;
  return {};
}

SetResult SetUndoWindow(const Values& v, PlanRequest& r) {
  if (v[0] == "0") {
    r.policy.undo_window = {std::chrono::seconds{0}, "0"};  // purge residue at once: no undo
    return {};
  }
  auto undo_window = policy::ParseDuration(v[0]);
  if (!undo_window) return std::unexpected("--undo-window: " + undo_window.error() + ", or 0 for none");
  r.policy.undo_window = *undo_window;
  return {};
}

SetResult SetAgeBy(const Values& v, PlanRequest& r) {
  if (v[0] != "newest" && v[0] != "oldest") return std::unexpected("--age-by must be newest or oldest, not '" + v[0] + "'");
  r.policy.age_by = v[0] == "oldest" ? policy::AgeBy::kOldest : policy::AgeBy::kNewest;
  return {};
}

SetResult SetTimeFrom(const Values& v, PlanRequest& r) {
  auto source = policy::ParseTimeSource(v[0]);
  if (!source) return std::unexpected(source.error());
  r.policy.time_from = std::move(*source);
  return {};
}

SetResult SetStrictTime(const Values& v, PlanRequest& r) {
  r.unknown_times = v.empty() ? UnknownTimes::kKeep : UnknownTimes::kRefuse;
  return {};
}

// The calendar rules: the newest deployment of each of the last N periods that have one.
template <std::optional<int> policy::RetentionPolicy::*kRule>
SetResult SetCalendarCount(const Values& v, PlanRequest& r, std::string_view flag) {
  auto count = policy::ParseKeepCount(v[0], flag);
  if (!count) return std::unexpected(count.error());
  r.policy.*kRule = *count;
  return {};
}
SetResult SetKeepHourly(const Values& v, PlanRequest& r) {
  return SetCalendarCount<&policy::RetentionPolicy::keep_hourly>(v, r, "--keep-hourly");
}
SetResult SetKeepDaily(const Values& v, PlanRequest& r) {
  return SetCalendarCount<&policy::RetentionPolicy::keep_daily>(v, r, "--keep-daily");
}
SetResult SetKeepWeekly(const Values& v, PlanRequest& r) {
  return SetCalendarCount<&policy::RetentionPolicy::keep_weekly>(v, r, "--keep-weekly");
}
SetResult SetKeepMonthly(const Values& v, PlanRequest& r) {
  return SetCalendarCount<&policy::RetentionPolicy::keep_monthly>(v, r, "--keep-monthly");
}
SetResult SetKeepYearly(const Values& v, PlanRequest& r) {
  return SetCalendarCount<&policy::RetentionPolicy::keep_yearly>(v, r, "--keep-yearly");
}

SetResult SetTimezone(const Values& v, PlanRequest& r) {
  auto zone = policy::TimeZone::Load(v[0]);
  if (!zone) return std::unexpected(zone.error());
  r.policy.time_zone = *zone;
  return {};
}

SetResult SetGroupBy(const Values& v, PlanRequest& r) {
  if (auto group_by = policy::GroupBy::Compile(v[0]); !group_by) return std::unexpected(group_by.error());
  r.policy.group_by = v[0];
  return {};
}

SetResult SetKeepWithinOf(const Values& v, PlanRequest& r) {
  if (v[0] != "now" && v[0] != "newest") {
    return std::unexpected("--keep-within-of must be now or newest, not '" + v[0] + "'");
  }
  r.policy.keep_within_of = v[0] == "newest" ? policy::KeepWithinOf::kNewest : policy::KeepWithinOf::kNow;
  return {};
}

// ---- What to delete, and how ----

SetResult SetVersions(const Values& v, PlanRequest& r) {
  r.versions = v.empty() ? Versions::kCurrentOnly : Versions::kAll;
  return {};
}

SetResult SetMaxDelete(const Values& v, PlanRequest& r) {
  std::uint64_t max_delete = 0;
  if (auto ok = ParseUnsigned(v[0], "--max-delete", 0, UINT64_MAX, max_delete); !ok) return ok;
  r.max_delete = max_delete;
  return {};
}

SetResult SetInventory(const Values& v, PlanRequest& r) {
  auto url = ParseObjectUrl(v[0]);
  if (!url) return std::unexpected("--inventory: " + url.error());
  r.inventory = *url;
  return {};
}

SetResult SetVia(const Values& v, PlanRequest& r) {
  if (v[0] != "delete" && v[0] != "lifecycle") return std::unexpected("--via must be delete or lifecycle, not '" + v[0] + "'");
  r.via = v[0] == "lifecycle" ? Via::kLifecycle : Via::kDelete;
  return {};
}

SetResult SetPricePerGb(const Values& v, PlanRequest& r) {
  // from_chars in fixed format: no hex ("0x10"), no exponent, no "inf" or "nan".
  const std::string& price = v[0];
  double value = -1;
  const auto [end, error] = std::from_chars(price.data(), price.data() + price.size(), value, std::chars_format::fixed);
  if (error != std::errc{} || end != price.data() + price.size() || !(value >= 0 && value <= 1000)) {
    return std::unexpected("--price-per-gb must be a decimal number of USD from 0 to 1000 (e.g. 0.023), not '" + price +
                           "'");
  }
  r.price_per_gb = value;
  return {};
}

constexpr auto kEvery = OptionScope::kEveryCommand;
constexpr auto kPlan = OptionScope::kPlanAndApply;
constexpr auto kAllowed = WithSavedPlan::kAllowed;
constexpr auto kRefused = WithSavedPlan::kRefused;
constexpr auto kReplaces = ListMerge::kReplaces;
constexpr auto kAddsTo = ListMerge::kAddsTo;  // protection lists: a later list only adds to them
constexpr auto kScalar = OptionValue::kScalar;
constexpr auto kList = OptionValue::kList;
constexpr auto kFlag = OptionValue::kFlag;

// In the order of --help; settings are applied in this order too.
constexpr PolicyOption kOptions[] = {
    {"endpoint-url", kScalar, "URL", "",
     "S3-compatible endpoint, e.g. http://127.0.0.1:7480 (default: AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL, AWS)", kEvery,
     kAllowed, kReplaces, SetEndpointUrl},
    {"region", kScalar, "REGION", "", "AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, the profile, us-east-1)",
     kEvery, kAllowed, kReplaces, SetRegion},
    {"profile", kScalar, "NAME", "", "profile in ~/.aws/credentials and ~/.aws/config (default: AWS_PROFILE)", kEvery,
     kAllowed, kReplaces, SetProfile},
    {"addressing", kScalar, "STYLE", "auto", "auto|path|virtual (auto: path-style for IPs and localhost)", kEvery,
     kAllowed, kReplaces, SetAddressing},
    {"concurrency", kScalar, "N", "16", "requests in flight at most (1-256, default 16)", kEvery, kAllowed, kReplaces,
     SetConcurrency},
    {"expected-bucket-owner", kScalar, "ACCOUNT", "",
     "S3 refuses every request when the bucket belongs to another account", kEvery, kAllowed, kReplaces,
     SetBucketOwner},
    {"max-attempts", kScalar, "N", "5", "tries per request for transient failures, the first included (1-20, default 5)",
     kEvery, kAllowed, kReplaces, SetMaxAttempts},
    {"keep-last", kScalar, "N", "", "keep the N most recent deployments (N >= 1)", kPlan, kRefused, kReplaces,
     SetKeepLast},
    {"keep-within", kScalar, "DURATION", "", "keep deployments younger than DURATION (90s, 45m, 12h, 30d, 2w, 1d12h)",
     kPlan, kRefused, kReplaces, SetKeepWithin},
    {"keep-hourly", kScalar, "N", "", "keep the newest deployment of each of the last N hours that have one", kPlan,
     kRefused, kReplaces, SetKeepHourly},
    {"keep-daily", kScalar, "N", "", "keep the newest deployment of each of the last N days that have one", kPlan,
     kRefused, kReplaces, SetKeepDaily},
    {"keep-weekly", kScalar, "N", "", "keep the newest deployment of each of the last N ISO weeks that have one",
     kPlan, kRefused, kReplaces, SetKeepWeekly},
    {"keep-monthly", kScalar, "N", "", "keep the newest deployment of each of the last N months that have one", kPlan,
     kRefused, kReplaces, SetKeepMonthly},
    {"keep-yearly", kScalar, "N", "", "keep the newest deployment of each of the last N years that have one", kPlan,
     kRefused, kReplaces, SetKeepYearly},
    {"timezone", kScalar, "ZONE", "",
     "IANA time zone of the hours, days, weeks, months and years of --keep-hourly..--keep-yearly (default UTC)",
     kPlan, kRefused, kReplaces, SetTimezone},
    {"group-by", kScalar, "REGEX", "",
     "apply --keep-last and the calendar rules within each group named by the one capture group of REGEX over the "
     "id, e.g. '^(main|release|pr-[0-9]+)-'; ids it does not match are one more group",
     kPlan, kRefused, kReplaces, SetGroupBy},
    {"keep-within-of", kScalar, "WHEN", "now",
     "now|newest: count --keep-within from now (default) or from the newest deployment (of its group)", kPlan,
     kRefused, kReplaces, SetKeepWithinOf},
    {"keep", kList, "GLOB", "", "keep deployments whose id matches GLOB (repeat for more)", kPlan, kRefused, kAddsTo,
     SetKeep},
    {"keep-from", kList, "URL", "",
     "keep the deployment ids listed in the object s3://BUCKET/KEY, one per line (repeat for more)", kPlan, kRefused,
     kAddsTo, SetKeepFrom},
    {"exclude", kList, "GLOB", "",
     "GLOB of prefixes that are not deployments: never deleted, never counted (repeat for more)", kPlan, kRefused,
     kAddsTo, SetExclude},
    {"allow-missing-keep-from", kFlag, "", "",
     "warn, instead of refusing, when a --keep-from pointer is empty or names no deployment", kPlan, kRefused,
     kReplaces, SetAllowMissingKeepFrom},
    {"undo-window", kScalar, "DURATION", "7d",
     "with --versions, purge residue (only old versions and delete markers) only once its newest delete marker is "
     "older than DURATION (default 7d; 0: at once)",
     kPlan, kRefused, kReplaces, SetUndoWindow},
    {"age-by", kScalar, "WHICH", "newest", "newest|oldest: which object's time dates a deployment (default newest)",
     kPlan, kRefused, kReplaces, SetAgeBy},
    {"time-from", kScalar, "SOURCE", "objects",
     "where a deployment's time comes from: objects (LastModified, --age-by), id:PATTERN (e.g. id:%Y%m%d%H%M%S), "
     "order:natural (the ids' order, no time), object:NAME (the time written in a marker), meta:KEY[@NAME] (its "
     "x-amz-meta-KEY); a deployment whose time cannot be read is kept",
     kPlan, kRefused, kReplaces, SetTimeFrom},
    {"strict-time", kFlag, "", "", "refuse the plan (exit 1) when a deployment's --time-from time cannot be read",
     kPlan, kRefused, kReplaces, SetStrictTime},
    {"versions", kFlag, "", "", "also delete noncurrent versions and delete markers (versioned buckets)", kPlan,
     kRefused, kReplaces, SetVersions},
    {"max-delete", kScalar, "N", "", "refuse to delete more than N objects (plan says when apply would)", kPlan,
     kAllowed, kReplaces, SetMaxDelete},
    {"inventory", kScalar, "URL", "",
     "plan from the S3 Inventory report with this manifest.json instead of listing (very large buckets); apply lists "
     "each doomed deployment again before deleting",
     kPlan, kRefused, kReplaces, SetInventory},
    {"via", kScalar, "HOW", "delete",
     "delete|lifecycle: delete the objects (default), or hand them to S3's lifecycle engine as expiry rules (for "
     "buckets too large to delete from one machine)",
     kPlan, kRefused, kReplaces, SetVia},
    {"price-per-gb", kScalar, "USD", "0.023", "USD per GB-month for the saving estimate (0-1000, default 0.023)", kPlan,
     kAllowed, kReplaces, SetPricePerGb},
};

}  // namespace

std::span<const PolicyOption> PolicyOptions() { return kOptions; }

const PolicyOption* FindPolicyOption(std::string_view name) {
  for (const auto& option : kOptions) {
    if (option.name == name || KeyOf(option) == name) return &option;
  }
  return nullptr;
}

std::string FlagOf(const PolicyOption& option) { return "--" + std::string(option.name); }

std::string KeyOf(const PolicyOption& option) {
  std::string key{option.name};
  std::ranges::replace(key, '-', '_');
  return key;
}

void LayOver(std::vector<Setting>& settings, const Setting& setting) {
  auto it = std::ranges::find(settings, setting.option, &Setting::option);
  if (it == settings.end()) {
    settings.push_back(setting);
    return;
  }
  if (setting.option->merge == ListMerge::kAddsTo) {
    it->values.insert(it->values.end(), setting.values.begin(), setting.values.end());
    return;
  }
  *it = setting;
}

std::expected<PlanRequest, SettingError> RequestFromSettings(Purpose purpose, std::string_view root,
                                                             const std::vector<Setting>& settings) {
  PlanRequest request;
  if (purpose != Purpose::kElsewhere) {
    auto url = ParseRootUrl(root);
    if (!url) return std::unexpected(SettingError{nullptr, 0, url.error()});
    request.root = *url;
  }
  for (const auto& option : kOptions) {
    const auto given = std::ranges::find(settings, &option, &Setting::option);
    if (given != settings.end()) {
      // An empty value would switch a rule or a breaker off unseen (--max-delete "").
      if (std::ranges::any_of(given->values, &std::string::empty)) {
        return std::unexpected(SettingError{&option, given->line,
                                            FlagOf(option) + " must not be empty: give a value, or leave it out"});
      }
      if (auto ok = option.set(given->values, request); !ok) {
        return std::unexpected(SettingError{&option, given->line, ok.error()});
      }
    } else if (!option.default_text.empty()) {
      if (auto ok = option.set({std::string(option.default_text)}, request); !ok) {
        return std::unexpected(SettingError{&option, 0, "the default of " + FlagOf(option) + ": " + ok.error()});
      }
    }
  }
  if (purpose == Purpose::kElsewhere) return request;
  if (auto apart = CheckWildcards(request); !apart) return std::unexpected(SettingError{nullptr, 0, apart.error()});
  if (purpose != Purpose::kPlan) return request;
  if (auto valid = policy::Validate(request.policy); !valid) return std::unexpected(SettingError{nullptr, 0, valid.error()});
  return request;
}

}  // namespace s3prune::usecase
