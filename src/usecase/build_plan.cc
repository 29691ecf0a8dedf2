#include "usecase/build_plan.h"

#include "policy/planner.h"
#include "prune/discovery.h"
#include "s3/bucket_operations.h"
#include "usecase/inventory_source.h"
#include "usecase/marker_times.h"
#include "usecase/pointers.h"

namespace s3prune::usecase {
namespace {

// What a delete does follows from the bucket's versioning: with it Enabled, a plain delete
// only adds a delete marker; Suspended, it removes the "null" version for good and keeps the
// versions from when it was Enabled. --versions deletes every version: permanent everywhere.
void CheckVersioning(const PlanRequest& request, s3::S3Client& client, PlanReport& report) {
  auto status = s3::GetBucketVersioning(client, request.root.bucket);
  if (!status && status.error().code == s3::ErrorCode::kUnsupported) {
    // R2 has no Get/PutBucketVersioning and keeps no versions; B2 answers it and always keeps them.
    report.warnings.push_back(status.error().message + ": planned as an unversioned bucket; if the store keeps "
                              "versions anyway, a delete only hides an object and --versions removes its versions");
    return;
  }
  if (!status) {
    report.warnings.push_back("could not read the bucket's versioning status (" + status.error().message +
                              "); if it is versioned, deleting without --versions may reclaim no space");
    return;
  }
  report.versioning = *status;
  report.delete_effect = DeleteEffectOf(*status, report.versions);
  if (report.delete_effect == DeleteEffect::kPermanent) return;
  const std::string bucket = "bucket '" + request.root.bucket + "'";
  if (report.delete_effect == DeleteEffect::kMarkerOnly) {
    report.warnings.push_back(bucket + " is versioned (Enabled): deleting only adds delete markers and reclaims no "
                              "space; add --versions to delete old versions and delete markers too");
    return;
  }
  report.warnings.push_back(bucket + " has versioning Suspended: deleting removes each object's null version (written "
                            "while versioning was off or suspended) for good and adds a delete marker; versions from "
                            "when it was Enabled stay; add --versions to delete every version and delete marker");
}

// A pointer exists to protect the live release; one that protects nothing stops the run.
std::optional<s3::Error> PointerRefusal(const PlanRequest& request, const policy::Plan& plan) {
  if (plan.pointer_problems.empty() || request.missing_pointers == MissingPointers::kWarn) return std::nullopt;
  std::string message = plan.pointer_problems.front().message;
  if (plan.pointer_problems.size() > 1) message += " (and " + std::to_string(plan.pointer_problems.size() - 1) + " more)";
  message += ": fix the pointer, or pass --allow-missing-keep-from to go on without it; nothing was deleted";
  return s3::MakeError(s3::ErrorCode::kRefused, std::move(message));
}

// The deployments as listed, or as an inventory report saw them (report.listed_at then set).
s3::Result<prune::Inventory> Discover(const PlanRequest& request, s3::S3Client& client, PlanReport& report,
                                      prune::ProgressCounters* progress) {
  // Suspended without --versions: the versions are listed too, only to learn which objects
  // are null versions (the bytes that a delete frees); nothing but current objects is deleted.
  const bool count_null_versions = report.delete_effect == DeleteEffect::kPermanentForNullVersions;
  prune::DiscoveryRequest discovery{request.root.bucket, request.root.key,
                                    count_null_versions ? prune::ListingMode::kAllVersions : report.listing_mode(),
                                    request.concurrency, progress};
  if (!request.inventory) return prune::DiscoverDeployments(client, discovery);
  auto read = ReadInventoryReport(*request.inventory, request.root, client, discovery.mode);
  if (!read) return std::unexpected(read.error());
  report.listed_at = read->created;
  return std::move(read->inventory);
}

// Deployments whose --time-from time could not be read (kept by the planner, "time unknown").
std::vector<const policy::Decision*> Undated(const policy::Plan& plan) {
  std::vector<const policy::Decision*> undated;
  for (const auto& decision : plan.decisions) {
    if (!decision.reasons.empty() && decision.reasons.front().starts_with(policy::kTimeUnknownPrefix)) {
      undated.push_back(&decision);
    }
  }
  return undated;
}

// Kept and counted in a warning; --strict-time refuses the plan instead.
std::optional<s3::Error> CheckUndated(const PlanRequest& request, PlanReport& report) {
  const auto undated = Undated(report.plan);
  if (undated.empty()) return std::nullopt;
  const std::string count = std::to_string(undated.size()) + (undated.size() == 1 ? " deployment has" : " deployments have");
  const std::string source = policy::FormatTimeSource(report.policy.time_from);
  if (request.unknown_times == UnknownTimes::kRefuse) {
    const std::string& first = undated.front()->reasons.front();
    return s3::MakeError(s3::ErrorCode::kRefused,
                         "--strict-time: " + count + " no readable time under --time-from " + source + " (first: '" +
                             undated.front()->deployment.id + "', " + first.substr(policy::kTimeUnknownPrefix.size()) +
                             "); nothing was deleted");
  }
  report.warnings.push_back(count + " no readable time under --time-from " + source +
                            ": kept, never deleted on a guess (each says why; --strict-time refuses instead)");
  return std::nullopt;
}

}  // namespace

s3::Result<PlanReport> BuildPlan(const PlanRequest& request, s3::S3Client& client, policy::Timestamp now,
                                 prune::ProgressCounters* progress) {
  if (auto bucket = s3::HeadBucket(client, request.root.bucket); !bucket) return std::unexpected(bucket.error());
  PlanReport report;
  report.bucket = request.root.bucket;
  report.prefix = request.root.key;
  report.now = now;
  report.made_against = MadeAgainstOf(client, request.root.bucket);
  report.versions = request.versions == Versions::kAll;
  report.policy = request.policy;
  auto named = ReadPointers(request, client);
  if (!named) return std::unexpected(named.error());
  report.policy.keep_named = std::move(*named);
  CheckVersioning(request, client, report);

  auto inventory = Discover(request, client, report, progress);
  if (!inventory && inventory.error().code == s3::ErrorCode::kUnsupported && report.versions) {
    s3::Error error = inventory.error();
    error.message += ": drop --versions";
    return std::unexpected(std::move(error));
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
  ReadMarkerTimes(inventory->deployments, request, report.policy, client);
  report.plan = policy::MakePlan(std::move(inventory->deployments), report.policy, now);
  if (report.versions) policy::AddResidue(report.plan, std::move(inventory->residue), report.policy, now);
  policy::CheckPointers(report.plan, report.policy);
  if (report.listed_at) {
    if (auto newer = AcceptDeploymentsNewerThanReport(request, client, report.plan, report.warnings); !newer) {
      return std::unexpected(newer.error());
    }
  }
  if (auto refusal = PointerRefusal(request, report.plan)) return std::unexpected(*refusal);
  if (auto refusal = CheckUndated(request, report)) return std::unexpected(*refusal);
  for (const auto& problem : report.plan.pointer_problems) report.warnings.push_back(problem.message);
  for (auto& warning : policy::UnmatchedGlobs(report.plan, report.policy)) report.warnings.push_back(std::move(warning));
  report.unsupported = client.capabilities().Lacking();
  return report;
}

}  // namespace s3prune::usecase
