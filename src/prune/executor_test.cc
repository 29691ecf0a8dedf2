// ExecuteDeletion against an in-memory bucket: which keys go out in which DeleteObjects
// batches, and what the result says when the server misbehaves in ways a real one cannot be
// made to on demand (per-key <Error> entries, a whole batch refused, page two of a listing
// failing on every retry, an upload that vanished before its abort). Deleting from a real
// server is tested in tests/integration/cli_apply_test.cc.
#include "prune/executor.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "prune/executor_test_fixtures.h"
#include "prune/snapshot_check.h"
#include "s3/core/timestamp.h"
#include "testing/fake_bucket.h"

namespace s3prune::prune {
namespace {

using namespace executor_test;

TEST(ExecuteDeletion, PacksEveryDoomedObjectIntoFullBatchesAndNoKeptOne) {
  // "a-b" sorts inside the listing range of "a", "c-1" inside that of "c": both are kept.
  const std::vector<std::string> doomed_ids = {"a", "c", "e"};
  const std::vector<std::string> kept_ids = {"a-b", "b", "c-1"};
  for (std::size_t concurrency : {1u, 3u, 8u}) {
    FakeBucket bucket(kBucket);
    PutDeployments(bucket, doomed_ids, 400);
    PutDeployments(bucket, kept_ids, 5);
    bucket.Put("www/index.html", 1, kLongAgo);
    bucket.set_page_size(300);
    FakeBucketClient s3(bucket);
    const auto result = ExecuteDeletion(s3.client(), Doomed(doomed_ids, 400), Request(concurrency));

    std::vector<std::size_t> sizes;
    std::multiset<std::string> sent;
    for (const auto& batch : bucket.DeleteBatches()) {
      sizes.push_back(batch.size());
      for (const auto& object : batch) sent.insert(object.key);
    }
    std::ranges::sort(sizes);
    EXPECT_EQ(sizes, (std::vector<std::size_t>{200, 1000})) << "concurrency " << concurrency;
    std::multiset<std::string> expected;
    for (const auto& id : doomed_ids) {
      for (int i = 0; i < 400; ++i) expected.insert(KeyOf(id, i));
    }
    EXPECT_TRUE(sent == expected) << "concurrency " << concurrency << ": " << sent.size() << " keys sent";
    std::vector<std::string> left;
    for (const auto& id : kept_ids) {
      for (int i = 0; i < 5; ++i) left.push_back(KeyOf(id, i));
    }
    left.push_back("www/index.html");
    std::ranges::sort(left);
    EXPECT_EQ(bucket.CurrentKeys(), left) << "concurrency " << concurrency;

    ASSERT_EQ(result.deployments.size(), 3u);
    for (std::size_t i = 0; i < doomed_ids.size(); ++i) {
      const auto& outcome = result.deployments[i];
      EXPECT_EQ(outcome.id, doomed_ids[i]) << "outcomes keep the order given";
      EXPECT_EQ(outcome.objects_deleted, 400u) << outcome.id << ", concurrency " << concurrency;
      EXPECT_EQ(outcome.versions_deleted, 0u) << outcome.id;
      EXPECT_EQ(outcome.bytes_deleted, 4000u) << outcome.id;
      EXPECT_EQ(Describe(outcome.failures), "") << outcome.id;
    }
    EXPECT_TRUE(result.Complete()) << "concurrency " << concurrency;
  }
}

TEST(ExecuteDeletion, PerKeyErrorsAreFailuresOfTheirOwnDeployment) {
  FakeBucket bucket(kBucket);
  PutDeployments(bucket, {"a", "c"}, 10);
  bucket.FailDeleteOf(KeyOf("a", 7), "AccessDenied");
  bucket.FailDeleteOf(KeyOf("c", 3), "InternalError");
  bucket.FailDeleteOf(KeyOf("c", 4), "AccessDenied");
  FakeBucketClient s3(bucket);
  const auto result = ExecuteDeletion(s3.client(), Doomed({"a", "c"}, 10), Request(2));

  EXPECT_EQ(Describe(OutcomeOf(result, "a").failures), "[www/a/7 AccessDenied]");
  EXPECT_EQ(Describe(OutcomeOf(result, "c").failures), "[www/c/3 InternalError][www/c/4 AccessDenied]");
  EXPECT_EQ(OutcomeOf(result, "a").objects_deleted, 9u);
  EXPECT_EQ(OutcomeOf(result, "c").objects_deleted, 8u);
  EXPECT_EQ(OutcomeOf(result, "c").bytes_deleted, 80u);
  EXPECT_FALSE(result.Complete());
  EXPECT_EQ(bucket.CurrentKeys(), (std::vector<std::string>{"www/a/7", "www/c/3", "www/c/4"}));
}

struct BatchFault {
  const char* name;
  s3::fake::TransportReply reply;
  std::string code;       // the code every key of the refused batch fails with
  std::size_t attempts;   // DeleteObjects requests for that batch
};

TEST(ExecuteDeletion, ARefusedBatchFailsEveryKeyInItAndOnlyThose) {
  const std::vector<BatchFault> faults = {
      {"403 AccessDenied", Reply(403, ErrorXml("AccessDenied", "denied")), "AccessDenied", 1},
      {"500 on every retry", Reply(500, ErrorXml("InternalError", "boom")), "InternalError", 3},
  };
  for (const auto& fault : faults) {
    FakeBucket bucket(kBucket);
    PutDeployments(bucket, {"a", "c", "e"}, 400);
    bucket.AddRule(IsOperation(Operation::kDeleteObjects), fault.reply, static_cast<int>(fault.attempts));
    FakeBucketClient s3(bucket);
    // One delete worker: the retries of the first batch must not meet the second batch.
    const auto result = ExecuteDeletion(s3.client(), Doomed({"a", "c", "e"}, 400), Request(1));

    const auto batches = bucket.DeleteBatches();
    ASSERT_EQ(batches.size(), fault.attempts + 1) << fault.name;
    const std::size_t refused_count = batches.front().size();
    EXPECT_EQ(refused_count, 1000u) << fault.name << ": the full batch goes first";
    std::set<std::string> refused;
    for (const auto& object : batches.front()) refused.insert(object.key);
    std::uint64_t deleted = 0;
    for (const auto& outcome : result.deployments) {
      deleted += outcome.objects_deleted;
      for (const auto& failure : outcome.failures) {
        EXPECT_EQ(failure.code, fault.code) << fault.name << ": " << failure.object.key;
        EXPECT_TRUE(refused.contains(failure.object.key)) << fault.name << ": " << failure.object.key;
        EXPECT_TRUE(failure.object.key.starts_with(std::string(kPrefix) + outcome.id + "/"))
            << fault.name << ": " << failure.object.key << " filed under " << outcome.id;
        refused.erase(failure.object.key);
      }
    }
    EXPECT_TRUE(refused.empty()) << fault.name << ": " << refused.size() << " keys of the refused batch not reported";
    EXPECT_EQ(deleted, 1200u - refused_count) << fault.name;
    EXPECT_EQ(bucket.CurrentKeys().size(), refused_count) << fault.name;
    EXPECT_FALSE(result.Complete()) << fault.name;
  }
}

TEST(ExecuteDeletion, AListingErrorStopsOnlyItsRangeAndIsReported) {
  FakeBucket bucket(kBucket);
  PutDeployments(bucket, {"a", "b", "c", "d"}, 6);
  bucket.set_page_size(2);
  bucket.AddRule(ContinuesInside("www/b/"), Reply(500, ErrorXml("InternalError", "boom")));
  FakeBucketClient s3(bucket);
  // Eight workers list in two streams (one per four delete workers); equal weights make the
  // ranges {a, b} and {c, d}.
  const auto result = ExecuteDeletion(s3.client(), Doomed({"a", "b", "c", "d"}, 6), Request(8));

  // "a" was listed whole before the listing failed inside "b": it goes; "b" is left whole.
  EXPECT_FALSE(OutcomeOf(result, "a").listing_error.has_value());
  EXPECT_EQ(OutcomeOf(result, "a").objects_deleted, 6u);
  ASSERT_TRUE(OutcomeOf(result, "b").listing_error.has_value());
  EXPECT_EQ(OutcomeOf(result, "b").listing_error->code, s3::ErrorCode::kServerError);
  for (const char* id : {"c", "d"}) {
    const auto& outcome = OutcomeOf(result, id);
    EXPECT_FALSE(outcome.listing_error.has_value()) << id << ": " << outcome.listing_error->message;
    EXPECT_EQ(outcome.objects_deleted, 6u) << id << " is in the other range, which must complete";
  }
  EXPECT_EQ(OutcomeOf(result, "b").objects_deleted, 0u);
  EXPECT_EQ(KeysUnder(bucket, "www/b/").size(), 6u);
  EXPECT_FALSE(result.Complete());
  EXPECT_EQ(s3.SleepCount(), 2u) << "the failing page is tried three times";
}

struct UploadCase {
  const char* name;
  std::function<bool(const ParsedRequest&)> match;  // requests answered by `reply`
  s3::fake::TransportReply reply;
  std::vector<std::string> failed;  // keys whose abort should fail
  bool listing_fails = false;
  bool complete = true;
};

TEST(ExecuteDeletion, AbortsUploadsUnderDoomedPrefixesOnly) {
  auto abort_of = [](std::string key) {
    return [key](const ParsedRequest& r) { return r.operation == Operation::kAbortUpload && r.key == key; };
  };
  const std::vector<UploadCase> cases = {
      {"all aborted", [](const ParsedRequest&) { return false; }, Reply(200), {}},
      {"404 NoSuchUpload counts as aborted", abort_of("www/a/big.bin"),
       Reply(404, ErrorXml("NoSuchUpload", "gone")), {}},
      {"403 on one abort", abort_of("www/a/big.bin"), Reply(403, ErrorXml("AccessDenied", "denied")),
       {"www/a/big.bin"}, false, false},
      {"upload listing fails", IsOperation(Operation::kListUploads), Reply(403, ErrorXml("AccessDenied", "denied")),
       {}, true, false},
  };
  for (const auto& c : cases) {
    FakeBucket bucket(kBucket);
    PutDeployments(bucket, {"a", "a-b", "c"}, 2);
    bucket.AddUpload("www/a/big.bin", "u1");
    bucket.AddUpload("www/a/more/huge.iso", "u2");
    bucket.AddUpload("www/a-b/big.bin", "kept1");
    bucket.AddUpload("www/b/big.bin", "kept2");
    bucket.AddUpload("www/c.bin", "root");
    bucket.AddRule(c.match, c.reply);
    FakeBucketClient s3(bucket);
    const auto result = ExecuteDeletion(s3.client(), Doomed({"a", "c"}, 2), Request(2));

    std::set<std::string> aborted_keys;
    for (const auto& request : bucket.Requests(Operation::kAbortUpload)) aborted_keys.insert(request.key);
    const std::set<std::string> expected_aborts =
        c.listing_fails ? std::set<std::string>{} : std::set<std::string>{"www/a/big.bin", "www/a/more/huge.iso"};
    EXPECT_EQ(aborted_keys, expected_aborts) << c.name;
    std::vector<std::string> failed;
    for (const auto& upload : result.uploads) {
      if (upload.error) failed.push_back(upload.key);
    }
    EXPECT_EQ(failed, c.failed) << c.name;
    EXPECT_EQ(result.upload_listing_error.has_value(), c.listing_fails) << c.name;
    EXPECT_EQ(result.Complete(), c.complete) << c.name;
    const auto left = bucket.UploadIds();
    for (const char* kept : {"kept1", "kept2", "root"}) {
      EXPECT_NE(std::ranges::find(left, kept), left.end()) << c.name << ": upload " << kept << " was aborted";
    }
  }
}

// <Initiated> is whole seconds on some stores (OpenStack Swift rounds it up, as its
// LastModified): an upload begun in the plan's own second may be dated up to a second after
// the plan. As for objects (snapshot_check.h), only a date at least kTimestampGranularity
// after the plan means the upload began after it and stays.
TEST(ExecuteDeletion, AnUploadDatedWithinTheGranularityAfterThePlanIsAbortedALaterOneStays) {
  const s3::Timestamp plan_time = kLongAgo + std::chrono::days(1) + std::chrono::milliseconds(300);
  FakeBucket bucket(kBucket);
  PutDeployments(bucket, {"a"}, 1);
  const auto upload = [](const std::string& key, const std::string& id, s3::Timestamp initiated) {
    return "<Upload><Key>" + key + "</Key><UploadId>" + id + "</UploadId><Initiated>" + s3::FormatTimestamp(initiated) +
           "</Initiated></Upload>";
  };
  bucket.AddRule(IsOperation(Operation::kListUploads),
                 Reply(200, "<ListMultipartUploadsResult><IsTruncated>false</IsTruncated>" +
                                upload("www/a/same-second.bin", "u1", std::chrono::ceil<std::chrono::seconds>(plan_time)) +
                                upload("www/a/later.bin", "u2", plan_time + kTimestampGranularity) +
                                "</ListMultipartUploadsResult>"));
  FakeBucketClient s3(bucket);
  ExecutionRequest request = Request(1);
  request.snapshot_time = plan_time;
  ExecuteDeletion(s3.client(), Doomed({"a"}, 1), request);
  std::set<std::string> aborted;
  for (const auto& abort : bucket.Requests(Operation::kAbortUpload)) aborted.insert(abort.Param("uploadId"));
  EXPECT_EQ(aborted, std::set<std::string>{"u1"});
}

TEST(ExecuteDeletion, AllVersionsDeletesEveryVersionByIdAndCountsThemApart) {
  FakeBucket bucket(kBucket);
  bucket.SetVersioning(s3::VersioningStatus::kEnabled);
  bucket.Put("www/a/x", 100, kLongAgo);
  bucket.Put("www/a/x", 200, kLongAgo);  // current; the first is now noncurrent
  bucket.Put("www/a/y", 30, kLongAgo);
  bucket.PutDeleteMarker("www/a/y", kLongAgo);
  bucket.Put("www/a-b/x", 5, kLongAgo);  // kept, in the range of "a"
  bucket.Put("www/a-b/x", 6, kLongAgo);
  bucket.set_page_size(2);
  std::set<std::pair<std::string, std::string>> expected;
  for (const char* key : {"www/a/x", "www/a/y"}) {
    for (const auto& id : bucket.VersionIds(key)) expected.emplace(key, id);
  }
  ASSERT_EQ(expected.size(), 4u);
  FakeBucketClient s3(bucket);
  policy::Deployment a{.id = "a", .objects = 1, .bytes = 200, .noncurrent_versions = 3, .noncurrent_bytes = 130};
  const auto result = ExecuteDeletion(s3.client(), {a}, Request(2, ListingMode::kAllVersions));

  std::set<std::pair<std::string, std::string>> sent;
  for (const auto& batch : bucket.DeleteBatches()) {
    for (const auto& object : batch) {
      EXPECT_FALSE(object.version_id.empty()) << object.key << " deleted without a version id";
      sent.emplace(object.key, object.version_id);
    }
  }
  EXPECT_EQ(sent, expected);
  ASSERT_EQ(result.deployments.size(), 1u);
  EXPECT_EQ(result.deployments[0].objects_deleted, 1u);
  EXPECT_EQ(result.deployments[0].versions_deleted, 3u);
  EXPECT_EQ(result.deployments[0].bytes_deleted, 330u);
  EXPECT_TRUE(result.Complete());
  EXPECT_TRUE(bucket.VersionIds("www/a/x").empty()) << "a version was left behind";
  EXPECT_TRUE(bucket.VersionIds("www/a/y").empty()) << "a version or marker was left behind";
  EXPECT_EQ(bucket.VersionIds("www/a-b/x").size(), 2u) << "versions of a kept deployment were deleted";
}

// A deployment written to after the plan is left whole, whichever way the write shows: an
// entry newer than the plan's time, or more entries than the plan counted (a multipart
// upload completed after the plan carries the time it was started).
TEST(ExecuteDeletion, ADeploymentChangedSinceThePlanIsLeftWhole) {
  const s3::Timestamp plan_time = kLongAgo + std::chrono::days(1);
  for (std::size_t concurrency : {1u, 4u}) {
    FakeBucket bucket(kBucket);
    PutDeployments(bucket, {"a", "b", "c", "d"}, 4);
    bucket.Put(KeyOf("b", 99), 10, plan_time + std::chrono::seconds(1));  // uploaded while the prompt waited
    bucket.Put(KeyOf("c", 99), 10, kLongAgo);                              // the plan counted 4
    bucket.set_page_size(3);
    FakeBucketClient s3(bucket);
    ExecutionRequest request = Request(concurrency);
    request.snapshot_time = plan_time;
    const auto result = ExecuteDeletion(s3.client(), Doomed({"a", "b", "c", "d"}, 4), request);

    EXPECT_EQ(OutcomeOf(result, "a").objects_deleted, 4u);
    EXPECT_EQ(OutcomeOf(result, "d").objects_deleted, 4u);
    EXPECT_NE(OutcomeOf(result, "b").changed_since_plan.find("1 object written after the plan"), std::string::npos)
        << OutcomeOf(result, "b").changed_since_plan;
    EXPECT_EQ(OutcomeOf(result, "c").changed_since_plan, "5 objects now, the plan saw 4");
    EXPECT_EQ(KeysUnder(bucket, "www/b/").size(), 5u);
    EXPECT_EQ(KeysUnder(bucket, "www/c/").size(), 5u);
    EXPECT_TRUE(KeysUnder(bucket, "www/a/").empty());
    EXPECT_FALSE(result.Complete());
    std::uint64_t sent = 0;
    for (const auto& batch : bucket.DeleteBatches()) sent += batch.size();
    EXPECT_EQ(sent, 8u) << "never more than the plan showed";
  }
}

TEST(StateOf, ChangedThenInterruptedThenFailedThenAlreadyGoneElseDeleted) {
  const struct {
    const char* name;
    std::uint64_t objects_deleted;
    std::uint64_t versions_deleted;
    bool key_failed;     // a per-key <Error>
    bool listing_error;  // its listing stopped
    bool changed;        // written to since the plan
    bool interrupted;
    DeploymentState state;
  } cases[] = {
      {"objects deleted", 3, 0, false, false, false, false, DeploymentState::kDeleted},
      {"only old versions deleted", 0, 2, false, false, false, false, DeploymentState::kDeleted},
      {"nothing deleted, nothing wrong", 0, 0, false, false, false, false, DeploymentState::kAlreadyGone},
      {"a per-key failure", 2, 0, true, false, false, false, DeploymentState::kFailed},
      {"a per-key failure, nothing deleted", 0, 0, true, false, false, false, DeploymentState::kFailed},
      {"its listing stopped", 0, 0, false, true, false, false, DeploymentState::kFailed},
      {"interrupted", 1, 0, false, false, false, true, DeploymentState::kInterrupted},
      {"interrupted after a failure", 0, 0, true, true, false, true, DeploymentState::kInterrupted},
      {"changed since the plan", 0, 0, false, false, true, false, DeploymentState::kChangedSincePlan},
      {"changed, failed and interrupted", 0, 0, true, true, true, true, DeploymentState::kChangedSincePlan},
  };
  for (const auto& c : cases) {
    DeploymentOutcome outcome;
    outcome.id = "d1";
    outcome.objects_deleted = c.objects_deleted;
    outcome.versions_deleted = c.versions_deleted;
    if (c.key_failed) outcome.failures.push_back({{"www/d1/0", ""}, "AccessDenied", "denied"});
    if (c.listing_error) outcome.listing_error = s3::MakeError(s3::ErrorCode::kServerError, "500");
    if (c.changed) outcome.changed_since_plan = "1 object written after the plan";
    outcome.interrupted = c.interrupted;
    EXPECT_EQ(StateOf(outcome), c.state) << c.name;
  }
}

}  // namespace
}  // namespace s3prune::prune
