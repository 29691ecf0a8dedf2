#include "s3/request_stats.h"

#include <numeric>

namespace s3prune::s3 {

std::string_view OperationName(OperationKind kind) {
  switch (kind) {
    case OperationKind::kListObjects: return "list_objects";
    case OperationKind::kListVersions: return "list_versions";
    case OperationKind::kListUploads: return "list_uploads";
    case OperationKind::kDeleteObjects: return "delete_objects";
    case OperationKind::kDeleteObject: return "delete_object";
    case OperationKind::kAbortUpload: return "abort_upload";
    case OperationKind::kGetObject: return "get_object";
    case OperationKind::kPutObject: return "put_object";
    case OperationKind::kBucket: return "bucket";
  }
  return "unknown";
}

std::uint64_t StatsSnapshot::TotalRequests() const {
  return std::accumulate(requests.begin(), requests.end(), std::uint64_t{0});
}

void RequestStats::CountAttempt(OperationKind kind, std::uint64_t sent, std::uint64_t received) {
  requests_[static_cast<std::size_t>(kind)].fetch_add(1, std::memory_order_relaxed);
  bytes_sent_.fetch_add(sent, std::memory_order_relaxed);
  bytes_received_.fetch_add(received, std::memory_order_relaxed);
}

StatsSnapshot RequestStats::Snapshot() const {
  StatsSnapshot snapshot;
  for (std::size_t i = 0; i < kOperationKinds; ++i) {
    snapshot.requests[i] = requests_[i].load(std::memory_order_relaxed);
  }
  snapshot.retries = retries_.load(std::memory_order_relaxed);
  snapshot.failures = failures_.load(std::memory_order_relaxed);
  snapshot.bytes_sent = bytes_sent_.load(std::memory_order_relaxed);
  snapshot.bytes_received = bytes_received_.load(std::memory_order_relaxed);
  return snapshot;
}

}  // namespace s3prune::s3
