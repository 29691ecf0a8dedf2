#include "prune/failure_index.h"

#include <set>

namespace s3prune::prune {

FailureIndex::FailureIndex(const std::vector<s3::DeleteFailure>& failures,
                           const std::vector<s3::ObjectIdentifier>& sent) {
  std::set<std::pair<std::string_view, std::string_view>> sent_pairs;
  for (const auto& object : sent) sent_pairs.emplace(object.key, object.version_id);
  for (const auto& failure : failures) {
    const std::pair<std::string_view, std::string_view> pair{failure.object.key, failure.object.version_id};
    if (sent_pairs.contains(pair)) {
      exact_.emplace(pair, &failure);
    } else {
      whole_key_.emplace(failure.object.key, &failure);
    }
  }
}

const s3::DeleteFailure* FailureIndex::Find(const s3::ObjectIdentifier& object) const {
  if (auto it = exact_.find({object.key, object.version_id}); it != exact_.end()) return it->second;
  if (auto it = whole_key_.find(object.key); it != whole_key_.end()) return it->second;
  return nullptr;
}

}  // namespace s3prune::prune
