// Faults between s3prune and a real server (Ceph RGW), injected by the project's own proxy
// (fault_proxy.h): with transient faults on every request kind the bucket ends exactly as
// planned; with persistent faults the run stops clearly (non-zero exit, the incomplete work
// named, nothing kept touched) and a re-run without the faults finishes the job. The bucket
// is checked directly against the server and with the AWS CLI, never through the proxy.
#include <fstream>
#include <set>

#include <gtest/gtest.h>

#include "cli_fixtures.h"
#include "fault_proxy.h"
#include "test_server.h"

namespace s3prune::testing {
namespace {

constexpr std::uint64_t kSeed = 20261203;

std::vector<std::string> Ids(int count) {
  std::vector<std::string> ids;
  for (int i = 1; i <= count; ++i) ids.push_back((i < 10 ? "d0" : "d") + std::to_string(i));
  return ids;
}

// `count` deployments of `objects` objects each, written in id order (d01 oldest); with
// `overwrite`, d01/0, d01/1 and d02/0 get a second version before d03 is written.
void Seed(ScopedBucket& bucket, int count, int objects, bool overwrite = false) {
  for (const auto& id : Ids(count)) {
    if (overwrite && id == "d03") {
      PutObjects(bucket.client(), bucket.name(), {"d01/0", "d01/1", "d02/0"}, "second version");
    }
    std::vector<std::string> keys;
    for (int i = 0; i < objects; ++i) keys.push_back(id + "/" + std::to_string(i));
    PutObjects(bucket.client(), bucket.name(), keys);
  }
}

std::map<std::string, std::vector<VersionEntry>> Snapshot(ScopedBucket& bucket, const std::vector<std::string>& ids) {
  std::map<std::string, std::vector<VersionEntry>> entries;
  for (const auto& id : ids) entries[id] = VersionEntries(bucket.client(), bucket.name(), id + "/");
  return entries;
}

TEST(CliFaults, TransientFaultsOnEveryRequestKindEndExactlyAsPlanned) {
  S3PRUNE_REQUIRE_SERVER(server);
  ScopedBucket bucket(server, "faults", ScopedBucket::Versioning::kEnabled);
  Seed(bucket, 10, 150, /*overwrite=*/true);  // noncurrent versions in d01 and d02 to purge too
  const std::vector<std::string> kept = {"d08", "d09", "d10"};
  const auto kept_before = Snapshot(bucket, kept);
  const std::string target = "s3://" + bucket.name() + "/";

  // About 20% of every request fails, in each way a network and a server fail transiently;
  // each way at least once, on the first requests (bucket check, versioning, listings).
  auto rule = [](Fault fault, double rate, std::uint64_t number) {
    return FaultRule{.fault = fault, .kind = RequestKind::kAny, .rate = rate, .numbers = {number},
                     .key_contains = "", .delay_ms = 0};
  };
  FaultProxy proxy(server.endpoint,
                   {rule(Fault::kResetAfter, 0.04, 2), rule(Fault::kSlowDown503, 0.07, 4),
                    rule(Fault::kInternalError500, 0.06, 6), rule(Fault::kResetBefore, 0.04, 8)},
                   kSeed);
  const auto run = RunProcess({S3pruneBinary(), "apply", target, "--keep-last", "3", "--versions", "--yes",
                               "--concurrency", "4", "-o", "json", "--endpoint-url", proxy.endpoint()},
                              {{"AWS_ACCESS_KEY_ID", server.access_key_id},
                               {"AWS_SECRET_ACCESS_KEY", server.secret_access_key}});
  ASSERT_EQ(run.exit_code, 0) << Describe(run);
  const auto result = ParseJson(run)["result"];
  EXPECT_TRUE(result["complete"].get<bool>());
  EXPECT_EQ(result["objects_deleted"], 7 * 150);
  EXPECT_EQ(result["versions_deleted"], 3);
  const auto injected = proxy.injected();
  for (Fault fault : {Fault::kResetAfter, Fault::kSlowDown503, Fault::kInternalError500, Fault::kResetBefore}) {
    EXPECT_TRUE(injected.contains(fault)) << static_cast<int>(fault) << " in " << proxy.requests() << " requests";
  }

  for (const auto& id : Ids(7)) EXPECT_EQ(AwsVersionCount(server, bucket.name(), id + "/"), 0u) << id;
  EXPECT_EQ(Snapshot(bucket, kept), kept_before) << "kept deployments are untouched, version for version";
}

// Issue 22, case 1: OpenStack Swift answers a 1,000-key DeleteObjects only when every key is
// gone, and goes on after the client hangs up. The proxy forwards each DeleteObjects to RGW
// (which deletes) and holds the reply back past the client's delete timeout (2 s here, through
// S3PRUNE_TIMEOUTS): the keys are listed again, found gone, and reported as deleted; exit 0 and
// --log-deleted lists them. Before, the 10 s stall limit cut the request, the retry timed out
// too, and every key was "could not be deleted" (exit 3) though the server had deleted it.
TEST(CliFaults, ADeleteAnsweredTooLateIsListedAgainAndWhatIsGoneIsReportedDeleted) {
  S3PRUNE_REQUIRE_SERVER(server);
  ScopedBucket bucket(server, "late-delete");
  Seed(bucket, 5, 300);  // d01-d03 doomed: 900 objects, one batch
  const std::string target = "s3://" + bucket.name() + "/";
  const std::string log = ::testing::TempDir() + "s3prune-late-delete.jsonl";
  std::remove(log.c_str());
  FaultProxy proxy(server.endpoint,
                   {{.fault = Fault::kSlow, .kind = RequestKind::kDeleteObjects, .rate = 1, .numbers = {},
                     .key_contains = "", .delay_ms = 11'000}},
                   kSeed);
  const auto run = RunProcess({S3pruneBinary(), "apply", target, "--keep-last", "2", "--yes", "-v", "-o", "json",
                               "--log-deleted", log, "--endpoint-url", proxy.endpoint()},
                              {{"AWS_ACCESS_KEY_ID", server.access_key_id},
                               {"AWS_SECRET_ACCESS_KEY", server.secret_access_key},
                               {"S3PRUNE_TIMEOUTS", "delete=2"}});
  ASSERT_EQ(run.exit_code, 0) << Describe(run);
  const auto result = ParseJson(run)["result"];
  EXPECT_TRUE(result["complete"].get<bool>());
  EXPECT_EQ(result["objects_deleted"], 900);
  EXPECT_EQ(result["objects_failed"], 0);
  EXPECT_EQ(result["objects_outcome_unknown"], 0);
  EXPECT_GE(proxy.injected()[Fault::kSlow], 1u);
  EXPECT_NE(run.err.find("timed out: batches of"), std::string::npos) << "-v says the batches shrank\n" << run.err;
  EXPECT_NE(run.err.find(" gone, 0 still there"), std::string::npos) << run.err;

  std::set<std::string> logged;
  std::ifstream file(log);
  for (std::string line; std::getline(file, line);) logged.insert(nlohmann::json::parse(line)["key"].get<std::string>());
  std::set<std::string> doomed;
  for (const auto& id : Ids(3)) {
    for (int i = 0; i < 300; ++i) doomed.insert(id + "/" + std::to_string(i));
  }
  EXPECT_EQ(logged, doomed) << "--log-deleted lists every key that is gone";
  EXPECT_EQ(KeysOutside(AwsListKeys(server, bucket.name()), {"d04/", "d05/"}), std::vector<std::string>{});
  EXPECT_EQ(AwsListKeys(server, bucket.name()).size(), 600u);
}

struct PersistentCase {
  const char* name;
  FaultRule rule;
  int exit_code;
  const char* says;  // in stderr or stdout
  bool deletes_something;
};

FaultRule Always(Fault fault, RequestKind kind, std::string key_contains = "") {
  return {.fault = fault, .kind = kind, .rate = 1, .numbers = {}, .key_contains = std::move(key_contains), .delay_ms = 0};
}

TEST(CliFaults, PersistentFaultsStopClearlyAndARerunFinishes) {
  S3PRUNE_REQUIRE_SERVER(server);
  const PersistentCase cases[] = {
      {"every delete of d01 fails per key", Always(Fault::kDeleteKeyErrors, RequestKind::kDeleteObjects, "d01/"), 3,
       "InternalError", true},
      {"every DeleteObjects is throttled", Always(Fault::kSlowDown503, RequestKind::kDeleteObjects), 3, "SlowDown",
       false},
      {"a listing page claims more but has no token", Always(Fault::kTruncatedNoToken, RequestKind::kListObjects), 1,
       "NextContinuationToken", false},
      {"listing bodies are cut short", Always(Fault::kTruncatedBody, RequestKind::kListObjects), 1, "cannot reach",
       false},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    ScopedBucket bucket(server, "faults");
    Seed(bucket, 4, 20);
    const auto before = AwsListKeys(server, bucket.name());
    const std::string target = "s3://" + bucket.name() + "/";
    const std::map<std::string, std::string> env = {{"AWS_ACCESS_KEY_ID", server.access_key_id},
                                                    {"AWS_SECRET_ACCESS_KEY", server.secret_access_key}};
    {
      FaultProxy proxy(server.endpoint, {c.rule}, kSeed);
      const auto run = RunProcess({S3pruneBinary(), "apply", target, "--keep-last", "2", "--yes", "--max-attempts", "2",
                                   "--endpoint-url", proxy.endpoint()},
                                  env);
      EXPECT_EQ(run.exit_code, c.exit_code) << Describe(run);
      EXPECT_NE((run.out + run.err).find(c.says), std::string::npos) << Describe(run);
      const auto left = AwsListKeys(server, bucket.name());
      EXPECT_EQ(KeysOutside(left, {"d01/", "d02/"}), KeysOutside(before, {"d01/", "d02/"})) << "kept ones untouched";
      if (!c.deletes_something) {
        EXPECT_EQ(left, before);
      }
      if (c.exit_code == 3) {
        EXPECT_NE(run.out.find("failed: d01/"), std::string::npos) << Describe(run);
      }
    }
    const auto again = RunS3prune(server, {"apply", target, "--keep-last", "2", "--yes"});
    EXPECT_EQ(again.exit_code, 0) << Describe(again);
    EXPECT_EQ(KeysOutside(AwsListKeys(server, bucket.name()), {"d03/", "d04/"}), std::vector<std::string>{});
  }
}

}  // namespace
}  // namespace s3prune::testing
