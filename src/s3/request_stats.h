// Counts of requests by kind, retries and bytes, shared by every thread of one run; the
// numbers behind --stats and the JSON result. Thread-safe (atomics).
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <string_view>

namespace s3prune::s3 {

enum class OperationKind {
  kListObjects,
  kListVersions,
  kListUploads,
  kDeleteObjects,
  kDeleteObject,
  kAbortUpload,
  kGetObject,
  kPutObject,
  kBucket,  // HeadBucket, versioning, lifecycle, create
};
inline constexpr std::size_t kOperationKinds = 9;

std::string_view OperationName(OperationKind kind);  // "list_objects", "delete_objects", ...

struct StatsSnapshot {
  std::array<std::uint64_t, kOperationKinds> requests{};  // attempts sent, retries included
  std::uint64_t retries = 0;
  std::uint64_t failures = 0;  // requests that ended in an error after all attempts
  std::uint64_t bytes_sent = 0;
  std::uint64_t bytes_received = 0;

  std::uint64_t TotalRequests() const;
};

class RequestStats {
 public:
  void CountAttempt(OperationKind kind, std::uint64_t sent, std::uint64_t received);
  void CountRetry() { retries_.fetch_add(1, std::memory_order_relaxed); }
  void CountFailure() { failures_.fetch_add(1, std::memory_order_relaxed); }
  StatsSnapshot Snapshot() const;

 private:
  std::array<std::atomic<std::uint64_t>, kOperationKinds> requests_{};
  std::atomic<std::uint64_t> retries_{0};
  std::atomic<std::uint64_t> failures_{0};
  std::atomic<std::uint64_t> bytes_sent_{0};
  std::atomic<std::uint64_t> bytes_received_{0};
};

}  // namespace s3prune::s3
