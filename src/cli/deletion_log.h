// --log-deleted FILE: the audit trail of apply, one JSON line per deleted key or version,
// written as each DeleteObjects reply confirms it (never before), so the file says what is
// gone even when the run stops half-way:
//   {"time":"2026-12-03T10:00:00.123Z","bucket":"b","deployment":"d1","key":"d1/a","version_id":"","size":12}
// The file is appended to, so earlier runs' lines stay. Keys that are not valid UTF-8 are
// written with U+FFFD in place of the bad bytes. Not thread-safe: the executor calls it one
// batch at a time.
#pragma once

#include <chrono>
#include <expected>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include "prune/executor.h"

namespace s3prune::cli {

class DeletionLog {
 public:
  using Clock = std::function<std::chrono::system_clock::time_point()>;

  // Opens FILE for appending; the error is one line naming it.
  static std::expected<DeletionLog, std::string> Open(const std::string& path, std::string bucket, Clock clock);

  void Write(const std::vector<prune::DeletedEntry>& entries);
  bool Failed() const { return failed_; }  // a write failed: the trail is incomplete
  const std::string& path() const { return path_; }

 private:
  DeletionLog(std::ofstream file, std::string path, std::string bucket, Clock clock)
      : file_(std::move(file)), path_(std::move(path)), bucket_(std::move(bucket)), clock_(std::move(clock)) {}

  std::ofstream file_;
  std::string path_;
  std::string bucket_;
  Clock clock_;
  bool failed_ = false;
};

}  // namespace s3prune::cli
