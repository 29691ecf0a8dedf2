// Support for integration tests against a real S3 server (scripts/s3-server, Ceph RGW):
// finding the server from the environment, unique buckets that clean up after themselves,
// seeding objects, and running the s3prune binary and the independent AWS CLI as processes.
//
// Tests call S3PRUNE_REQUIRE_SERVER() first: without S3PRUNE_TEST_ENDPOINT the test is
// skipped, unless S3PRUNE_REQUIRE_INTEGRATION=1 (set by scripts/test and CI), where a
// missing server is a failure: integration tests must run, not skip, in CI.
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

struct TestServer {
  std::string endpoint;  // http://127.0.0.1:PORT
  std::string access_key_id;
  std::string secret_access_key;
  std::string region;
};

// The server named by S3PRUNE_TEST_ENDPOINT and AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY.
std::optional<TestServer> FindTestServer();
bool IntegrationRequired();

#define S3PRUNE_REQUIRE_SERVER(server_var)                                                        \
  auto server_var##_found = ::s3prune::testing::FindTestServer();                                 \
  if (!server_var##_found) {                                                                      \
    if (::s3prune::testing::IntegrationRequired()) {                                              \
      FAIL() << "S3PRUNE_REQUIRE_INTEGRATION=1 but S3PRUNE_TEST_ENDPOINT is not set";             \
    }                                                                                             \
    GTEST_SKIP() << "no S3 server: run scripts/s3-server start and eval \"$(scripts/s3-server env)\""; \
  }                                                                                               \
  const ::s3prune::testing::TestServer& server_var = *server_var##_found

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
