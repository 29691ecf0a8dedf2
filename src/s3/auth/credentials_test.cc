#include "s3/auth/credentials.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

namespace s3prune::s3 {
namespace {

EnvLookup FakeEnvironment(std::map<std::string, std::string> values) {
  return [values = std::move(values)](std::string_view name) -> std::optional<std::string> {
    auto it = values.find(std::string(name));
    if (it == values.end()) return std::nullopt;
    return it->second;
  };
}

class CredentialsTest : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("s3prune-credentials-" + std::to_string(::getpid()) + "-" +
            testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
    Write("credentials",
          "[default]\naws_access_key_id = DEFAULTKEY\naws_secret_access_key = defaultsecret\n"
          "[prod]\naws_access_key_id = PRODKEY\naws_secret_access_key = prodsecret\n"
          "aws_session_token = prodtoken\n");
    Write("config",
          "[default]\nregion = eu-central-1\n"
          "[profile prod]\nregion = ap-southeast-2\n"
          "[profile keys-in-config]\naws_access_key_id = CFGKEY\naws_secret_access_key = cfgsecret\n"
          "[profile sso]\nsso_start_url = https://example.awsapps.com/start\n");
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  void Write(const std::string& name, const std::string& text) { std::ofstream(dir_ / name) << text; }

  std::map<std::string, std::string> FilesEnv() {
    return {{"AWS_SHARED_CREDENTIALS_FILE", (dir_ / "credentials").string()},
            {"AWS_CONFIG_FILE", (dir_ / "config").string()}};
  }

  Result<Credentials> Resolve(std::map<std::string, std::string> extra, std::string_view profile_flag = "") {
    auto values = FilesEnv();
    values.insert(extra.begin(), extra.end());
    auto env = FakeEnvironment(values);
    return DefaultCredentialsChain(env, LocateSharedFiles(env, profile_flag)).Resolve();
  }

  std::filesystem::path dir_;
};

TEST_F(CredentialsTest, EnvironmentComesFirst) {
  auto credentials = Resolve({{"AWS_ACCESS_KEY_ID", "ENVKEY"}, {"AWS_SECRET_ACCESS_KEY", "envsecret"},
                              {"AWS_SESSION_TOKEN", "envtoken"}});
  ASSERT_TRUE(credentials);
  EXPECT_EQ(credentials->access_key_id, "ENVKEY");
  EXPECT_EQ(credentials->secret_access_key, "envsecret");
  EXPECT_EQ(credentials->session_token, "envtoken");
}

TEST_F(CredentialsTest, DefaultProfileWhenNoEnvironment) {
  auto credentials = Resolve({});
  ASSERT_TRUE(credentials);
  EXPECT_EQ(credentials->access_key_id, "DEFAULTKEY");
  EXPECT_EQ(credentials->session_token, "");
}

TEST_F(CredentialsTest, AwsProfileSelectsAProfileButEnvironmentKeysStillWin) {
  auto from_profile = Resolve({{"AWS_PROFILE", "prod"}});
  ASSERT_TRUE(from_profile);
  EXPECT_EQ(from_profile->access_key_id, "PRODKEY");
  EXPECT_EQ(from_profile->session_token, "prodtoken");
  auto from_env = Resolve({{"AWS_PROFILE", "prod"}, {"AWS_ACCESS_KEY_ID", "ENVKEY"}, {"AWS_SECRET_ACCESS_KEY", "s"}});
  ASSERT_TRUE(from_env);
  EXPECT_EQ(from_env->access_key_id, "ENVKEY");
}

TEST_F(CredentialsTest, ProfileFlagOutranksEnvironmentKeys) {
  auto credentials = Resolve({{"AWS_ACCESS_KEY_ID", "ENVKEY"}, {"AWS_SECRET_ACCESS_KEY", "s"}}, "prod");
  ASSERT_TRUE(credentials);
  EXPECT_EQ(credentials->access_key_id, "PRODKEY");
}

TEST_F(CredentialsTest, KeysInTheConfigFileCount) {
  auto credentials = Resolve({}, "keys-in-config");
  ASSERT_TRUE(credentials);
  EXPECT_EQ(credentials->access_key_id, "CFGKEY");
}

TEST_F(CredentialsTest, MissingNamedProfileIsAConfigError) {
  auto credentials = Resolve({}, "nope");
  ASSERT_FALSE(credentials);
  EXPECT_EQ(credentials.error().code, ErrorCode::kBadConfig);
  EXPECT_NE(credentials.error().message.find("'nope'"), std::string::npos);
}

TEST_F(CredentialsTest, UnsupportedProfileKindSaysSo) {
  auto credentials = Resolve({}, "sso");
  ASSERT_FALSE(credentials);
  EXPECT_EQ(credentials.error().code, ErrorCode::kNoCredentials);
  EXPECT_NE(credentials.error().message.find("export-credentials"), std::string::npos);
}

TEST_F(CredentialsTest, HalfSetEnvironmentIsAnError) {
  auto credentials = Resolve({{"AWS_ACCESS_KEY_ID", "ENVKEY"}});
  ASSERT_FALSE(credentials);
  EXPECT_NE(credentials.error().message.find("AWS_SECRET_ACCESS_KEY"), std::string::npos);
}

TEST_F(CredentialsTest, NothingAnywhereSaysHowToFixIt) {
  auto env = FakeEnvironment({{"AWS_SHARED_CREDENTIALS_FILE", (dir_ / "absent").string()},
                              {"AWS_CONFIG_FILE", (dir_ / "absent2").string()}});
  auto credentials = DefaultCredentialsChain(env, LocateSharedFiles(env, "")).Resolve();
  ASSERT_FALSE(credentials);
  EXPECT_EQ(credentials.error().code, ErrorCode::kNoCredentials);
  EXPECT_NE(credentials.error().message.find("AWS_ACCESS_KEY_ID"), std::string::npos);
}

TEST_F(CredentialsTest, ProfileRegionReadsTheConfigFile) {
  auto env = FakeEnvironment(FilesEnv());
  EXPECT_EQ(ProfileRegion(LocateSharedFiles(env, "")), "eu-central-1");
  EXPECT_EQ(ProfileRegion(LocateSharedFiles(env, "prod")), "ap-southeast-2");
  EXPECT_EQ(ProfileRegion(LocateSharedFiles(env, "keys-in-config")), "");
}

}  // namespace
}  // namespace s3prune::s3
