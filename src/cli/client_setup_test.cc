#include "cli/client_setup.h"

#include <gtest/gtest.h>

#include <map>
#include <sstream>

namespace s3prune::cli {
namespace {

// An environment of exactly these variables; the shared files point nowhere, so only the
// environment and the flags decide.
s3::EnvLookup EnvironmentOf(std::map<std::string, std::string> values) {
  values.emplace("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/credentials");
  values.emplace("AWS_CONFIG_FILE", "/nonexistent/config");
  return [values](std::string_view name) -> std::optional<std::string> {
    auto it = values.find(std::string(name));
    if (it == values.end() || it->second.empty()) return std::nullopt;
    return it->second;
  };
}

Options OptionsFor(std::string bucket) {
  Options options;
  options.root.bucket = std::move(bucket);
  return options;
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
    Options options = OptionsFor("site-bucket");
    options.region = c.region_flag;
    options.endpoint_url = c.endpoint_flag;
    std::ostringstream log;
    auto setup = SetUpClient(options, EnvironmentOf(env), log);
    ASSERT_TRUE(setup) << c.want << ": " << setup.error().message;
    EXPECT_EQ(setup->endpoint_description, c.want);
    EXPECT_EQ(setup->access_key_id, "AKIDEXAMPLE");
  }
}

TEST(SetUpClientTest, ABadEndpointIsAConfigErrorBeforeAnyRequest) {
  Options options = OptionsFor("site-bucket");
  options.endpoint_url = "ftp://example.com";
  std::ostringstream log;
  auto setup = SetUpClient(options, EnvironmentOf(kKeys), log);
  ASSERT_FALSE(setup);
  EXPECT_EQ(setup.error().code, s3::ErrorCode::kBadConfig);
}

TEST(SetUpClientTest, NoCredentialsIsAnError) {
  std::ostringstream log;
  auto setup = SetUpClient(OptionsFor("site-bucket"), EnvironmentOf({}), log);
  ASSERT_FALSE(setup);
  EXPECT_EQ(setup.error().code, s3::ErrorCode::kNoCredentials);
}

}  // namespace
}  // namespace s3prune::cli
