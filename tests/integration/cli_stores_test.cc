// Stores that lack an operation, played by the project's fault proxy in front of RGW (no server
// here answers these on cue): GCS's NotImplemented for DeleteObjects (until 2026), R2's for
// Get/PutBucketVersioning, s3rver's 501 for ListMultipartUploads and 405 for ?versions, Swift's
// bucket listing for GET ?lifecycle. Such an answer is a fact about the store: never retried,
// remembered for the run, and the feature says in one line what s3prune does instead.
#include <gtest/gtest.h>

#include "cli_fixtures.h"
#include "fault_proxy.h"
#include "test_server.h"

namespace s3prune::testing {
namespace {

constexpr std::uint64_t kSeed = 20261206;

FaultRule Always(Fault fault, RequestKind kind) {
  return {.fault = fault, .kind = kind, .rate = 1, .numbers = {}, .key_contains = "", .delay_ms = 0};
}

struct Store {
  const TestServer& server;
  ScopedBucket bucket;
  std::string target;

  Store(const TestServer& s, const char* stem) : server(s), bucket(s, stem), target("s3://" + bucket.name() + "/") {
    SeedDeployments(bucket.client(), bucket.name(), "", {{"d1", {"a", "b"}}, {"d2", {"a", "b"}}, {"d3", {"a"}}});
  }

  ProcessResult Run(const FaultProxy& proxy, std::vector<std::string> args) const {
    std::vector<std::string> argv = {S3pruneBinary()};
    argv.insert(argv.end(), args.begin(), args.end());
    argv.insert(argv.end(), {"--endpoint-url", proxy.endpoint()});
    return RunProcess(argv, {{"AWS_ACCESS_KEY_ID", server.access_key_id},
                             {"AWS_SECRET_ACCESS_KEY", server.secret_access_key}});
  }
};

TEST(CliStores, WithoutDeleteObjectsEachKeyIsDeletedOnItsOwnAndReportedAsUsual) {
  S3PRUNE_REQUIRE_SERVER(server);
  Store store(server, "no-multi-delete");
  FaultProxy proxy(server.endpoint, {Always(Fault::kNotImplemented501, RequestKind::kDeleteObjects)}, kSeed);
  const auto run = store.Run(proxy, {"apply", store.target, "--keep-last", "1", "--yes", "-o", "json", "--stats"});
  EXPECT_EQ(run.exit_code, 0) << Describe(run);
  const auto document = ParseJson(run);
  EXPECT_EQ(document["result"]["objects_deleted"], 4) << run.out;
  EXPECT_EQ(Sorted(AwsListKeys(server, store.bucket.name())), (std::vector<std::string>{"d3/a"}));
  // Asked once, then remembered: one NotImplemented, not one per batch, and no retries of it.
  EXPECT_EQ(proxy.injected()[Fault::kNotImplemented501], 1u);
}

TEST(CliStores, WithoutBucketVersioningThePlanSaysItTreatsTheBucketAsUnversioned) {
  S3PRUNE_REQUIRE_SERVER(server);
  Store store(server, "no-versioning");
  FaultProxy proxy(server.endpoint, {Always(Fault::kNotImplemented501, RequestKind::kGetVersioning)}, kSeed);
  const auto run = store.Run(proxy, {"plan", store.target, "--keep-last", "1", "-o", "json"});
  EXPECT_EQ(run.exit_code, 0) << Describe(run);
  const auto document = ParseJson(run);
  EXPECT_TRUE(AnyContains(document["warnings"],
                          "this store does not support bucket versioning (GET bucket ?versioning answered HTTP 501 "
                          "NotImplemented): planned as an unversioned bucket"))
      << run.out;
  ASSERT_EQ(document["unsupported"].size(), 1u) << run.out;
  EXPECT_EQ(document["unsupported"][0]["feature"], "bucket versioning");
  EXPECT_EQ(proxy.injected()[Fault::kNotImplemented501], 1u) << "a permanent answer is not retried";
}

TEST(CliStores, WithoutMultipartListingApplySucceedsAndSaysNoUploadWasAborted) {
  S3PRUNE_REQUIRE_SERVER(server);
  Store store(server, "no-uploads");
  FaultProxy proxy(server.endpoint, {Always(Fault::kNotImplemented501, RequestKind::kListUploads)}, kSeed);
  const auto run = store.Run(proxy, {"apply", store.target, "--keep-last", "1", "--yes"});
  EXPECT_EQ(run.exit_code, 0) << Describe(run);
  EXPECT_NE(run.out.find("note: this store does not support ListMultipartUploads (GET bucket ?uploads answered HTTP "
                         "501 NotImplemented): no incomplete multipart upload was aborted"),
            std::string::npos)
      << Describe(run);
  EXPECT_EQ(Sorted(AwsListKeys(server, store.bucket.name())), (std::vector<std::string>{"d3/a"}));
}

TEST(CliStores, WithoutVersionListingVersionsIsRefusedNamingTheRequest) {
  S3PRUNE_REQUIRE_SERVER(server);
  Store store(server, "no-versions");
  FaultProxy proxy(server.endpoint, {Always(Fault::kMethodNotAllowed405, RequestKind::kListVersions)}, kSeed);
  const auto run = store.Run(proxy, {"plan", store.target, "--keep-last", "1", "--versions"});
  EXPECT_EQ(run.exit_code, 1) << Describe(run);
  EXPECT_NE(run.err.find("this store does not support ListObjectVersions (GET bucket ?versions answered HTTP 405 "
                         "MethodNotAllowed): drop --versions"),
            std::string::npos)
      << Describe(run);
  EXPECT_EQ(Lines(run.err).size(), 1u) << Describe(run);
  EXPECT_EQ(proxy.injected()[Fault::kMethodNotAllowed405], 1u) << "a permanent answer is not retried";
}

TEST(CliStores, ALifecycleRequestAnsweredWithABucketListingIsAStoreWithoutLifecycle) {
  S3PRUNE_REQUIRE_SERVER(server);
  Store store(server, "no-lifecycle");
  const auto before = Sorted(AwsListKeys(server, store.bucket.name()));
  FaultProxy proxy(server.endpoint, {Always(Fault::kBucketListingInstead, RequestKind::kGetLifecycle)}, kSeed);
  const auto via = store.Run(proxy, {"apply", store.target, "--keep-last", "1", "--yes", "--via", "lifecycle"});
  EXPECT_EQ(via.exit_code, 1) << Describe(via);
  EXPECT_NE(via.err.find("this store does not support lifecycle configuration (GET bucket ?lifecycle answered a "
                         "bucket listing (<ListBucketResult>)): use --via delete"),
            std::string::npos)
      << Describe(via);
  EXPECT_EQ(via.err.find("does not look like S3"), std::string::npos) << Describe(via);
  EXPECT_EQ(Sorted(AwsListKeys(server, store.bucket.name())), before);
  // Without --via lifecycle, ls, plan and apply say nothing about it: no rule can exist there.
  for (const std::vector<std::string>& args : {std::vector<std::string>{"ls", store.target},
                                              std::vector<std::string>{"apply", store.target, "--keep-last", "1",
                                                                       "--yes"}}) {
    const auto run = store.Run(proxy, args);
    EXPECT_EQ(run.exit_code, 0) << Describe(run);
    EXPECT_EQ(run.err.find("lifecycle"), std::string::npos) << Describe(run);
  }
  EXPECT_EQ(Sorted(AwsListKeys(server, store.bucket.name())), (std::vector<std::string>{"d3/a"}));
}

}  // namespace
}  // namespace s3prune::testing
