// The --keep-from pointers: objects (s3://BUCKET/KEY) naming the deployments that must stay,
// one id a line, the live release's usually. They are read when planning, read again just
// before anything is deleted (a deploy or rollback while the plan was shown must not lose its
// deployment), and compared with a saved plan's. The reads are here; the comparisons are pure.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "policy/deployment.h"
#include "policy/deployment_list.h"
#include "policy/planner.h"
#include "s3/client.h"
#include "usecase/plan_request.h"

namespace s3prune::usecase {

// Reads every pointer of the request, in order; a missing one is an error (kNotFound, naming
// it): nothing is deleted without it. A pointer inside a deployment of the target marks that
// deployment as its holder (the planner sets it aside).
s3::Result<std::vector<policy::NamedDeployments>> ReadPointers(const PlanRequest& request, s3::S3Client& client);

// The deployment of `root` that holds the pointer object `pointer` (set aside so that it is
// never deleted with its pointer), or "" when it lies outside the target. Pure.
std::string PointerHolder(const S3Url& pointer, const S3Url& root);

// Why the pointers as read now forbid deleting `doomed` (one of them names a doomed id), or
// nothing. Pure.
std::optional<std::string> PointerNamesDoomed(const std::vector<policy::NamedDeployments>& now,
                                              const std::vector<policy::Deployment>& doomed);

// Why the pointers as read now differ from those a saved plan was made with, or nothing. Pure.
std::optional<std::string> PointersChanged(const std::vector<policy::NamedDeployments>& saved,
                                           const std::vector<policy::NamedDeployments>& now);

// A plan from an S3 Inventory report does not know the deployments written after the report:
// with daily reports and daily deploys, the pointer names one every day. Each pointer problem
// naming an id that a listing now shows (objects under PREFIX<id>/) is dropped and becomes a
// warning: that deployment is in no decision of the plan, so it stays. The rest remain.
s3::Result<void> AcceptDeploymentsNewerThanReport(const PlanRequest& request, s3::S3Client& client,
                                                  policy::Plan& plan, std::vector<std::string>& warnings);

// Reads the pointers again and checks them against `doomed`: kRefused when one names a doomed
// deployment now, the read's error when one cannot be read.
s3::Result<void> RecheckPointers(const PlanRequest& request, s3::S3Client& client,
                                 const std::vector<policy::Deployment>& doomed);

}  // namespace s3prune::usecase
