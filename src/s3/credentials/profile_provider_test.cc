// Profiles as the AWS CLI reads them: static keys, credential_process, roles (source_profile,
// credential_source, web identity), SSO, and what each says when it is broken. All I/O is the
// scripted FakeProviderIo: no network, no files, no processes.
#include "s3/credentials/profile_provider.h"

#include <gtest/gtest.h>

#include "s3/core/digest.h"
#include "testing/fake_provider_io.h"
#include "testing/fake_transport.h"

namespace s3prune::s3 {
namespace {

using fake::FakeProviderIo;
using fake::Ok;
using fake::StsReply;

constexpr const char* kCredentials = "/home/u/.aws/credentials";
constexpr const char* kConfig = "/home/u/.aws/config";
constexpr const char* kSts = "POST https://sts.eu-west-1.amazonaws.com/";

class ProfileProviderTest : public testing::Test {
 protected:
  void SetUp() override {
    io.env = {{"HOME", "/home/u"}};
    io.files[kCredentials] =
        "[default]\naws_access_key_id = DEFAULTKEY\naws_secret_access_key = defaultsecret\n"
        "[base]\naws_access_key_id = BASEKEY\naws_secret_access_key = basesecret\n";
    io.files[kConfig] = "[default]\nregion = eu-central-1\n";
  }

  void Config(const std::string& text) { io.files[kConfig] += text; }

  Result<Lookup> Load(const std::string& profile) {
    SharedFilesLocation location{kCredentials, kConfig, profile,
                                 profile == "default" ? SharedFilesLocation::ProfileSource::kDefault
                                                      : SharedFilesLocation::ProfileSource::kFlag};
    return ProfileProvider(io.Io(), location, "eu-west-1").Load();
  }

  std::string Fails(const std::string& profile) {
    auto loaded = Load(profile);
    EXPECT_FALSE(loaded.has_value()) << profile;
    return loaded ? "" : loaded.error().message;
  }

  FakeProviderIo io;
};

TEST_F(ProfileProviderTest, StaticKeysFromEitherFile) {
  Config("[profile cfg]\naws_access_key_id = CFGKEY\naws_secret_access_key = cfgsecret\naws_session_token = tok\n");
  auto keys = Load("default");
  ASSERT_TRUE(keys && keys->credentials) << (keys ? keys->none_because : keys.error().message);
  EXPECT_EQ(keys->credentials->access_key_id, "DEFAULTKEY");
  auto cfg = Load("cfg");
  ASSERT_TRUE(cfg && cfg->credentials);
  EXPECT_EQ(cfg->credentials->session_token, "tok");
  EXPECT_FALSE(cfg->credentials->expiration);
}

TEST_F(ProfileProviderTest, AMissingNamedProfileIsAConfigErrorAndAMissingDefaultIsNothing) {
  auto named = Load("nope");
  ASSERT_FALSE(named);
  EXPECT_EQ(named.error().code, ErrorCode::kBadConfig);
  EXPECT_NE(named.error().message.find("profile 'nope' is not in"), std::string::npos);
  io.files.erase(kCredentials);
  io.files[kConfig] = "";
  auto absent = Load("default");
  ASSERT_TRUE(absent);
  EXPECT_FALSE(absent->credentials);
  EXPECT_NE(absent->none_because.find("no [default]"), std::string::npos);
}

TEST_F(ProfileProviderTest, HalfAKeyPairIsAnErrorNamingTheProfileAndTheMissingKey) {
  io.files[kCredentials] += "[id-only]\naws_access_key_id = HALFKEY\n"
                            "[secret-only]\naws_secret_access_key = halfsecret\n"
                            "[empty-secret]\naws_access_key_id = HALFKEY\naws_secret_access_key =\n";
  Config("[profile cfg-half]\naws_access_key_id = HALFKEY\ncredential_process = /usr/bin/get-creds\n"
         "[profile self-half]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = self-half\n"
         "aws_access_key_id = HALFKEY\n");
  io.commands["/usr/bin/get-creds"] = {0, R"({"Version": 1, "AccessKeyId": "PROCKEY", "SecretAccessKey": "s"})", ""};
  const struct {
    const char* profile;
    const char* message;
  } cases[] = {
      {"id-only", "profile 'id-only' sets aws_access_key_id but not aws_secret_access_key: set both, or neither"},
      {"secret-only", "profile 'secret-only' sets aws_secret_access_key but not aws_access_key_id: set both, or neither"},
      {"empty-secret", "profile 'empty-secret' sets aws_access_key_id but not aws_secret_access_key: set both, or neither"},
      // Half a pair is not skipped for the credential_process below it.
      {"cfg-half", "profile 'cfg-half' sets aws_access_key_id but not aws_secret_access_key: set both, or neither"},
      {"self-half", "profile 'self-half' sets aws_access_key_id but not aws_secret_access_key: set both, or neither"},
  };
  for (const auto& c : cases) {
    auto loaded = Load(c.profile);
    ASSERT_FALSE(loaded) << c.profile;
    EXPECT_EQ(loaded.error().code, ErrorCode::kNoCredentials) << c.profile;
    EXPECT_EQ(loaded.error().message, c.message) << c.profile;
  }
}

TEST_F(ProfileProviderTest, CredentialProcessPrintsJsonVersionOne) {
  Config("[profile proc]\ncredential_process = /usr/bin/get-creds --role x\n"
         "[profile failing]\ncredential_process = /usr/bin/broken\n"
         "[profile wrong]\ncredential_process = /usr/bin/old\n");
  io.commands["/usr/bin/get-creds --role x"] = {
      0, R"({"Version": 1, "AccessKeyId": "PROCKEY", "SecretAccessKey": "s", "SessionToken": "t",
             "Expiration": "2026-12-01T01:00:00Z"})", ""};
  io.commands["/usr/bin/broken"] = {3, "", "token expired, run login\n"};
  io.commands["/usr/bin/old"] = {0, R"({"Version": 2, "AccessKeyId": "K", "SecretAccessKey": "s"})", ""};
  auto proc = Load("proc");
  ASSERT_TRUE(proc && proc->credentials) << (proc ? "" : proc.error().message);
  EXPECT_EQ(proc->credentials->access_key_id, "PROCKEY");
  EXPECT_EQ(proc->credentials->session_token, "t");
  ASSERT_TRUE(proc->credentials->expiration);
  EXPECT_EQ(*proc->credentials->expiration, io.now + std::chrono::hours(1));
  EXPECT_EQ(Fails("failing"), "credential_process '/usr/bin/broken' exited with 3: token expired, run login");
  EXPECT_NE(Fails("wrong").find("\"Version\" must be 1"), std::string::npos);
}

TEST_F(ProfileProviderTest, RoleArnAssumesTheRoleSignedWithTheSourceProfile) {
  Config("[profile deploy]\nrole_arn = arn:aws:iam::123456789012:role/pruner\nsource_profile = base\n"
         "role_session_name = nightly\nexternal_id = ext-1\nduration_seconds = 1800\n");
  io.Script(kSts, {Ok(StsReply("AssumeRole", "ROLEKEY", "2026-12-01T00:30:00Z"))});
  auto role = Load("deploy");
  ASSERT_TRUE(role && role->credentials) << (role ? role->none_because : role.error().message);
  EXPECT_EQ(role->credentials->access_key_id, "ROLEKEY");
  EXPECT_EQ(role->credentials->session_token, "token-of-ROLEKEY");
  ASSERT_EQ(io.requests.size(), 1u);
  const HttpRequest& sent = io.requests[0];
  EXPECT_EQ(sent.body,
            "Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fpruner"
            "&RoleSessionName=nightly&ExternalId=ext-1&DurationSeconds=1800");
  const std::string authorization = fake::HeaderOf(sent, "authorization");
  EXPECT_NE(authorization.find("Credential=BASEKEY/20261201/eu-west-1/sts/aws4_request"), std::string::npos)
      << authorization;
}

TEST_F(ProfileProviderTest, RolesChainAndCredentialSourceAndWebIdentity) {
  Config("[profile first]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = base\n"
         "[profile second]\nrole_arn = arn:aws:iam::1:role/b\nsource_profile = first\nregion = us-west-2\n"
         "[profile from-env]\nrole_arn = arn:aws:iam::1:role/c\ncredential_source = Environment\n"
         "[profile oidc]\nrole_arn = arn:aws:iam::1:role/d\nweb_identity_token_file = /var/run/token\n");
  io.Script(kSts, {Ok(StsReply("AssumeRole", "FIRSTKEY", "2026-12-01T01:00:00Z"))});
  io.Script("POST https://sts.us-west-2.amazonaws.com/", {Ok(StsReply("AssumeRole", "SECONDKEY", "2026-12-01T01:00:00Z"))});
  auto chained = Load("second");
  ASSERT_TRUE(chained && chained->credentials) << (chained ? "" : chained.error().message);
  EXPECT_EQ(chained->credentials->access_key_id, "SECONDKEY");
  EXPECT_NE(fake::HeaderOf(io.requests.back(), "authorization").find("Credential=FIRSTKEY/"), std::string::npos);

  io.env["AWS_ACCESS_KEY_ID"] = "ENVKEY";
  io.env["AWS_SECRET_ACCESS_KEY"] = "envsecret";
  ASSERT_TRUE(Load("from-env"));
  EXPECT_NE(fake::HeaderOf(io.requests.back(), "authorization").find("Credential=ENVKEY/"), std::string::npos);

  io.files["/var/run/token"] = "eyJ.token\n";
  io.Script(kSts, {Ok(StsReply("AssumeRoleWithWebIdentity", "OIDCKEY", "2026-12-01T01:00:00Z"))});
  auto oidc = Load("oidc");
  ASSERT_TRUE(oidc && oidc->credentials) << (oidc ? "" : oidc.error().message);
  EXPECT_EQ(oidc->credentials->access_key_id, "OIDCKEY");
  EXPECT_EQ(fake::HeaderOf(io.requests.back(), "authorization"), "") << "web identity is unsigned";
  EXPECT_NE(io.requests.back().body.find("WebIdentityToken=eyJ.token"), std::string::npos) << io.requests.back().body;
}

TEST_F(ProfileProviderTest, BrokenRoleProfilesSayWhatToFix) {
  Config("[profile mfa]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = base\nmfa_serial = arn:aws:iam::1:mfa/u\n"
         "[profile loop-a]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = loop-b\n"
         "[profile loop-b]\nrole_arn = arn:aws:iam::1:role/b\nsource_profile = loop-a\n"
         "[profile orphan]\nrole_arn = arn:aws:iam::1:role/a\n"
         "[profile both]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = base\ncredential_source = Environment\n"
         "[profile long]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = base\nduration_seconds = 99999\n"
         "[profile denied]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = base\n");
  EXPECT_NE(Fails("mfa").find("needs an MFA code (mfa_serial)"), std::string::npos);
  EXPECT_NE(Fails("loop-a").find("source_profile loop"), std::string::npos);
  EXPECT_NE(Fails("orphan").find("no source_profile, credential_source or web_identity_token_file"), std::string::npos);
  EXPECT_NE(Fails("both").find("both source_profile and credential_source"), std::string::npos);
  EXPECT_NE(Fails("long").find("duration_seconds '99999'"), std::string::npos);
  io.Script(kSts, {Ok("<ErrorResponse><Error><Code>AccessDenied</Code><Message>not allowed</Message></Error>"
                      "<RequestId>r1</RequestId></ErrorResponse>", 403)});
  auto denied = Load("denied");
  ASSERT_FALSE(denied);
  EXPECT_EQ(denied.error().code, ErrorCode::kNoCredentials);
  EXPECT_NE(denied.error().message.find("STS AssumeRole at https://sts.eu-west-1.amazonaws.com refused (AccessDenied)"),
            std::string::npos)
      << denied.error().message;
}

TEST_F(ProfileProviderTest, SsoReadsTheCachedTokenAndSaysLoginWhenItExpired) {
  Config("[profile sso]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Pruner\n"
         "[sso-session corp]\nsso_region = eu-west-1\nsso_start_url = https://corp.awsapps.com/start\n"
         "[profile legacy]\nsso_start_url = https://old.awsapps.com/start\nsso_region = us-east-1\n"
         "sso_account_id = 1\nsso_role_name = R\n");
  // The cache file is named by the SHA-1 of the session name ("corp").
  io.files["/home/u/.aws/sso/cache/" + Sha1Hex("corp") + ".json"] =
      R"({"accessToken": "sso-token", "expiresAt": "2026-12-01T08:00:00Z"})";
  io.Script("GET https://portal.sso.eu-west-1.amazonaws.com/federation/credentials?account_id=111122223333&role_name=Pruner",
            {Ok(R"({"roleCredentials": {"accessKeyId": "SSOKEY", "secretAccessKey": "s", "sessionToken": "t",
                   "expiration": 1764554400000}})")});
  auto sso = Load("sso");
  ASSERT_TRUE(sso && sso->credentials) << (sso ? "" : sso.error().message);
  EXPECT_EQ(sso->credentials->access_key_id, "SSOKEY");
  EXPECT_EQ(fake::HeaderOf(io.requests.back(), "x-amz-sso_bearer_token"), "sso-token");

  EXPECT_EQ(Fails("legacy").find("the SSO session of profile 'legacy' has no cached token"), 0u);
  io.files["/home/u/.aws/sso/cache/" + Sha1Hex("https://old.awsapps.com/start") + ".json"] =
      R"({"accessToken": "old", "expiresAt": "2026-11-30T08:00:00UTC"})";
  const std::string expired = Fails("legacy");
  EXPECT_NE(expired.find("has expired: run aws sso login --profile legacy"), std::string::npos) << expired;
}

}  // namespace
}  // namespace s3prune::s3
