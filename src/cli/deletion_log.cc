#include "cli/deletion_log.h"

#include <nlohmann/json.hpp>

#include "s3/core/timestamp.h"

namespace s3prune::cli {

std::expected<DeletionLog, std::string> DeletionLog::Open(const std::string& path, std::string bucket, Clock clock) {
  std::ofstream file(path, std::ios::binary | std::ios::app);
  if (!file) return std::unexpected("cannot open --log-deleted " + path + " for appending: check the folder exists and is writable");
  return DeletionLog(std::move(file), path, std::move(bucket), std::move(clock));
}

void DeletionLog::Write(const std::vector<prune::DeletedEntry>& entries) {
  const std::string time = s3::FormatTimestamp(std::chrono::time_point_cast<std::chrono::milliseconds>(clock_()));
  for (const auto& entry : entries) {
    const nlohmann::json line = {{"time", time},
                                 {"bucket", bucket_},
                                 {"deployment", entry.deployment},
                                 {"key", entry.object.key},
                                 {"version_id", entry.object.version_id},
                                 {"size", entry.size}};
    file_ << line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
  }
  file_.flush();  // a batch is on disk before the next one is reported
  if (!file_) failed_ = true;
}

}  // namespace s3prune::cli
