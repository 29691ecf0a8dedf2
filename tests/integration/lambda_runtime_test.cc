// The binary as a Lambda function, against the project's own Runtime API server (no Lambda
// emulator is packaged in Debian) and the real RGW: one invocation per event, the report
// POSTed as the response, errors as errors, the trace id taken, and a clean exit when the
// Runtime API goes away.
#include <gtest/gtest.h>

#include <filesystem>
#include <mutex>
#include <nlohmann/json.hpp>

#include "cli_fixtures.h"
#include "fake_http_endpoint.h"
#include "test_server.h"

namespace s3prune::testing {
namespace {

// Hands out `events` one per /next (then 410 Gone, which ends the runtime) and records what
// the function posts back.
struct FakeRuntimeApi {
  explicit FakeRuntimeApi(std::vector<std::string> events)
      : pending(std::move(events)), endpoint([this](const ReceivedRequest& request) { return Handle(request); }) {}

  CannedReply Handle(const ReceivedRequest& request) {
    std::lock_guard lock(mutex);
    if (request.method == "GET" && request.target == "/2018-06-01/runtime/invocation/next") {
      if (next_event == pending.size()) return {410, "{}"};
      const std::size_t number = next_event++;
      return {200, pending[number], "application/json",
              {{"Lambda-Runtime-Aws-Request-Id", "request-" + std::to_string(number)},
               {"Lambda-Runtime-Trace-Id", "Root=1-abc-" + std::to_string(number)},
               {"Lambda-Runtime-Deadline-Ms", std::to_string(deadline_ms)}}};
    }
    posted.push_back(request);
    return {202, "{}"};
  }

  std::string Address() const { return endpoint.endpoint().substr(std::string("http://").size()); }

  std::vector<std::string> pending;
  std::size_t next_event = 0;
  std::int64_t deadline_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                                 (std::chrono::system_clock::now() + std::chrono::minutes(15)).time_since_epoch())
                                 .count();
  std::vector<ReceivedRequest> posted;
  std::mutex mutex;
  FakeHttpEndpoint endpoint;
};

std::string EventFor(const TestServer& server, const std::string& bucket, const std::string& extra) {
  return R"({"target": "s3://)" + bucket + R"(/", "keep_last": 1, "endpoint_url": ")" + server.endpoint + "\"" + extra + "}";
}

ProcessResult RunFunction(const std::string& binary, const FakeRuntimeApi& api) {
  return RunProcess({binary}, {{"AWS_LAMBDA_RUNTIME_API", api.Address()}});
}

TEST(LambdaRuntime, PlansAppliesAndReportsErrorsOneInvocationPerEvent) {
  S3PRUNE_REQUIRE_SERVER(server);
  ScopedBucket bucket(server, "lambda");
  SeedDeployments(bucket.client(), bucket.name(), "", {{"a", {"x"}}, {"b", {"x"}}, {"c", {"x"}}});
  FakeRuntimeApi api({
      EventFor(server, bucket.name(), ""),                                   // plan (the default)
      EventFor(server, bucket.name(), R"(, "mode": "apply")"),               // refused: no max_delete
      EventFor(server, bucket.name(), R"(, "mode": "apply", "max_delete": 1)"),  // refused by the limit
      EventFor(server, bucket.name(), R"(, "mode": "apply", "max_delete": 10)"),
      R"({"mode": "sideways"})",
  });
  const auto run = RunFunction(S3pruneBinary(), api);
  EXPECT_EQ(run.exit_code, 1) << Describe(run);  // the Runtime API went away
  ASSERT_EQ(api.posted.size(), 5u) << Describe(run);

  EXPECT_EQ(api.posted[0].target, "/2018-06-01/runtime/invocation/request-0/response");
  const auto plan = nlohmann::json::parse(api.posted[0].body);
  EXPECT_EQ(plan["exit_code"], 0);
  EXPECT_EQ(plan["targets"][0]["summary"]["delete"], 2);

  EXPECT_TRUE(api.posted[1].target.ends_with("/error"));
  EXPECT_EQ(api.posted[1].head.Header("lambda-runtime-function-error-type"), "s3prune.InvalidEvent");
  EXPECT_NE(nlohmann::json::parse(api.posted[1].body)["errorMessage"].get<std::string>().find("needs max_delete"),
            std::string::npos);

  EXPECT_TRUE(api.posted[2].target.ends_with("/error"));
  EXPECT_EQ(nlohmann::json::parse(api.posted[2].body)["errorType"], "s3prune.Exit1");

  EXPECT_TRUE(api.posted[3].target.ends_with("/response")) << api.posted[3].body;
  EXPECT_EQ(nlohmann::json::parse(api.posted[3].body)["targets"][0]["result"]["objects_deleted"], 2);
  EXPECT_EQ(AwsListKeys(server, bucket.name()), (std::vector<std::string>{"c/x"}));

  EXPECT_TRUE(api.posted[4].target.ends_with("/error"));
  // Logs are JSON lines.
  for (const auto& line : Lines(run.err)) {
    EXPECT_FALSE(nlohmann::json::parse(line, nullptr, false).is_discarded()) << line;
  }
}

TEST(LambdaRuntime, ApplyStopsBeforeTheDeadlineAndSaysSo) {
  S3PRUNE_REQUIRE_SERVER(server);
  ScopedBucket bucket(server, "lambda");
  SeedDeployments(bucket.client(), bucket.name(), "", {{"a", {"x"}}, {"b", {"x"}}});
  const auto before = AwsListKeys(server, bucket.name());
  FakeRuntimeApi api({EventFor(server, bucket.name(), R"(, "mode": "apply", "max_delete": 10)")});
  // The deadline has (almost) passed when the event arrives: no delete may start.
  api.deadline_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                        std::chrono::system_clock::now().time_since_epoch())
                        .count();
  const auto run = RunFunction(S3pruneBinary(), api);
  ASSERT_EQ(api.posted.size(), 1u) << Describe(run);
  EXPECT_TRUE(api.posted[0].target.ends_with("/error"));
  const auto error = nlohmann::json::parse(api.posted[0].body);
  EXPECT_EQ(error["errorType"], "s3prune.Exit143");
  EXPECT_NE(error["errorMessage"].get<std::string>().find("stopped before the Lambda deadline"), std::string::npos);
  EXPECT_EQ(AwsListKeys(server, bucket.name()), before);
}

// scripts/package-lambda's zip, unpacked into an empty folder, run with an empty environment
// and LD_LIBRARY_PATH: the bootstrap must bring everything s3prune needs (AL2023 has an older
// glibc and none of Debian's libraries).
TEST(LambdaRuntime, ThePackagedBootstrapRunsFromAnEmptyFolder) {
  S3PRUNE_REQUIRE_SERVER(server);
  ScopedBucket bucket(server, "lambda");
  SeedDeployments(bucket.client(), bucket.name(), "", {{"a", {"x"}}, {"b", {"x"}}});
  const auto dir = std::filesystem::temp_directory_path() / ("s3prune-lambda-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir / "task");
  const auto zip = (dir / "s3prune-lambda.zip").string();
  const auto packed = RunProcess({std::string(S3PRUNE_SOURCE_DIR) + "/scripts/package-lambda", "--binary", S3pruneBinary(),
                                  "--out", zip});
  ASSERT_EQ(packed.exit_code, 0) << Describe(packed);
  const auto unzipped = RunProcess({"/usr/bin/unzip", "-q", zip, "-d", (dir / "task").string()});
  ASSERT_EQ(unzipped.exit_code, 0) << Describe(unzipped);

  FakeRuntimeApi api({EventFor(server, bucket.name(), "")});
  const auto run = RunProcess({"/usr/bin/env", "-i", "LD_LIBRARY_PATH=", "AWS_LAMBDA_RUNTIME_API=" + api.Address(),
                               "LAMBDA_TASK_ROOT=" + (dir / "task").string(), "AWS_ACCESS_KEY_ID=" + server.access_key_id,
                               "AWS_SECRET_ACCESS_KEY=" + server.secret_access_key, "AWS_REGION=" + server.region,
                               (dir / "task" / "bootstrap").string()});
  ASSERT_EQ(api.posted.size(), 1u) << Describe(run);
  EXPECT_TRUE(api.posted[0].target.ends_with("/response")) << api.posted[0].body;
  EXPECT_EQ(nlohmann::json::parse(api.posted[0].body)["targets"][0]["summary"]["delete"], 1);
  std::filesystem::remove_all(dir);
}

TEST(LambdaRuntime, ABadDefaultConfigIsAnInitError) {
  FakeRuntimeApi api({});
  const auto run = RunProcess({S3pruneBinary()}, {{"AWS_LAMBDA_RUNTIME_API", api.Address()}, {"S3PRUNE_CONFIG", "prune.yaml"}});
  EXPECT_EQ(run.exit_code, 2) << Describe(run);
  ASSERT_EQ(api.posted.size(), 1u);
  EXPECT_EQ(api.posted[0].target, "/2018-06-01/runtime/init/error");
}

}  // namespace
}  // namespace s3prune::testing
