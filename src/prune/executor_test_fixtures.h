// Shared by the executor's unit tests: a fake bucket of deployments, the doomed list and
// the request to delete them, and lookups into the result. Test-only.
#pragma once

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include "prune/executor.h"
#include "testing/fake_bucket.h"

namespace s3prune::prune::executor_test {

using namespace s3::fake;  // the fake bucket and its matchers, test-only


inline constexpr const char* kBucket = "deploys";
inline constexpr const char* kPrefix = "www/";
inline const s3::Timestamp kLongAgo = s3::Timestamp(s3::fake::kFixedTime) - std::chrono::days(30);

inline std::string KeyOf(const std::string& id, int i) { return std::string(kPrefix) + id + "/" + std::to_string(i); }

// Puts `count` objects of 10 bytes under each id.
inline void PutDeployments(FakeBucket& bucket, const std::vector<std::string>& ids, int count) {
  for (const auto& id : ids) {
    for (int i = 0; i < count; ++i) bucket.Put(KeyOf(id, i), 10, kLongAgo);
  }
}

inline std::vector<policy::Deployment> Doomed(const std::vector<std::string>& ids, std::uint64_t objects) {
  std::vector<policy::Deployment> doomed;
  for (const auto& id : ids) doomed.push_back({.id = id, .objects = objects, .bytes = objects * 10});
  return doomed;
}

inline ExecutionRequest Request(std::size_t concurrency, ListingMode mode = ListingMode::kCurrentObjects) {
  // One range per object: these tests are about many ranges, whatever the sizes.
  return {kBucket, kPrefix, mode, concurrency, nullptr, 1, std::nullopt, {}, {}, {}};
}

inline std::string Describe(const std::vector<s3::DeleteFailure>& failures) {
  std::vector<std::string> lines;
  for (const auto& failure : failures) lines.push_back(failure.object.key + " " + failure.code);
  std::ranges::sort(lines);
  std::string text;
  for (const auto& line : lines) text += "[" + line + "]";
  return text;
}

inline std::vector<std::string> KeysUnder(const FakeBucket& bucket, const std::string& prefix) {
  std::vector<std::string> keys;
  for (auto& key : bucket.CurrentKeys()) {
    if (key.starts_with(prefix)) keys.push_back(std::move(key));
  }
  return keys;
}

inline const DeploymentOutcome& OutcomeOf(const ExecutionResult& result, const std::string& id) {
  auto it = std::ranges::find(result.deployments, id, &DeploymentOutcome::id);
  if (it == result.deployments.end()) throw std::logic_error("no outcome for " + id);
  return *it;
}

}  // namespace s3prune::prune::executor_test
