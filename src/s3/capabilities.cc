#include "s3/capabilities.h"

#include <algorithm>

#include "s3/client.h"

namespace s3prune::s3 {
namespace {

bool Has(const S3Request& request, std::string_view name) {
  return std::ranges::any_of(request.query, [&](const auto& entry) { return entry.first == name; });
}

}  // namespace

std::string_view FeatureName(Feature feature) {
  switch (feature) {
    case Feature::kLifecycle: return "lifecycle configuration";
    case Feature::kVersioning: return "bucket versioning";
    case Feature::kVersionListing: return "ListObjectVersions";
    case Feature::kUploadListing: return "ListMultipartUploads";
    case Feature::kMultiObjectDelete: return "multi-object delete (DeleteObjects)";
    case Feature::kOther: break;
  }
  return "this operation";
}

Feature FeatureOf(const S3Request& request) {
  if (Has(request, "lifecycle")) return Feature::kLifecycle;
  if (Has(request, "versioning")) return Feature::kVersioning;
  if (Has(request, "versions")) return Feature::kVersionListing;
  if (Has(request, "uploads") && request.key.empty()) return Feature::kUploadListing;
  if (Has(request, "delete")) return Feature::kMultiObjectDelete;
  return Feature::kOther;
}

std::string RequestName(const S3Request& request) {
  std::string name = request.method + (request.key.empty() ? " bucket" : " object");
  // A sub-resource names the operation; parameters (prefix, markers) do not.
  for (const char* sub_resource : {"lifecycle", "versioning", "versions", "uploads", "delete", "location"}) {
    if (Has(request, sub_resource)) return name + " ?" + sub_resource;
  }
  return name;
}

void StoreCapabilities::Learn(Unsupported unsupported) {
  std::lock_guard lock(mutex_);
  const bool known = std::ranges::any_of(lacking_, [&](const auto& u) { return u.feature == unsupported.feature; });
  if (!known) lacking_.push_back(std::move(unsupported));
}

bool StoreCapabilities::Lacks(Feature feature) const {
  std::lock_guard lock(mutex_);
  return std::ranges::any_of(lacking_, [&](const auto& u) { return u.feature == feature; });
}

std::vector<Unsupported> StoreCapabilities::Lacking() const {
  std::lock_guard lock(mutex_);
  return lacking_;
}

}  // namespace s3prune::s3
