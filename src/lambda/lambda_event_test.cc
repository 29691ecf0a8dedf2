#include "lambda/lambda_event.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "usecase/policy_options.h"

namespace s3prune::lambda {
namespace {

std::expected<LambdaJob, std::string> Parse(const char* json, std::optional<usecase::S3Url> default_config = std::nullopt) {
  return ParseLambdaEvent(nlohmann::json::parse(json), default_config);
}

TEST(LambdaEvent, OneTargetSeveralOrAConfigAndPlanByDefault) {
  auto single = Parse(R"({"target": "s3://my-site/", "keep_last": 5})");
  ASSERT_TRUE(single) << single.error();
  EXPECT_EQ(single->mode, "plan");
  ASSERT_EQ(single->targets.size(), 1u);
  auto several = Parse(R"({"mode": "apply", "targets": [{"target": "s3://a-1/"}, {"target": "s3://b-2/"}]})");
  ASSERT_TRUE(several);
  EXPECT_EQ(several->mode, "apply");
  EXPECT_EQ(several->targets.size(), 2u);
  auto config = Parse(R"({"config": "s3://ops-bucket/prune.yaml", "mode": "apply"})");
  ASSERT_TRUE(config);
  ASSERT_TRUE(config->config);
  EXPECT_EQ(config->config->key, "prune.yaml");
  auto fallback = Parse("{}", usecase::S3Url{"ops-bucket", "default.yaml"});
  ASSERT_TRUE(fallback);
  EXPECT_EQ(fallback->config->key, "default.yaml");
}

TEST(LambdaEvent, CalendarRulesGroupsAndTheirZoneReachTheRequest) {
  auto job = Parse(R"({"target": "s3://my-site/", "keep_weekly": 4, "keep_monthly": 6, "timezone": "America/New_York",
                       "group_by": "^(main|pr-[0-9]+)-", "keep_within": "14d", "keep_within_of": "newest"})");
  ASSERT_TRUE(job) << job.error();
  ASSERT_EQ(job->targets.size(), 1u);
  auto request = usecase::RequestFromSettings(usecase::Purpose::kPlan, job->targets[0].root, job->targets[0].settings);
  ASSERT_TRUE(request) << request.error().message;
  EXPECT_EQ(request->policy.keep_weekly, 4);
  EXPECT_EQ(request->policy.keep_monthly, 6);
  EXPECT_EQ(request->policy.time_zone.name(), "America/New_York");
  EXPECT_EQ(request->policy.group_by, "^(main|pr-[0-9]+)-");
  EXPECT_EQ(request->policy.keep_within_of, policy::KeepWithinOf::kNewest);

  auto unknown = Parse(R"({"target": "s3://my-site/", "keep_daily": 7, "timezone": "Mars/Olympus"})");
  ASSERT_TRUE(unknown) << unknown.error();
  auto refused = usecase::RequestFromSettings(usecase::Purpose::kPlan, unknown->targets[0].root, unknown->targets[0].settings);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().message.find("--timezone: unknown time zone 'Mars/Olympus'"), 0u) << refused.error().message;
}

TEST(LambdaEvent, AKeyGivenTwiceInOneObjectIsRefused) {
  EXPECT_TRUE(ParseEventBody(R"({"target": "s3://my-site/", "keep_last": 5, "max_delete": 10})"));
  EXPECT_TRUE(ParseEventBody(R"({"targets": [{"keep_last": 1}, {"keep_last": 2}]})")) << "one key per object";
  const auto twice = ParseEventBody(R"({"target": "s3://my-site/", "max_delete": 10, "max_delete": ""})");
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error(), "the event gives \"max_delete\" twice in one object: give it once");
  const auto nested = ParseEventBody(R"({"targets": [{"target": "s3://a/", "target": "s3://b/"}]})");
  ASSERT_FALSE(nested);
  EXPECT_NE(nested.error().find("\"target\" twice"), std::string::npos) << nested.error();
  EXPECT_EQ(ParseEventBody("{not json").error(), "the event is not JSON");
}

TEST(LambdaEvent, BadEventsSayWhatIsWrong) {
  const struct {
    const char* json;
    const char* says;
  } cases[] = {
      {R"({"mode": "delete", "target": "s3://a-1/"})", "\"mode\" must be \"plan\" or \"apply\""},
      {R"({"force": "yes", "target": "s3://a-1/"})", "\"force\" must be true or false"},
      {R"({"config": "prune.yaml"})", "\"config\": 'prune.yaml' is not an s3:// URL"},
      {R"({"config": "s3://ops/p.yaml", "keep_last": 1})", "names no targets or settings of its own"},
      {R"({})", "the event names no target"},
      {R"({"target": "s3://a-1/", "yes": true})", "unknown setting 'yes'"},
  };
  for (const auto& c : cases) {
    auto job = Parse(c.json);
    ASSERT_FALSE(job) << c.json;
    EXPECT_NE(job.error().find(c.says), std::string::npos) << job.error();
  }
}

TEST(LambdaEvent, ApplyNeedsMaxDeleteOnEveryTargetUnlessForced) {
  auto job = Parse(R"({"mode": "apply", "defaults": {"keep_last": 1},
                       "targets": [{"target": "s3://a-1/", "max_delete": 10}, {"target": "s3://b-2/"}]})");
  ASSERT_TRUE(job);
  auto limited = CheckApplyLimits(*job, job->targets);
  ASSERT_FALSE(limited);
  EXPECT_NE(limited.error().find("the event targets[1]: apply in a Lambda needs max_delete"), std::string::npos)
      << limited.error();
  job->force = true;
  EXPECT_TRUE(CheckApplyLimits(*job, job->targets));
  job->force = false;
  job->mode = "plan";
  EXPECT_TRUE(CheckApplyLimits(*job, job->targets));
}

}  // namespace
}  // namespace s3prune::lambda

namespace s3prune::lambda {
namespace {

// An event's keys are the option table's: --time-from and --strict-time reach the request, and
// their checks are the same as on the command line.
TEST(LambdaEvent, TimeFromAndStrictTimeReachTheRequest) {
  auto job = Parse(R"({"target": "s3://my-site/", "keep_last": 3, "time_from": "meta:deployed-at", "strict_time": true})");
  ASSERT_TRUE(job) << job.error();
  ASSERT_EQ(job->targets.size(), 1u);
  auto request = usecase::RequestFromSettings(usecase::Purpose::kPlan, job->targets[0].root, job->targets[0].settings);
  ASSERT_TRUE(request) << request.error().message;
  EXPECT_EQ(request->policy.time_from.from, policy::TimeFrom::kMarkerMeta);
  EXPECT_EQ(request->policy.time_from.argument, "deployed-at");
  EXPECT_EQ(request->unknown_times, usecase::UnknownTimes::kRefuse);

  auto bad = Parse(R"({"target": "s3://my-site/", "keep_last": 3, "time_from": "id:%Y-%m"})");
  ASSERT_TRUE(bad) << bad.error();
  auto refused = usecase::RequestFromSettings(usecase::Purpose::kPlan, bad->targets[0].root, bad->targets[0].settings);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("needs %Y, %m and %d"), std::string::npos) << refused.error().message;

  auto natural = Parse(R"({"target": "s3://my-site/", "keep_within": "7d", "time_from": "order:natural"})");
  ASSERT_TRUE(natural) << natural.error();
  auto no_age = usecase::RequestFromSettings(usecase::Purpose::kPlan, natural->targets[0].root, natural->targets[0].settings);
  ASSERT_FALSE(no_age);
  EXPECT_NE(no_age.error().message.find("order:natural gives only an order"), std::string::npos);
}

}  // namespace
}  // namespace s3prune::lambda
