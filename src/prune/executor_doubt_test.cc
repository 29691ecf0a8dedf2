// ExecuteDeletion when a delete ends without an answer (issue 22, case 1): OpenStack Swift
// answers a 1,000-key DeleteObjects only once every key is gone and goes on after the client
// hangs up, so a timed-out batch may be done, in part, or not at all. Its keys are listed
// again: the gone ones are deleted (counted, in --log-deleted), the others sent again in
// smaller batches; when even the listing fails they are "outcome unknown", never deleted or
// failed. The fake bucket carries out a delete and then times out, as such a server does.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "prune/executor.h"
#include "prune/executor_test_fixtures.h"
#include "testing/fake_bucket.h"

namespace s3prune::prune {
namespace {

using namespace executor_test;

std::vector<std::size_t> BatchSizes(const FakeBucket& bucket) {
  std::vector<std::size_t> sizes;
  for (const auto& batch : bucket.DeleteBatches()) sizes.push_back(batch.size());
  return sizes;
}

struct Recorded {
  std::vector<DeletedEntry> logged;
  std::vector<std::string> notes;
};

ExecutionRequest Recording(ExecutionRequest request, Recorded& recorded) {
  request.on_deleted = [&recorded](const std::vector<DeletedEntry>& entries) {
    recorded.logged.insert(recorded.logged.end(), entries.begin(), entries.end());
  };
  request.note = [&recorded](const std::string& note) { recorded.notes.push_back(note); };
  return request;
}

bool Mentions(const std::vector<std::string>& notes, std::string_view text) {
  return std::ranges::any_of(notes, [&](const std::string& note) { return note.find(text) != std::string::npos; });
}

TEST(ExecuteDeletion, ADeleteThatTimedOutAfterTheStoreDeletedIsReportedDeletedAndLogged) {
  struct Case {
    const char* name;
    s3::VersioningStatus versioning;
    ListingMode mode;
  };
  const Case cases[] = {
      {"unversioned bucket", s3::VersioningStatus::kNeverEnabled, ListingMode::kCurrentObjects},
      {"versioned bucket without --versions (a delete marker goes on top)", s3::VersioningStatus::kEnabled,
       ListingMode::kCurrentObjects},
      {"versioned bucket with --versions (by version id)", s3::VersioningStatus::kEnabled, ListingMode::kAllVersions},
  };
  for (const auto& c : cases) {
    FakeBucket bucket(kBucket);
    bucket.SetVersioning(c.versioning);
    PutDeployments(bucket, {"a", "c", "e"}, 400);
    bucket.Put("www/keep/0", 10, kLongAgo);
    bucket.AddRuleAfterServing(IsOperation(Operation::kDeleteObjects),
                               s3::fake::Failure(s3::TransportFailure::kTimeout, "no reply in 60 s"));
    FakeBucketClient s3(bucket);
    Recorded recorded;
    const auto result = ExecuteDeletion(s3.client(), Doomed({"a", "c", "e"}, 400), Recording(Request(1, c.mode), recorded));

    std::uint64_t deleted = 0;
    for (const auto& outcome : result.deployments) {
      deleted += outcome.objects_deleted;
      EXPECT_EQ(Describe(outcome.failures), "") << c.name << ": " << outcome.id;
      EXPECT_EQ(Describe(outcome.outcome_unknown), "") << c.name << ": " << outcome.id;
      EXPECT_EQ(outcome.state, DeploymentState::kDeleted) << c.name << ": " << outcome.id;
    }
    EXPECT_EQ(deleted, 1200u) << c.name;
    EXPECT_EQ(recorded.logged.size(), 1200u) << c.name << ": --log-deleted lists what is gone";
    EXPECT_TRUE(result.Complete()) << c.name;
    EXPECT_EQ(KeysUnder(bucket, "www/"), (std::vector<std::string>{"www/keep/0"})) << c.name;
    EXPECT_EQ(BatchSizes(bucket), (std::vector<std::size_t>{1000, 200})) << c.name << ": none sent twice";
    EXPECT_TRUE(Mentions(recorded.notes, "batches of 500 keys from now on")) << c.name;
  }
}

TEST(ExecuteDeletion, KeysStillThereAfterATimeoutAreSentAgainInSmallerBatches) {
  FakeBucket bucket(kBucket);
  PutDeployments(bucket, {"a"}, 1000);
  // The store did nothing: the timeout came before it began.
  bucket.AddRule(IsOperation(Operation::kDeleteObjects), s3::fake::Failure(s3::TransportFailure::kTimeout, "no reply"), 1);
  FakeBucketClient s3(bucket);
  Recorded recorded;
  const auto result = ExecuteDeletion(s3.client(), Doomed({"a"}, 1000), Recording(Request(1), recorded));

  EXPECT_EQ(BatchSizes(bucket), (std::vector<std::size_t>{1000, 500, 500}));
  EXPECT_EQ(OutcomeOf(result, "a").objects_deleted, 1000u);
  EXPECT_EQ(recorded.logged.size(), 1000u);
  EXPECT_TRUE(result.Complete());
  EXPECT_TRUE(Mentions(recorded.notes, "1000 still there"));
}

TEST(ExecuteDeletion, ADroppedConnectionOnEveryRetryIsListedAgainAndSentAgain) {
  FakeBucket bucket(kBucket);
  PutDeployments(bucket, {"a", "c", "e"}, 400);
  // Three attempts of the first batch, the store doing nothing each time.
  bucket.AddRule(IsOperation(Operation::kDeleteObjects), s3::fake::Failure(s3::TransportFailure::kConnectionLost, "reset"), 3);
  FakeBucketClient s3(bucket);
  Recorded recorded;
  const auto result = ExecuteDeletion(s3.client(), Doomed({"a", "c", "e"}, 400), Recording(Request(1), recorded));

  EXPECT_EQ(BatchSizes(bucket), (std::vector<std::size_t>{1000, 1000, 1000, 1000, 200}))
      << "not a timeout: the batch size stays";
  EXPECT_EQ(recorded.logged.size(), 1200u);
  EXPECT_TRUE(result.Complete());
  EXPECT_TRUE(KeysUnder(bucket, "www/").empty());
}

TEST(ExecuteDeletion, KeysNobodyCouldLookAtAreReportedAsOutcomeUnknownNeitherDeletedNorFailed) {
  FakeBucket bucket(kBucket);
  PutDeployments(bucket, {"a"}, 1000);
  auto deleted_once = std::make_shared<bool>(false);
  bucket.AddRuleAfterServing(
      [deleted_once](const ParsedRequest& request) {
        if (request.operation != Operation::kDeleteObjects) return false;
        *deleted_once = true;
        return true;
      },
      s3::fake::Failure(s3::TransportFailure::kTimeout, "no reply in 60 s"));
  bucket.AddRule([deleted_once](const ParsedRequest& request) {
    return *deleted_once && request.operation == Operation::kListObjects;
  }, Reply(500, ErrorXml("InternalError", "listing down")));
  FakeBucketClient s3(bucket);
  Recorded recorded;
  const auto result = ExecuteDeletion(s3.client(), Doomed({"a"}, 1000), Recording(Request(1), recorded));

  const DeploymentOutcome& a = OutcomeOf(result, "a");
  EXPECT_EQ(a.outcome_unknown.size(), 1000u);
  EXPECT_EQ(Describe(a.failures), "") << "an unknown outcome is no failure";
  EXPECT_EQ(a.objects_deleted, 0u) << "nor a delete";
  EXPECT_TRUE(recorded.logged.empty()) << "--log-deleted holds only what is known gone";
  EXPECT_EQ(a.state, DeploymentState::kOutcomeUnknown);
  EXPECT_FALSE(result.Complete());
  ASSERT_FALSE(a.outcome_unknown.empty());
  EXPECT_EQ(a.outcome_unknown[0].code, "timeout");
  EXPECT_NE(a.outcome_unknown[0].message.find("listing the keys again failed"), std::string::npos)
      << a.outcome_unknown[0].message;
}

TEST(StateOf, AnOutcomeUnknownIsNeitherDeletedNorFailedAndFailuresAndStopsComeFirst) {
  DeploymentOutcome outcome;
  outcome.id = "d1";
  outcome.objects_deleted = 5;
  outcome.outcome_unknown.push_back({{"www/d1/0", ""}, "timeout", "no reply; listing the keys again failed"});
  EXPECT_EQ(StateOf(outcome), DeploymentState::kOutcomeUnknown);
  outcome.failures.push_back({{"www/d1/1", ""}, "AccessDenied", "denied"});
  EXPECT_EQ(StateOf(outcome), DeploymentState::kFailed);
  outcome.interrupted = true;
  EXPECT_EQ(StateOf(outcome), DeploymentState::kInterrupted);
}

}  // namespace
}  // namespace s3prune::prune
