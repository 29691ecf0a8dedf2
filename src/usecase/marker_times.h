// The I/O of --time-from object:NAME and meta:KEY: one request per deployment for its marker
// object (PREFIX/ID/NAME): a GET of the body for object:NAME, a HEAD for meta:KEY, run
// concurrently (PlanRequest::concurrency). What each read said, or why it said nothing, is
// kept on the deployment (policy::MarkerReading) for the planner to date it by, and travels in
// plan files. The parsing is pure and lives in policy/time_source.h.
#pragma once

#include <vector>

#include "policy/deployment.h"
#include "policy/retention_policy.h"
#include "s3/client.h"
#include "s3/object_operations.h"
#include "usecase/plan_request.h"

namespace s3prune::usecase {

// Largest marker body read: a marker holds one time; more is not a marker.
inline constexpr std::size_t kMaxMarkerBytes = 4096;

// Reads the marker of every deployment that needs one: with a marker source, the deployments
// that --exclude and the --keep-from pointer holders do not set aside (those are no
// deployments and are never dated). A marker that is missing, unreadable or holds no time is
// a MarkerReading with its problem, never an error of the run: the planner keeps such a
// deployment. Only a refused or unreachable store (kAccessDenied on every read, ...) is
// still reported per deployment, never guessed past. Does nothing for other time sources.
void ReadMarkerTimes(std::vector<policy::Deployment>& deployments, const PlanRequest& request,
                     const policy::RetentionPolicy& policy, s3::S3Client& client);

// What a marker said as a reading (pure): its body's time, else, for a blank body, its
// LastModified; for meta:KEY, the x-amz-meta-KEY header.
policy::MarkerReading ReadingOf(const policy::TimeSource& source, const s3::ObjectRead& read);

}  // namespace s3prune::usecase
