// The per-key <Error> entries of one DeleteObjects reply, matched to the entries that were
// sent, conservatively: an error naming a (key, version id) that was sent fails that entry;
// an error for a key without a version id, with "null", or with a version id that was not
// sent fails every entry of that key in the batch. A failed delete must never be counted as
// deleted. Holds views into `failures` and `sent`: both must outlive it. Immutable once built.
#pragma once

#include <map>
#include <string_view>
#include <utility>
#include <vector>

#include "s3/delete_operations.h"

namespace s3prune::prune {

class FailureIndex {
 public:
  FailureIndex(const std::vector<s3::DeleteFailure>& failures, const std::vector<s3::ObjectIdentifier>& sent);

  // The failure of this sent entry, or nullptr when the reply reports none for it.
  const s3::DeleteFailure* Find(const s3::ObjectIdentifier& object) const;

 private:
  std::map<std::pair<std::string_view, std::string_view>, const s3::DeleteFailure*> exact_;
  std::map<std::string_view, const s3::DeleteFailure*> whole_key_;
};

}  // namespace s3prune::prune
