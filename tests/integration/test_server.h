// Support for integration tests against a real S3 server (scripts/s3-server: Ceph RGW, or
// OpenStack Swift's S3 API with S3PRUNE_S3_SERVER=swift): finding the server from the
// environment, unique buckets that clean up after themselves, seeding objects, and running
// the s3prune binary and the independent AWS CLI as processes.
//
// Tests call S3PRUNE_REQUIRE_SERVER() first: without S3PRUNE_TEST_ENDPOINT the test is
// skipped, unless S3PRUNE_REQUIRE_INTEGRATION=1 (set by scripts/test and CI), where a
// missing server is a failure: integration tests must run, not skip, in CI.
//
// Which server it is comes from S3PRUNE_TEST_SERVER (rgw when unset), which
// `scripts/s3-server env` prints. A test about a feature that one of the servers lacks asks
// MissingFeature(): where s3prune must refuse the feature clearly it checks that refusal
// there (e.g. --via lifecycle on Swift); where the test needs the feature only to stage its
// scene (a bucket policy that denies, a legal hold), S3PRUNE_REQUIRE_FEATURE marks it not
// applicable to that server, with the reason.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "s3/client.h"
#include "s3/core/model.h"

namespace s3prune::testing {

// The S3 implementations scripts/s3-server starts.
enum class ServerKind { kRgw, kSwift };

struct TestServer {
  std::string endpoint;  // http://127.0.0.1:PORT
  std::string access_key_id;
  std::string secret_access_key;
  std::string region;
  ServerKind kind = ServerKind::kRgw;
};

// The server named by S3PRUNE_TEST_ENDPOINT and AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, of
// the kind S3PRUNE_TEST_SERVER names.
std::optional<TestServer> FindTestServer();
bool IntegrationRequired();
// Empty when S3PRUNE_TEST_SERVER is unset or names a known server; otherwise what is wrong.
std::string ServerKindProblem();
std::string_view ServerName(ServerKind kind);  // "rgw", "swift"

#define S3PRUNE_REQUIRE_SERVER(server_var)                                                        \
  if (const auto problem = ::s3prune::testing::ServerKindProblem(); !problem.empty()) {           \
    FAIL() << problem;                                                                            \
  }                                                                                               \
  auto server_var##_found = ::s3prune::testing::FindTestServer();                                 \
  if (!server_var##_found) {                                                                      \
    if (::s3prune::testing::IntegrationRequired()) {                                              \
      FAIL() << "S3PRUNE_REQUIRE_INTEGRATION=1 but S3PRUNE_TEST_ENDPOINT is not set";             \
    }                                                                                             \
    GTEST_SKIP() << "no S3 server: run scripts/s3-server start and eval \"$(scripts/s3-server env)\""; \
  }                                                                                               \
  const ::s3prune::testing::TestServer& server_var = *server_var##_found

// S3 features that a test server may lack.
enum class Feature {
  kLifecycle,     // bucket lifecycle configuration, and a worker that applies it
  kObjectLock,    // Object Lock: retention and legal holds that refuse deletes
  kBucketPolicy,  // bucket policies (e.g. a Deny that makes the server refuse a request)
};

// Empty when the server has the feature; otherwise how the server lacks it (what it answers),
// as measured on it (shared/notes/openstack-swift-s3.md).
std::string MissingFeature(const TestServer& server, Feature feature);

// For a test that needs the feature only to stage its scene: not applicable to a server
// without it (a skip that names the server and the reason).
#define S3PRUNE_REQUIRE_FEATURE(server, feature)                                                    \
  if (const auto missing = ::s3prune::testing::MissingFeature(server, feature); !missing.empty()) { \
    GTEST_SKIP() << "not applicable to " << ::s3prune::testing::ServerName((server).kind) << ": " << missing; \
  }

// A client for the test server with its credentials, or with the ones given.
std::unique_ptr<s3::S3Client> MakeClient(const TestServer& server);
std::unique_ptr<s3::S3Client> MakeClient(const TestServer& server, const s3::Credentials& credentials);

// "s3p-<stem>-<pid>-<n>": unique per process and call, valid as a bucket name.
std::string UniqueBucketName(std::string_view stem);

// Creates a bucket (optionally versioned) and, when it goes out of scope, deletes every
// version, delete marker and upload in it, then the bucket.
class ScopedBucket {
 public:
  enum class Versioning { kOff, kEnabled };
  ScopedBucket(const TestServer& server, std::string_view stem, Versioning versioning = Versioning::kOff);
  ~ScopedBucket();
  ScopedBucket(const ScopedBucket&) = delete;
  ScopedBucket& operator=(const ScopedBucket&) = delete;

  const std::string& name() const { return name_; }
  s3::S3Client& client() { return *client_; }

 private:
  std::string name_;
  std::unique_ptr<s3::S3Client> client_;
};

// Puts every key (body = the key itself unless given) with a few requests in parallel;
// fails the test on any error.
void PutObjects(s3::S3Client& client, const std::string& bucket, const std::vector<std::string>& keys,
                std::optional<std::string> body = std::nullopt);

// Seeding, for writes that must come out newer than those before them: when the current
// objects under the prefix carry whole-second LastModified times (Swift rounds them up to the
// next second; AWS's listings are whole seconds too), waits until this machine's clock (the
// server's: they share it) is past the newest of them, so that an object written next gets a
// strictly later time. On a server with sub-second times (RGW) it returns at once. This makes
// two deployments truly differ in time; it hides no behaviour of s3prune.
void AwaitALaterServerSecond(s3::S3Client& client, const std::string& bucket, const std::string& prefix);

// Every current key under the prefix, through our own client (all pages).
std::vector<std::string> ListAllKeys(s3::S3Client& client, const std::string& bucket, const std::string& prefix = "");
// Every version and delete marker under the prefix (all pages).
std::vector<s3::ObjectVersion> ListAllVersions(s3::S3Client& client, const std::string& bucket,
                                               const std::string& prefix = "");

struct ProcessResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs a program with arguments (no shell), extra environment variables, and stdin text
// (stdin is a pipe, never a terminal); captures stdout and stderr.
ProcessResult RunProcess(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env = {},
                         const std::string& stdin_text = "");

// A question the program asks on stdout: once stdout shows `wait_for`, `meanwhile` runs
// (e.g. another client writes to the bucket), then the stdin text is sent as the answer.
struct Prompt {
  std::string wait_for;
  std::function<void()> meanwhile;
  bool on_stderr = false;  // wait for the text on stderr instead of stdout
  int signal = 0;          // then send this signal to the process (e.g. SIGTERM)
  // Then close the reading end of its stdout, as `| head -3` does when it exits; with an
  // empty wait_for it is closed before the process starts (its stdout has no reader at all).
  bool close_stdout = false;
};
ProcessResult RunProcessAnswering(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env,
                                  const std::string& stdin_text, const Prompt* prompt);

// s3prune (the built binary) with --endpoint-url of the server prepended to `args`' options.
ProcessResult RunS3prune(const TestServer& server, const std::vector<std::string>& args,
                         const std::map<std::string, std::string>& env = {}, const std::string& stdin_text = "");

// The independent client: /usr/bin/aws --endpoint-url SERVER <args> --output json.
ProcessResult RunAws(const TestServer& server, const std::vector<std::string>& args);

// Every key under the prefix as the AWS CLI sees it (s3api list-objects-v2, all pages).
std::vector<std::string> AwsListKeys(const TestServer& server, const std::string& bucket, const std::string& prefix = "");

}  // namespace s3prune::testing
