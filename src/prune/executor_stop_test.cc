// ExecuteDeletion when the run is stopped or a worker throws: a stop request (Ctrl-C,
// SIGTERM) sends no new batch, an exception inside a worker is an error value; and the pool
// and edge helpers behind both (prune/parallel.h). Against the in-memory bucket.
#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>

#include "prune/executor.h"
#include "prune/executor_test_fixtures.h"
#include "prune/parallel.h"

namespace s3prune::prune {
namespace {

using namespace executor_test;

// Ctrl-C after the first batch: the batch in flight finishes, no other is sent, nothing is
// listed further, no upload is aborted, and each deployment not deleted whole says so.
TEST(ExecuteDeletion, AStopRequestSendsNoNewBatchAndSaysWhatWasNotDone) {
  FakeBucket bucket(kBucket);
  PutDeployments(bucket, {"a", "b", "c"}, 700);
  bucket.AddUpload("www/c/big.bin", "u1");
  bucket.set_page_size(100);
  FakeBucketClient s3(bucket);
  bool stop = false;
  std::vector<DeletedEntry> logged;
  ExecutionRequest request = Request(1);
  request.objects_per_range = 100'000;  // one range: the listing is still under way at the stop
  request.should_stop = [&] { return stop; };
  request.on_deleted = [&](const std::vector<DeletedEntry>& entries) {
    logged.insert(logged.end(), entries.begin(), entries.end());
    stop = true;  // the signal arrives while the first batch is in flight
  };
  const auto result = ExecuteDeletion(s3.client(), Doomed({"a", "b", "c"}, 700), request);

  ASSERT_EQ(bucket.DeleteBatches().size(), 1u);
  EXPECT_EQ(bucket.DeleteBatches()[0].size(), 1000u);
  EXPECT_EQ(logged.size(), 1000u) << "every deleted entry is reported, none that was not";
  EXPECT_EQ(logged.front().deployment, "a");
  EXPECT_EQ(KeysUnder(bucket, "www/").size(), 2100u - 1000u);
  EXPECT_TRUE(result.interrupted);
  EXPECT_FALSE(result.Complete());
  EXPECT_FALSE(OutcomeOf(result, "a").interrupted) << "a was deleted whole";
  EXPECT_EQ(OutcomeOf(result, "a").objects_deleted, 700u);
  EXPECT_TRUE(OutcomeOf(result, "b").interrupted);
  EXPECT_EQ(OutcomeOf(result, "b").objects_deleted, 300u);
  EXPECT_TRUE(OutcomeOf(result, "c").interrupted);
  EXPECT_EQ(OutcomeOf(result, "c").objects_deleted, 0u);
  EXPECT_TRUE(bucket.Requests(Operation::kAbortUpload).empty());
  EXPECT_EQ(bucket.UploadIds(), std::vector<std::string>{"u1"});
}


// A throw inside a worker (in the request path of a delete batch, or of a listing page) is
// an error value in the result: no std::terminate, no hang with one worker, and nothing
// counted as deleted that was not.
TEST(ExecuteDeletion, AnExceptionInAWorkerIsAnErrorNotACrashOrAHang) {
  for (std::size_t concurrency : {1u, 4u}) {
    FakeBucket bucket(kBucket);
    PutDeployments(bucket, {"a", "b"}, 30);
    bucket.ThrowOn(IsOperation(Operation::kDeleteObjects), "digest refused");
    FakeBucketClient s3(bucket);
    const auto result = ExecuteDeletion(s3.client(), Doomed({"a", "b"}, 30), Request(concurrency));
    EXPECT_FALSE(result.Complete()) << concurrency;
    std::size_t failed = 0;
    for (const auto& outcome : result.deployments) {
      EXPECT_EQ(outcome.objects_deleted, 0u) << outcome.id;
      for (const auto& failure : outcome.failures) {
        EXPECT_EQ(failure.code, "internal") << concurrency;
        EXPECT_NE(failure.message.find("digest refused"), std::string::npos) << failure.message;
        ++failed;
      }
    }
    EXPECT_EQ(failed, 60u) << "concurrency " << concurrency;
    EXPECT_EQ(bucket.CurrentKeys().size(), 60u);
  }
  for (std::size_t concurrency : {1u, 4u}) {
    FakeBucket bucket(kBucket);
    PutDeployments(bucket, {"a", "b"}, 30);
    bucket.ThrowOn(IsOperation(Operation::kListObjects), "out of memory");
    FakeBucketClient s3(bucket);
    const auto result = ExecuteDeletion(s3.client(), Doomed({"a", "b"}, 30), Request(concurrency));
    for (const auto& outcome : result.deployments) {
      ASSERT_TRUE(outcome.listing_error.has_value()) << outcome.id;
      EXPECT_EQ(outcome.listing_error->code, s3::ErrorCode::kInternal);
    }
    EXPECT_EQ(bucket.CurrentKeys().size(), 60u) << "a deployment not listed to the end is left whole";
  }
}

TEST(RunParallel, AThrowingTaskLetsTheOthersRunAndIsRethrownAfterwards) {
  for (std::size_t workers : {1u, 3u}) {
    std::atomic<int> ran{0};
    EXPECT_THROW(RunParallel(10, workers,
                             [&](std::size_t i) {
                               ++ran;
                               if (i == 2) throw std::runtime_error("boom");
                             }),
                 std::runtime_error);
    EXPECT_EQ(ran.load(), 10) << workers;
  }
}

TEST(CatchAsError, AThrowBecomesAnInternalErrorValue) {
  EXPECT_FALSE(CatchAsError([] {}).has_value());
  const auto error = CatchAsError([] { throw std::runtime_error("no digest"); });
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->code, s3::ErrorCode::kInternal);
  EXPECT_NE(error->message.find("no digest"), std::string::npos);
}


}  // namespace
}  // namespace s3prune::prune
