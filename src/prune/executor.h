// The executor carries out the delete half of a plan: it lists the doomed deployments again,
// range by range in parallel. Each deployment is listed whole and checked against what the
// plan saw (snapshot_check.h) before any of it is deleted: one written to since the plan is
// left whole and reported as changed. The others go through the DeleteQueue, so deletes
// overlap listing and batches are full. With ListingMode::kAllVersions every version and
// delete marker is deleted by the version id that was listed, which is what reclaims the
// space of a versioned bucket and never touches a version written later. Memory: the
// entries of one deployment per listing stream (about 150 bytes an object).
// Afterwards it aborts incomplete multipart uploads under the doomed prefixes.
// Only keys of doomed deployments (PREFIX + id + "/") are ever deleted: the same test the
// planner's inventory used. Every failure, per key or per request, is in the result.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "policy/deployment.h"
#include "prune/progress_counters.h"
#include "prune/range_listing.h"
#include "s3/client.h"

namespace s3prune::prune {

// One entry a DeleteObjects reply confirmed deleted, for the audit trail.
struct DeletedEntry {
  std::string deployment;
  s3::ObjectIdentifier object;  // key and version id ("" when deleted without one)
  std::uint64_t size = 0;
};

struct ExecutionRequest {
  std::string bucket;
  std::string prefix;
  ListingMode mode = ListingMode::kCurrentObjects;  // kAllVersions for --versions
  std::size_t concurrency = 8;
  ProgressCounters* progress = nullptr;  // optional
  // Objects (and versions) per listing range: 20 pages, so the one partly filled page of each
  // range adds at most 5% to the listing requests.
  std::uint64_t objects_per_range = 20'000;
  // The plan's time on the server's clock: nothing LastModified after it is ever deleted, and
  // a deployment holding such an entry is left whole. nullopt: only the count is checked.
  std::optional<s3::Timestamp> snapshot_time;
  // Polled before each listing page is used and each batch is sent; once it returns true
  // (Ctrl-C, SIGTERM) nothing new starts, batches in flight finish. Empty: never stops.
  std::function<bool()> should_stop;
  // Called with each batch's deleted entries as it completes (--log-deleted), one batch at a
  // time (never concurrently); optional.
  std::function<void(const std::vector<DeletedEntry>&)> on_deleted;
  // Told what the run changed on its own (batches shrunk after a timeout, keys in doubt
  // listed again), for -v; from any worker thread. Optional.
  std::function<void(const std::string&)> note;
};

// How one doomed deployment ended. Decided once, when the run ends (from what the fields below
// record), and read by the exit code, the totals and the views alike.
enum class DeploymentState {
  kDeleted,           // every object listed was deleted
  kAlreadyGone,       // nothing was left to delete and nothing went wrong (a plan applied twice)
  kChangedSincePlan,  // written to since the plan: left whole on purpose
  kInterrupted,       // the run stopped before all of it was deleted: run again to finish
  kFailed,            // some deletes failed, or its listing stopped: run again
  kOutcomeUnknown,    // some deletes ended without an answer and could not be looked at
                      // again: they may be gone or not (never counted as either); run again
};

struct DeploymentOutcome {
  std::string id;
  std::uint64_t objects_deleted = 0;   // current objects
  std::uint64_t versions_deleted = 0;  // noncurrent versions and delete markers
  std::uint64_t bytes_deleted = 0;
  std::vector<s3::DeleteFailure> failures;
  // Sent, no answer came, and listing them again failed too: neither deleted nor failed.
  std::vector<s3::DeleteFailure> outcome_unknown;
  std::optional<s3::Error> listing_error;  // listing stopped: the deployment was left whole
  std::string changed_since_plan;  // why it was left whole ("" when it was deleted as planned)
  bool interrupted = false;  // the run stopped before all of it was deleted: run again to finish
  DeploymentState state = DeploymentState::kDeleted;  // set from the fields above when the run ends
};

// The state the fields of `outcome` add up to: changed since the plan, then interrupted, then
// failed, then outcome unknown, then already gone; otherwise deleted.
DeploymentState StateOf(const DeploymentOutcome& outcome);

struct UploadOutcome {
  std::string key;
  std::string upload_id;
  std::optional<s3::Error> error;  // nullopt: aborted
};

struct ExecutionResult {
  std::vector<DeploymentOutcome> deployments;  // in the order given
  std::vector<UploadOutcome> uploads;
  std::optional<s3::Error> upload_listing_error;
  bool interrupted = false;  // should_stop said so: what was not started was not done
  // The store has no ListMultipartUploads (s3rver: 501): no upload was aborted, and that is no
  // failure of the run; the message says so.
  std::optional<std::string> uploads_not_listed;

  // True when every object was deleted (none of them in doubt), every upload aborted, every
  // listing completed, no deployment changed since the plan and the run was not interrupted.
  bool Complete() const;
};

ExecutionResult ExecuteDeletion(s3::S3Client& client, const std::vector<policy::Deployment>& doomed,
                                const ExecutionRequest& request);

}  // namespace s3prune::prune
