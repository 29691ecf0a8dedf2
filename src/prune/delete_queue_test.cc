#include "prune/delete_queue.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <thread>

namespace s3prune::prune {
namespace {

std::vector<DoomedObject> Objects(int count, std::size_t deployment) {
  std::vector<DoomedObject> objects;
  for (int i = 0; i < count; ++i) {
    objects.push_back({{"k" + std::to_string(deployment) + "-" + std::to_string(i), ""}, 1, deployment, true});
  }
  return objects;
}

TEST(DeleteQueue, PacksAcrossDeploymentsIntoFullBatches) {
  DeleteQueue queue(10, 4);
  queue.Add(Objects(3, 0));
  queue.Add(Objects(3, 1));
  queue.Add(Objects(3, 2));
  queue.Close();
  std::vector<std::size_t> sizes;
  while (auto batch = queue.Take()) sizes.push_back(batch->size());
  EXPECT_EQ(sizes, (std::vector<std::size_t>{4, 4, 1}));
}

TEST(DeleteQueue, EveryObjectComesOutOnce) {
  DeleteQueue queue(2, 1000);
  std::size_t taken = 0;
  std::jthread consumer([&] {
    while (auto batch = queue.Take()) taken += batch->size();
  });
  for (int page = 0; page < 25; ++page) queue.Add(Objects(700, page));
  queue.Close();
  consumer.join();
  EXPECT_EQ(taken, 25u * 700u);
}

// Several listing workers adding while the queue is full: a full batch waits for room, and
// the others must wait too rather than add to it (S3 refuses a batch of more than 1000).
TEST(DeleteQueue, BatchesNeverExceedTheSizeWithManyProducers) {
  DeleteQueue queue(1, 4);
  std::size_t taken = 0;
  std::size_t largest = 0;
  std::jthread consumer([&] {
    while (auto batch = queue.Take()) {
      taken += batch->size();
      largest = std::max(largest, batch->size());
    }
  });
  {
    std::vector<std::jthread> producers;
    for (std::size_t p = 0; p < 8; ++p) {
      producers.emplace_back([&queue, p] {
        for (int page = 0; page < 200; ++page) queue.Add(Objects(3, p));
      });
    }
  }
  queue.Close();
  consumer.join();
  EXPECT_EQ(taken, 8u * 200u * 3u);
  EXPECT_LE(largest, 4u);
}

TEST(DeleteQueue, TakeReturnsNothingOnceClosedAndEmpty) {
  DeleteQueue queue(1);
  queue.Close();
  EXPECT_FALSE(queue.Take().has_value());
}

}  // namespace
}  // namespace s3prune::prune
