// What a store lacks, learned from its answers during the run and never from its host name:
// a 501 NotImplemented, a 405 MethodNotAllowed for an operation (s3rver's ?versions), or an
// answer of another kind (Swift's s3api answers GET ?lifecycle with a bucket listing). Such an
// answer is a fact about the store, not a transient error: it is never retried, it is
// remembered for the run (a second batch does not ask again), and the feature that needs the
// operation says in one line what it does instead (README, "Stores").
#pragma once

#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "s3/core/error.h"

namespace s3prune::s3 {

struct S3Request;

enum class Feature {
  kLifecycle,          // GET/PUT/DELETE ?lifecycle
  kVersioning,         // GET/PUT ?versioning
  kVersionListing,     // GET ?versions (ListObjectVersions)
  kUploadListing,      // GET ?uploads (ListMultipartUploads)
  kMultiObjectDelete,  // POST ?delete (DeleteObjects)
  kOther,
};

// "lifecycle configuration", "ListObjectVersions", ...
std::string_view FeatureName(Feature feature);

// Which feature a request belongs to, and how to name it in a message ("GET ?lifecycle"). Pure.
Feature FeatureOf(const S3Request& request);
std::string RequestName(const S3Request& request);

struct Unsupported {
  Feature feature = Feature::kOther;
  std::string request;  // "GET ?lifecycle"
  std::string answer;   // "HTTP 501 NotImplemented", "a <ListBucketResult>"
};

// The features a store was found to lack during the run. Thread-safe.
class StoreCapabilities {
 public:
  void Learn(Unsupported unsupported);
  bool Lacks(Feature feature) const;
  std::vector<Unsupported> Lacking() const;  // in the order learned, one per feature

 private:
  mutable std::mutex mutex_;
  std::vector<Unsupported> lacking_;
};

}  // namespace s3prune::s3
