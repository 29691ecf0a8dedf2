// The plan value of plan and apply: what was listed, the policy and its decisions, the
// bucket's versioning and what a delete does there, the warnings, and (with --via lifecycle)
// the rules to write. The use case builds it (build_plan.h), the guards check it, the doors
// render it (report/) and save it (report/plan_file.h). A plain value: no I/O here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "policy/planner.h"
#include "policy/retention_policy.h"
#include "prune/lifecycle_schedule.h"
#include "usecase/plan_request.h"
#include "s3/client.h"
#include "s3/core/model.h"

namespace s3prune::usecase {

// What deleting an object does to its data, by the bucket's versioning and --versions.
enum class DeleteEffect {
  kPermanent,                // never versioned, or --versions: the data is gone
  kMarkerOnly,               // versioning Enabled without --versions: a delete marker hides it
  kPermanentForNullVersions  // Suspended without --versions: the "null" version is gone, older
                             // versions from when versioning was Enabled stay
};
std::string_view DeleteEffectName(DeleteEffect effect);  // "permanent", "delete_marker_only", ...
DeleteEffect DeleteEffectOf(s3::VersioningStatus status, bool versions);

// The store a plan was made against: a saved plan is applied to the same one or not at all.
// The account is pinned by --expected-bucket-owner, which the plan carries and apply sends
// (S3 then refuses a bucket of another account).
struct MadeAgainst {
  std::string endpoint;               // the endpoint URL, "" for AWS
  std::string region;                 // the bucket's region, as requests were signed
  std::string expected_bucket_owner;  // "" when not given

  bool operator==(const MadeAgainst&) const = default;
};

struct PlanReport {
  std::string bucket;
  std::string prefix;
  policy::Timestamp now{};  // the plan's time: the server's clock after listing, when it sent one
  bool server_time = false;  // `now` came from the server's Date header (else the local clock)
  std::optional<MadeAgainst> made_against;  // nullopt only in plan files saved before it was recorded
  policy::RetentionPolicy policy;
  bool versions = false;  // --versions: noncurrent versions and markers are deleted too
  s3::VersioningStatus versioning = s3::VersioningStatus::kNeverEnabled;
  DeleteEffect delete_effect = DeleteEffect::kPermanent;
  bool reclaims_space() const { return delete_effect != DeleteEffect::kMarkerOnly; }
  // What apply lists (and deletes) of a doomed deployment.
  prune::ListingMode listing_mode() const { return ListingModeFor(versions ? Versions::kAll : Versions::kCurrentOnly); }
  policy::Plan plan;
  std::vector<std::string> warnings;  // the plan's own plus the run's (versioning, ...)
  std::vector<s3::Unsupported> unsupported;  // what the store was found to lack while planning
  std::uint64_t root_objects = 0;
  // --inventory: the time the report reflects. Apply leaves whole any doomed deployment that
  // has an object newer than this (or more than planned), as the report could not see it.
  std::optional<policy::Timestamp> listed_at;
  // The time a doomed deployment is compared with before apply acts on it: the report's with
  // --inventory, else the plan's when it is the server's (a local clock cannot be compared
  // with LastModified); nullopt: only the count is compared.
  std::optional<policy::Timestamp> snapshot_time() const {
    if (listed_at) return listed_at;
    return server_time ? std::optional(now) : std::nullopt;
  }
  // --via lifecycle: the plan is carried out by lifecycle rules (saved in a plan file), and
  // the rules it adds and removes, from the bucket's configuration when it was made.
  bool via_lifecycle = false;
  std::optional<prune::LifecycleSchedule> lifecycle;
  // Kept deployments whose s3prune rule this apply removed (usecase::RepairKeptRules).
  std::vector<std::string> kept_rules_removed{};
};

// The store `client` reaches `bucket` at, as a plan records it.
MadeAgainst MadeAgainstOf(s3::S3Client& client, const std::string& bucket);

struct PlanSummary {
  std::size_t deployments = 0;
  std::size_t keep = 0;
  std::size_t remove = 0;
  std::uint64_t objects_to_delete = 0;
  std::uint64_t versions_to_delete = 0;  // noncurrent versions and markers (with --versions)
  std::uint64_t bytes_to_delete = 0;     // current bytes, plus noncurrent with --versions
  std::uint64_t bytes_reclaimed = 0;     // of those, the bytes whose storage actually ends
};
PlanSummary Summarize(const PlanReport& report);

// The doomed deployments of a plan, in plan order.
std::vector<policy::Deployment> DoomedDeployments(const policy::Plan& plan);

}  // namespace s3prune::usecase
