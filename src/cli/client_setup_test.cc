#include "cli/client_setup.h"

#include <gtest/gtest.h>

#include <map>
#include <sstream>

#include "testing/fake_provider_io.h"

namespace s3prune::cli {
namespace {

// An environment of exactly these variables, no files, no HTTP answers: only the environment
// and the flags decide.
struct Machine {
  explicit Machine(std::map<std::string, std::string> values) {
    values.emplace("HOME", "/home/u");
    fake.env = std::move(values);
  }
  s3::fake::FakeProviderIo fake;
};

usecase::PlanRequest RequestFor(std::string bucket) {
  usecase::PlanRequest request;
  request.root.bucket = std::move(bucket);
  return request;
}

const std::map<std::string, std::string> kKeys{{"AWS_ACCESS_KEY_ID", "AKIDEXAMPLE"},
                                               {"AWS_SECRET_ACCESS_KEY", "secret"}};

// The described endpoint shows which source won: flags first, then the environment, as in
// the AWS CLI (region: --region, AWS_REGION, AWS_DEFAULT_REGION; endpoint: --endpoint-url,
// AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL).
TEST(SetUpClientTest, FlagsOutrankTheEnvironmentInTheAwsCliOrder) {
  const struct {
    std::string region_flag, endpoint_flag;
    std::map<std::string, std::string> env;
    std::string want;
  } cases[] = {
      {"eu-west-1", "", {{"AWS_REGION", "us-west-2"}, {"AWS_DEFAULT_REGION", "ap-south-1"}}, "AWS (eu-west-1)"},
      {"", "", {{"AWS_REGION", "us-west-2"}, {"AWS_DEFAULT_REGION", "ap-south-1"}}, "AWS (us-west-2)"},
      {"", "", {{"AWS_DEFAULT_REGION", "ap-south-1"}}, "AWS (ap-south-1)"},
      {"", "", {}, "AWS (us-east-1)"},
      {"", "http://flag:1", {{"AWS_ENDPOINT_URL_S3", "http://s3var:2"}, {"AWS_ENDPOINT_URL", "http://general:3"}},
       "http://flag:1"},
      {"", "", {{"AWS_ENDPOINT_URL_S3", "http://s3var:2"}, {"AWS_ENDPOINT_URL", "http://general:3"}},
       "http://s3var:2"},
      {"", "", {{"AWS_ENDPOINT_URL", "http://general:3"}}, "http://general:3"},
  };
  for (const auto& c : cases) {
    auto env = c.env;
    env.insert(kKeys.begin(), kKeys.end());
    usecase::PlanRequest options = RequestFor("site-bucket");
    options.connection.region = c.region_flag;
    options.connection.endpoint_url = c.endpoint_flag;
    std::ostringstream log;
    Machine machine(env);
    auto setup = SetUpClient(options, Verbose::kQuiet, machine.fake.Io(), log);
    ASSERT_TRUE(setup) << c.want << ": " << setup.error().message;
    EXPECT_EQ(setup->endpoint_description, c.want);
    EXPECT_EQ(setup->access_key_id, "AKIDEXAMPLE");
  }
}

TEST(SetUpClientTest, ABadEndpointIsAConfigErrorBeforeAnyRequest) {
  usecase::PlanRequest options = RequestFor("site-bucket");
  options.connection.endpoint_url = "ftp://example.com";
  std::ostringstream log;
  Machine machine(kKeys);
  auto setup = SetUpClient(options, Verbose::kQuiet, machine.fake.Io(), log);
  ASSERT_FALSE(setup);
  EXPECT_EQ(setup.error().code, s3::ErrorCode::kBadConfig);
}

TEST(SetUpClientTest, NoCredentialsListsWhatWasTried) {
  std::ostringstream log;
  Machine machine({});
  auto setup = SetUpClient(RequestFor("site-bucket"), Verbose::kQuiet, machine.fake.Io(), log);
  ASSERT_FALSE(setup);
  EXPECT_EQ(setup.error().code, s3::ErrorCode::kNoCredentials);
  EXPECT_EQ(setup.error().message,
            "no AWS credentials found; tried environment (AWS_ACCESS_KEY_ID is not set); profile 'default' (no "
            "[default] in /home/u/.aws/credentials or /home/u/.aws/config); web identity (AWS_WEB_IDENTITY_TOKEN_FILE "
            "is not set); container endpoint (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and _FULL_URI are not set); EC2 "
            "instance metadata (no answer from http://169.254.169.254 within 1 s (not on EC2?)): set "
            "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or pass --profile");
}

TEST(SetUpClientTest, TheProfileMayCarryTheEndpointAndTheAddressingStyle) {
  Machine machine({});
  machine.fake.files["/home/u/.aws/config"] =
      "[profile local]\nregion = eu-north-1\nendpoint_url = http://profile-endpoint:1\n"
      "aws_access_key_id = K\naws_secret_access_key = S\ns3 =\n  addressing_style = path\n"
      "[profile with-services]\naws_access_key_id = K\naws_secret_access_key = S\nservices = local-s3\n"
      "endpoint_url = http://general:1\n"
      "[services local-s3]\ns3 =\n  endpoint_url = http://s3-service:2\n";
  usecase::PlanRequest options = RequestFor("site-bucket");
  options.connection.profile = "local";
  std::ostringstream log;
  auto local = SetUpClient(options, Verbose::kQuiet, machine.fake.Io(), log);
  ASSERT_TRUE(local) << local.error().message;
  EXPECT_EQ(local->endpoint_description, "http://profile-endpoint:1");
  options.connection.profile = "with-services";
  auto services = SetUpClient(options, Verbose::kQuiet, machine.fake.Io(), log);
  ASSERT_TRUE(services) << services.error().message;
  EXPECT_EQ(services->endpoint_description, "http://s3-service:2");
  machine.fake.env["AWS_ENDPOINT_URL_S3"] = "http://env:3";
  auto env = SetUpClient(options, Verbose::kQuiet, machine.fake.Io(), log);
  ASSERT_TRUE(env);
  EXPECT_EQ(env->endpoint_description, "http://env:3") << "the environment outranks the profile";
}

}  // namespace
}  // namespace s3prune::cli
