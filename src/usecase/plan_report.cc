#include "usecase/plan_report.h"

namespace s3prune::usecase {
std::string_view DeleteEffectName(DeleteEffect effect) {
  switch (effect) {
    case DeleteEffect::kPermanent: return "permanent";
    case DeleteEffect::kMarkerOnly: return "delete_marker_only";
    case DeleteEffect::kPermanentForNullVersions: return "permanent_for_null_versions";
  }
  return "permanent";
}

DeleteEffect DeleteEffectOf(s3::VersioningStatus status, bool versions) {
  if (versions) return DeleteEffect::kPermanent;  // every version and marker goes
  switch (status) {
    case s3::VersioningStatus::kNeverEnabled: return DeleteEffect::kPermanent;
    case s3::VersioningStatus::kEnabled: return DeleteEffect::kMarkerOnly;
    case s3::VersioningStatus::kSuspended: return DeleteEffect::kPermanentForNullVersions;
  }
  return DeleteEffect::kPermanent;
}

namespace {

// The bytes whose storage ends when this deployment is deleted as planned.
std::uint64_t ReclaimedBy(const policy::Deployment& deployment, const PlanReport& report) {
  switch (report.delete_effect) {
    case DeleteEffect::kPermanent:
      return deployment.bytes + (report.versions ? deployment.noncurrent_bytes : 0);
    case DeleteEffect::kMarkerOnly: return 0;
    case DeleteEffect::kPermanentForNullVersions: return deployment.null_version_bytes;
  }
  return 0;
}

}  // namespace

PlanSummary Summarize(const PlanReport& report) {
  PlanSummary summary;
  for (const auto& decision : report.plan.decisions) {
    ++summary.deployments;
    if (decision.action == policy::Action::kKeep) {
      ++summary.keep;
      continue;
    }
    ++summary.remove;
    summary.objects_to_delete += decision.deployment.objects;
    summary.bytes_to_delete += decision.deployment.bytes;
    summary.bytes_reclaimed += ReclaimedBy(decision.deployment, report);
    if (report.versions) {
      summary.versions_to_delete += decision.deployment.noncurrent_versions;
      summary.bytes_to_delete += decision.deployment.noncurrent_bytes;
    }
  }
  return summary;
}

std::vector<policy::Deployment> DoomedDeployments(const policy::Plan& plan) {
  std::vector<policy::Deployment> doomed;
  for (const auto& decision : plan.decisions) {
    if (decision.action == policy::Action::kDelete) doomed.push_back(decision.deployment);
  }
  return doomed;
}

MadeAgainst MadeAgainstOf(s3::S3Client& client, const std::string& bucket) {
  std::string endpoint = client.EndpointUrl();
  while (endpoint.ends_with('/')) endpoint.pop_back();
  return {std::move(endpoint), client.RegionFor(bucket), client.ExpectedBucketOwner()};
}

}  // namespace s3prune::usecase
