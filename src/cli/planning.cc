#include "cli/planning.h"

#include "cli/inventory_source.h"

#include "policy/deployment_list.h"
#include "prune/discovery.h"
#include "prune/key_layout.h"
#include "s3/bucket_operations.h"
#include "s3/object_operations.h"

namespace s3prune::cli {
namespace {

std::string UrlOf(const S3Url& url) { return s3::ObjectUri(url.bucket, url.key); }

// What a delete does follows from the bucket's versioning: with it Enabled, a plain delete
// only adds a delete marker; Suspended, it removes the "null" version for good and keeps the
// versions from when it was Enabled. --versions deletes every version: permanent everywhere.
void CheckVersioning(const Options& options, s3::S3Client& client, report::PlanReport& report) {
  auto status = s3::GetBucketVersioning(client, options.root.bucket);
  if (!status) {
    report.warnings.push_back("could not read the bucket's versioning status (" + status.error().message +
                              "); if it is versioned, deleting without --versions may reclaim no space");
    return;
  }
  report.versioning = *status;
  report.delete_effect = report::DeleteEffectOf(*status, options.versions);
  if (report.delete_effect == report::DeleteEffect::kPermanent) return;
  const std::string bucket = "bucket '" + options.root.bucket + "'";
  if (report.delete_effect == report::DeleteEffect::kMarkerOnly) {
    report.warnings.push_back(bucket + " is versioned (Enabled): deleting only adds delete markers and reclaims no "
                              "space; add --versions to delete old versions and delete markers too");
    return;
  }
  report.warnings.push_back(bucket + " has versioning Suspended: deleting removes each object's null version (written "
                            "while versioning was off or suspended) for good and adds a delete marker; versions from "
                            "when it was Enabled stay; add --versions to delete every version and delete marker");
}

// A pointer exists to protect the live release; one that protects nothing stops the run.
std::optional<s3::Error> PointerRefusal(const Options& options, const policy::Plan& plan) {
  if (plan.pointer_problems.empty() || options.allow_missing_keep_from) return std::nullopt;
  std::string message = plan.pointer_problems.front().message;
  if (plan.pointer_problems.size() > 1) message += " (and " + std::to_string(plan.pointer_problems.size() - 1) + " more)";
  message += ": fix the pointer, or pass --allow-missing-keep-from to go on without it; nothing was deleted";
  return s3::MakeError(s3::ErrorCode::kRefused, std::move(message));
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
      } else if (error.code == s3::ErrorCode::kInvalidRequest) {  // larger than a pointer can be
        error.message = "--keep-from object " + UrlOf(url) + " is larger than 1 MiB, so it is no list of "
                        "deployment ids (one per line): point --keep-from at the pointer file";
      }
      error.subject = "--keep-from object " + UrlOf(url);
      return std::unexpected(error);
    }
    policy::NamedDeployments list = policy::ParseDeploymentList(*text, {options.root.bucket, options.root.key});
    list.source = UrlOf(url);
    // A pointer inside a deployment of the target would be deleted with it: its prefix is
    // set aside instead (the planner shows it as excluded).
    if (url.bucket == options.root.bucket && url.key.starts_with(options.root.key)) {
      if (auto holder = prune::DeploymentIdOfKey(options.root.key, url.key)) list.holder_id = *holder;
    }
    lists.push_back(std::move(list));
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

  // Suspended without --versions: the versions are listed too, only to learn which objects
  // are null versions (the bytes that a delete frees); nothing but current objects is deleted.
  const bool count_null_versions = report.delete_effect == report::DeleteEffect::kPermanentForNullVersions;
  prune::DiscoveryRequest discovery{options.root.bucket, options.root.key,
                                    count_null_versions ? prune::ListingMode::kAllVersions : ListingModeFor(options),
                                    options.concurrency, progress};
  s3::Result<prune::Inventory> inventory = std::unexpected(s3::MakeError(s3::ErrorCode::kInternal, "not listed"));
  if (options.inventory) {
    auto read = ReadInventoryReport(options, client, discovery.mode);
    if (!read) return std::unexpected(read.error());
    report.listed_at = read->created;
    inventory = std::move(read->inventory);
  } else {
    inventory = prune::DiscoverDeployments(client, discovery);
  }
  if (!inventory) return std::unexpected(inventory.error());
  report.root_objects = inventory->root_objects;
  // The plan's time is the server's: LastModified is written by its clock, so a write after
  // the plan is told by that clock alone. Date has whole seconds; the listing ended at the
  // latest within that second.
  if (auto server_now = client.LatestServerTime()) {
    report.now = *server_now + std::chrono::milliseconds(999);
    report.server_time = true;
  }
  now = report.now;
  report.plan = policy::MakePlan(std::move(inventory->deployments), report.policy, now);
  if (options.versions) policy::AddResidue(report.plan, std::move(inventory->residue), report.policy, now);
  policy::CheckPointers(report.plan, report.policy);
  if (auto refusal = PointerRefusal(options, report.plan)) return std::unexpected(*refusal);
  for (const auto& problem : report.plan.pointer_problems) report.warnings.push_back(problem.message);
  for (auto& warning : policy::UnmatchedGlobs(report.plan, report.policy)) report.warnings.push_back(std::move(warning));
  return report;
}

std::optional<std::string> MaxDeleteRefusal(const Options& options, const report::PlanReport& plan) {
  if (!options.max_delete) return std::nullopt;
  const auto summary = report::Summarize(plan);
  const std::uint64_t total = summary.objects_to_delete + summary.versions_to_delete;
  if (total <= *options.max_delete) return std::nullopt;
  return "the plan deletes " + std::to_string(total) + " objects, more than --max-delete " +
         std::to_string(*options.max_delete);
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
