// Helpers shared by the CLI integration tests (cli_*_test.cc): seeding a deployment layout
// in upload order, reading s3prune's JSON output, comparing listings, and a bucket policy
// that is removed again before its bucket is cleaned up. Built on test_server.h.
#pragma once

#include <map>
#include <string>
#include <tuple>
#include <vector>

#include <nlohmann/json.hpp>

#include "test_server.h"

namespace s3prune::testing {

// The built s3prune binary, for runs that must choose their own endpoint (RunS3prune
// always appends the test server's --endpoint-url, and the option may be given only once).
std::string S3pruneBinary();

// A deployment to seed: its id and file names; its keys are PREFIX + id + "/" + file.
struct SeedDeployment {
  std::string id;
  std::vector<std::string> files;
};

// Uploads the deployments one after another, each one's files in parallel, so every
// deployment's objects are newer than those of the deployments before it in the list (on a
// server of whole-second times, such as Swift, it waits for the server's next second between
// deployments: AwaitALaterServerSecond). Returns every key written.
std::vector<std::string> SeedDeployments(s3::S3Client& client, const std::string& bucket, const std::string& prefix,
                                         const std::vector<SeedDeployment>& deployments);

// `count` deployments "<stem>NNNN" (zero-padded, so key order is upload order) of one
// object each, uploaded in parallel: times are not ordered. Returns the keys.
std::vector<std::string> SeedManyDeployments(s3::S3Client& client, const std::string& bucket, const std::string& stem,
                                             std::size_t count);

// Exit code, stdout and stderr, for failure messages.
std::string Describe(const ProcessResult& result);

// stdout parsed as JSON; a parse error fails the test and gives null.
nlohmann::json ParseJson(const ProcessResult& result);

// Deployment id -> "keep" or "delete", from a plan or apply document.
std::map<std::string, std::string> Actions(const nlohmann::json& document);

// The deployment entry with this id (null when absent).
nlohmann::json FindDeployment(const nlohmann::json& document, const std::string& id);

// True when any of `texts` contains `part`.
bool AnyContains(const nlohmann::json& texts, const std::string& part);

std::vector<std::string> Sorted(std::vector<std::string> keys);
std::vector<std::string> Lines(const std::string& text);

// The keys that start with none of the prefixes.
std::vector<std::string> KeysOutside(const std::vector<std::string>& keys, const std::vector<std::string>& prefixes);

// Every version and delete marker under the prefix as (key, version id, is delete marker),
// sorted: a full picture of a versioned bucket to compare before and after.
using VersionEntry = std::tuple<std::string, std::string, bool>;
// Versions plus delete markers under the prefix, counted by the AWS CLI (an independent client).
std::size_t AwsVersionCount(const TestServer& server, const std::string& bucket, const std::string& prefix);

std::vector<VersionEntry> VersionEntries(s3::S3Client& client, const std::string& bucket, const std::string& prefix = "");

// On a server without lifecycle (MissingFeature, e.g. Swift): checks that `apply --via
// lifecycle` is refused with one clear line ("does not support lifecycle configuration"),
// exit 1, and leaves the bucket and every object in it.
void ExpectViaLifecycleRefused(const TestServer& server);

// First line of a test of --via lifecycle: on a server without lifecycle the test checks the
// clear refusal (above) instead, and ends there; not a skip.
#define S3PRUNE_LIFECYCLE_OR_REFUSAL(server)                                                         \
  if (!::s3prune::testing::MissingFeature(server, ::s3prune::testing::Feature::kLifecycle).empty()) { \
    ::s3prune::testing::ExpectViaLifecycleRefused(server);                                          \
    return;                                                                                         \
  }

// Puts a bucket policy with `aws s3api put-bucket-policy`; deletes it when destroyed, so
// declare it after the ScopedBucket (a Deny on deletes would stop the bucket's cleanup).
class ScopedBucketPolicy {
 public:
  ScopedBucketPolicy(const TestServer& server, std::string bucket, const nlohmann::json& policy);
  ~ScopedBucketPolicy();
  ScopedBucketPolicy(const ScopedBucketPolicy&) = delete;
  ScopedBucketPolicy& operator=(const ScopedBucketPolicy&) = delete;

 private:
  const TestServer& server_;
  std::string bucket_;
};

}  // namespace s3prune::testing
