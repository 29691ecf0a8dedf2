// The hand-off between listing and deleting: listing workers add the doomed objects of each
// page as it arrives; the queue packs them, across deployments, into batches of at most
// kMaxKeysPerDelete for the delete workers. Deleting thus overlaps listing, and the number of
// DeleteObjects requests stays at ceil(objects / 1000) however small the deployments are.
// At most `max_batches` full batches wait at a time (listing pauses beyond that), so memory
// stays bounded whatever the bucket's size. Thread-safe.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <vector>

#include "s3/delete_operations.h"
#include "s3/core/model.h"

namespace s3prune::prune {

struct DoomedObject {
  s3::ObjectIdentifier object;
  std::uint64_t size = 0;
  std::size_t deployment = 0;  // index into the executor's doomed deployments
  bool is_current = true;      // a current object, or a noncurrent version / delete marker
};

using DeleteBatch = std::vector<DoomedObject>;

class DeleteQueue {
 public:
  explicit DeleteQueue(std::size_t max_batches, std::size_t batch_size = s3::kMaxKeysPerDelete)
      : max_batches_(max_batches), batch_size_(batch_size) {}

  // Adds objects; blocks while max_batches full batches are waiting.
  void Add(std::vector<DoomedObject>&& objects);
  // No more objects will be added: the partial batch is released and workers drain.
  void Close();
  // The next batch, or nullopt once the queue is closed and empty.
  std::optional<DeleteBatch> Take();

 private:
  const std::size_t max_batches_;
  const std::size_t batch_size_;
  std::mutex mutex_;
  std::condition_variable has_batch_;
  std::condition_variable has_room_;         // ready_ has room for another batch
  std::condition_variable filling_has_room_;  // filling_ is no longer full
  std::deque<DeleteBatch> ready_;
  DeleteBatch filling_;
  bool closed_ = false;
};

}  // namespace s3prune::prune
