#include "policy/retention_policy.h"

#include <chrono>
#include <string>
#include <string_view>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace s3prune::policy {
namespace {

using namespace std::chrono_literals;

TEST(ParseKeepLastTest, AcceptsPositiveWholeNumbers) {
  struct Case {
    std::string_view text;
    int expected;
  };
  const Case cases[] = {
      {"1", 1},
      {"3", 3},
      {"010", 10},
      {"2147483647", 2147483647},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    const auto parsed = ParseKeepLast(c.text);
    ASSERT_TRUE(parsed.has_value()) << parsed.error();
    EXPECT_EQ(*parsed, c.expected);
  }
}

TEST(ParseKeepLastTest, RejectsWithOneLineMessage) {
  constexpr std::string_view kForm = "expected a whole number of deployments, at least 1";
  struct Case {
    std::string_view text;
    std::string_view problem;
  };
  const Case cases[] = {
      {"", kForm},
      {"0", "must be at least 1"},
      {"000", "must be at least 1"},
      {"-1", "must be at least 1"},
      {"-", kForm},
      {"-abc", kForm},
      {"abc", kForm},
      {"1.5", kForm},
      {"1e3", kForm},
      {" 3", kForm},
      {"3 ", kForm},
      {"+3", kForm},
      {"3x", kForm},
      {"0x10", kForm},
      {"2147483648", "too large (at most 2147483647)"},
      {"99999999999999999999999", "too large (at most 2147483647)"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    const auto parsed = ParseKeepLast(c.text);
    ASSERT_FALSE(parsed.has_value());
    EXPECT_EQ(parsed.error(),
              "invalid --keep-last '" + std::string(c.text) + "': " + std::string(c.problem));
  }
}

RetentionPolicy KeepLast(int n) {
  RetentionPolicy policy;
  policy.keep_last = n;
  return policy;
}

RetentionPolicy KeepWithin(std::chrono::seconds length, std::string text) {
  RetentionPolicy policy;
  policy.keep_within = Duration{length, std::move(text)};
  return policy;
}

TEST(ValidateTest, AcceptsPoliciesWithACountOrAgeRule) {
  RetentionPolicy both = KeepLast(2);
  both.keep_within = Duration{720h, "30d"};
  RetentionPolicy with_globs = KeepLast(1);
  with_globs.keep_globs = {"release-*"};
  with_globs.exclude_globs = {"_*"};
  with_globs.keep_named = {{"s3://b/current.txt", {}}};
  with_globs.age_by = AgeBy::kOldest;
  struct Case {
    std::string_view name;
    RetentionPolicy policy;
  };
  const Case cases[] = {
      {"keep-last", KeepLast(1)},
      {"keep-within", KeepWithin(1s, "1s")},
      {"both", both},
      {"with globs, lists and age-by", with_globs},
      {"a calendar rule alone", [] {
         RetentionPolicy weekly;
         weekly.keep_weekly = 4;
         return weekly;
       }()},
      {"calendar rules per group", [] {
         RetentionPolicy grouped;
         grouped.keep_hourly = 1;
         grouped.keep_monthly = 6;
         grouped.group_by = "^(main|pr-[0-9]+)-";
         return grouped;
       }()},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const auto valid = Validate(c.policy);
    EXPECT_TRUE(valid.has_value()) << valid.error();
  }
}

TEST(ValidateTest, RejectsWithOneLineMessage) {
  RetentionPolicy only_globs;
  only_globs.keep_globs = {"release-*"};
  RetentionPolicy empty_keep = KeepLast(1);
  empty_keep.keep_globs = {"release-*", ""};
  RetentionPolicy empty_exclude = KeepLast(1);
  empty_exclude.exclude_globs = {""};
  RetentionPolicy unclosed_keep = KeepLast(1);
  unclosed_keep.keep_globs = {"v1.[0-9"};
  constexpr std::string_view kNoRule =
      "a policy needs --keep-last, --keep-within or a calendar rule (--keep-hourly, --keep-daily, --keep-weekly, "
      "--keep-monthly, --keep-yearly): nothing would be kept by count or age";
  RetentionPolicy daily_zero;
  daily_zero.keep_daily = 0;
  RetentionPolicy yearly_negative = KeepLast(1);
  yearly_negative.keep_yearly = -2;
  RetentionPolicy no_capture = KeepLast(1);
  no_capture.group_by = "^main-";
  RetentionPolicy two_captures = KeepLast(1);
  two_captures.group_by = "^(main)-(.*)";
  RetentionPolicy not_a_regex = KeepLast(1);
  not_a_regex.group_by = "^(main";
  struct Case {
    std::string_view name;
    RetentionPolicy policy;
    std::string_view expected;
  };
  const Case cases[] = {
      {"default policy", RetentionPolicy{}, kNoRule},
      {"group-by is no keep rule", [] {
         RetentionPolicy grouped;
         grouped.group_by = "^(a)-";
         return grouped;
       }(), kNoRule},
      {"only globs", only_globs, kNoRule},
      {"keep-last 0", KeepLast(0), "--keep-last must be at least 1 (got 0)"},
      {"keep-last -1", KeepLast(-1), "--keep-last must be at least 1 (got -1)"},
      {"keep-daily 0", daily_zero, "--keep-daily must be at least 1 (got 0)"},
      {"keep-yearly -2", yearly_negative, "--keep-yearly must be at least 1 (got -2)"},
      {"group-by without a capture group", no_capture,
       "--group-by '^main-' must have exactly one capture group, the group's name, e.g. "
       "'^(main|release|pr-[0-9]+)-' (it has 0)"},
      {"group-by with two capture groups", two_captures,
       "--group-by '^(main)-(.*)' must have exactly one capture group, the group's name, e.g. "
       "'^(main|release|pr-[0-9]+)-' (it has 2)"},
      {"keep-within 0", KeepWithin(0s, "0s"), "--keep-within must be longer than zero"},
      {"keep-within negative", KeepWithin(-5s, "-5s"), "--keep-within must be longer than zero"},
      {"keep-within too long", KeepWithin(kMaxDuration + 1s, "36500d1s"),
       "--keep-within must be at most 36500d"},
      {"empty --keep glob", empty_keep, "invalid --keep '': needs a non-empty glob"},
      {"empty --exclude glob", empty_exclude, "invalid --exclude '': needs a non-empty glob"},
      {"unclosed --keep glob", unclosed_keep,
       "invalid --keep 'v1.[0-9': '[' is never closed: end the set with ']' or match a literal "
       "'[' with \\["},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const auto valid = Validate(c.policy);
    ASSERT_FALSE(valid.has_value());
    EXPECT_EQ(valid.error(), c.expected);
  }
}

}  // namespace
}  // namespace s3prune::policy
