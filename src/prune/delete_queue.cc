#include "prune/delete_queue.h"

namespace s3prune::prune {

void DeleteQueue::Add(std::vector<DoomedObject>&& objects) {
  std::unique_lock lock(mutex_);
  for (auto& object : objects) {
    // A full batch waiting for room below must not grow while the lock is released there:
    // S3 refuses a DeleteObjects request of more than 1000 keys (MalformedXML).
    filling_has_room_.wait(lock, [&] { return filling_.size() < batch_size_; });
    filling_.push_back(std::move(object));
    if (filling_.size() < batch_size_) continue;
    has_room_.wait(lock, [&] { return ready_.size() < max_batches_; });
    ready_.push_back(std::move(filling_));
    filling_ = {};
    has_batch_.notify_one();
    filling_has_room_.notify_all();
  }
}

void DeleteQueue::Close() {
  std::lock_guard lock(mutex_);
  if (!filling_.empty()) {
    ready_.push_back(std::move(filling_));
    filling_ = {};
  }
  closed_ = true;
  has_batch_.notify_all();
}

std::optional<DeleteBatch> DeleteQueue::Take() {
  std::unique_lock lock(mutex_);
  has_batch_.wait(lock, [&] { return !ready_.empty() || closed_; });
  if (ready_.empty()) return std::nullopt;
  DeleteBatch batch = std::move(ready_.front());
  ready_.pop_front();
  has_room_.notify_one();
  return batch;
}

}  // namespace s3prune::prune
