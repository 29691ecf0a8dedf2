#include "cli/planning.h"

#include "policy/deployment_list.h"
#include "prune/discovery.h"
#include "s3/bucket_operations.h"
#include "s3/object_operations.h"

namespace s3prune::cli {
namespace {

std::string UrlOf(const S3Url& url) { return s3::ObjectUri(url.bucket, url.key); }

// Without --versions a versioned bucket keeps every deleted object as a noncurrent version.
void CheckVersioning(const Options& options, s3::S3Client& client, report::PlanReport& report) {
  auto status = s3::GetBucketVersioning(client, options.root.bucket);
  if (!status) {
    report.warnings.push_back("could not read the bucket's versioning status (" + status.error().message +
                              "); if it is versioned, deleting without --versions reclaims no space");
    return;
  }
  if (*status == s3::VersioningStatus::kNeverEnabled || options.versions) return;
  report.reclaims_space = false;
  report.warnings.push_back(std::string("bucket '") + options.root.bucket + "' is versioned (" +
                            (*status == s3::VersioningStatus::kEnabled ? "Enabled" : "Suspended") +
                            "): deleting only adds delete markers and reclaims no space; add --versions to delete "
                            "old versions and delete markers too");
}

}  // namespace

s3::Result<std::vector<policy::NamedDeployments>> ReadKeepFrom(const Options& options, s3::S3Client& client) {
  std::vector<policy::NamedDeployments> lists;
  for (const auto& url : options.keep_from) {
    auto text = s3::GetObject(client, url.bucket, url.key);
    if (!text) {
      s3::Error error = text.error();
      if (error.code == s3::ErrorCode::kNotFound) {
        error.message = "--keep-from object " + UrlOf(url) + " does not exist: nothing is deleted without it";
      } else if (error.code == s3::ErrorCode::kNoSuchBucket) {
        // As kNoSuchBucket the message would name the bucket being pruned, not the pointer's.
        error.code = s3::ErrorCode::kNotFound;
        error.message = "--keep-from object " + UrlOf(url) + " does not exist (no bucket '" + url.bucket +
                        "'): nothing is deleted without it";
      }
      return std::unexpected(error);
    }
    lists.push_back({UrlOf(url), policy::ParseDeploymentList(*text)});
  }
  return lists;
}

s3::Result<report::PlanReport> BuildPlan(const Options& options, s3::S3Client& client, policy::Timestamp now,
                                         prune::ProgressCounters* progress) {
  if (auto bucket = s3::HeadBucket(client, options.root.bucket); !bucket) return std::unexpected(bucket.error());
  report::PlanReport report;
  report.bucket = options.root.bucket;
  report.prefix = options.root.key;
  report.now = now;
  report.versions = options.versions;
  report.policy = options.policy;
  auto named = ReadKeepFrom(options, client);
  if (!named) return std::unexpected(named.error());
  report.policy.keep_named = std::move(*named);
  CheckVersioning(options, client, report);

  prune::DiscoveryRequest discovery{options.root.bucket, options.root.key,
                                    ListingModeFor(options),
                                    options.concurrency, progress};
  auto inventory = prune::DiscoverDeployments(client, discovery);
  if (!inventory) return std::unexpected(inventory.error());
  report.root_objects = inventory->root_objects;
  report.plan = policy::MakePlan(std::move(inventory->deployments), report.policy, now);
  policy::AddResidue(report.plan, std::move(inventory->residue), report.policy, now);
  report.warnings.insert(report.warnings.end(), report.plan.warnings.begin(), report.plan.warnings.end());
  return report;
}

prune::ListingMode ListingModeFor(const Options& options) {
  return options.versions ? prune::ListingMode::kAllVersions : prune::ListingMode::kCurrentObjects;
}

std::vector<policy::Deployment> DoomedDeployments(const policy::Plan& plan) {
  std::vector<policy::Deployment> doomed;
  for (const auto& decision : plan.decisions) {
    if (decision.action == policy::Action::kDelete) doomed.push_back(decision.deployment);
  }
  return doomed;
}

}  // namespace s3prune::cli
