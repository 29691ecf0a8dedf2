// What plan and apply are asked to do, as every front door says it: the command line
// (cli/options.h), a policy file's target and a Lambda event all become this one value, and
// the use case (build_plan.h, apply_plan.h) owns every check made on it. Plain data; each
// field has its default and says which flag sets it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "policy/retention_policy.h"
#include "prune/range_listing.h"
#include "s3/endpoint.h"
#include "usecase/s3_url.h"

namespace s3prune::usecase {

// --versions: what a delete takes, and so what is listed.
enum class Versions {
  kCurrentOnly,  // current objects only (a versioned bucket keeps their old versions)
  kAll,          // every version and delete marker: the space is reclaimed for good
};

// --allow-missing-keep-from: what a pointer that protects nothing does to the run.
enum class MissingPointers { kRefuse, kWarn };

// --strict-time: what a deployment whose --time-from time cannot be read does to the run.
enum class UnknownTimes {
  kKeep,    // it is kept (never deleted on a guess), and the plan warns
  kRefuse,  // the plan is refused (kRefused): nothing is deleted
};

// --via: who deletes the doomed deployments.
enum class Via {
  kDelete,     // s3prune, with batched DeleteObjects requests
  kLifecycle,  // the bucket's lifecycle engine, through expiry rules s3prune writes
};

// How to reach the store, as in the AWS CLI; empty strings fall back to the environment and
// the profile (cli/client_setup.h).
struct Connection {
  std::string endpoint_url;
  std::string region;
  std::string profile;
  s3::Addressing addressing = s3::Addressing::kAuto;
  int max_attempts = 5;               // tries per request, the first included (s3::RetryPolicy)
  std::string expected_bucket_owner;  // account id S3 must see as the bucket's owner ("" none)
};

struct PlanRequest {
  S3Url root;                      // the deployments: bucket and prefix ("" or ending in '/')
  policy::RetentionPolicy policy;  // keep_named is filled when planning, from keep_from
  std::vector<S3Url> keep_from;    // --keep-from: pointer objects naming deployments to keep
  MissingPointers missing_pointers = MissingPointers::kRefuse;
  UnknownTimes unknown_times = UnknownTimes::kKeep;  // --strict-time: kRefuse
  Versions versions = Versions::kCurrentOnly;
  Via via = Via::kDelete;
  std::optional<S3Url> inventory;           // --inventory: plan from this S3 Inventory manifest
  std::optional<std::uint64_t> max_delete;  // refuse plans deleting more objects than this
  std::size_t concurrency = 16;             // requests in flight at most
  Connection connection;
  double price_per_gb = 0.023;  // USD per GB-month, for the saving estimate (S3 Standard)
};

// --versions lists every version and delete marker; without it, the current objects.
prune::ListingMode ListingModeFor(Versions versions);

}  // namespace s3prune::usecase
