#include "usecase/marker_times.h"

#include "policy/planner.h"
#include "policy/time_source.h"
#include "prune/key_layout.h"
#include "prune/parallel.h"
#include "util/text.h"

namespace s3prune::usecase {
namespace {

bool ReadsMarkers(const policy::TimeSource& source) {
  return source.from == policy::TimeFrom::kMarkerObject || source.from == policy::TimeFrom::kMarkerMeta;
}

policy::MarkerReading Unknown(std::string problem) { return {std::nullopt, std::move(problem)}; }

policy::MarkerReading ReadOne(const policy::Deployment& deployment, const PlanRequest& request,
                              const policy::TimeSource& source, s3::S3Client& client) {
  const std::string key = prune::DeploymentPrefix(request.root.key, deployment.id) + source.marker;
  const bool meta = source.from == policy::TimeFrom::kMarkerMeta;
  auto read = meta ? s3::HeadObject(client, request.root.bucket, key)
                   : s3::ReadObject(client, request.root.bucket, key, kMaxMarkerBytes);
  if (!read && read.error().code == s3::ErrorCode::kNotFound) return Unknown("its marker " + source.marker + " is missing");
  if (!read) return Unknown("its marker " + source.marker + " could not be read (" + read.error().message + ")");
  return ReadingOf(source, *read);
}

}  // namespace

policy::MarkerReading ReadingOf(const policy::TimeSource& source, const s3::ObjectRead& read) {
  if (source.from == policy::TimeFrom::kMarkerMeta) {
    const auto header = read.metadata.find(source.argument);
    if (header == read.metadata.end()) {
      return Unknown("its marker " + source.marker + " has no x-amz-meta-" + source.argument);
    }
    auto time = policy::ParseMarkerTime(header->second);
    if (!time) return Unknown("x-amz-meta-" + source.argument + " of its marker " + source.marker + ": " + time.error());
    return {.time = *time};
  }
  // A blank marker holds no time: it was written at deploy time, so its LastModified is the
  // deployment's (a copy of the whole bucket resets it, which writing a time into it avoids).
  if (util::Trim(read.body, util::kBlanksAndNewlines).empty()) {
    if (!read.last_modified) return Unknown("its marker " + source.marker + " is empty and has no Last-Modified");
    return {.time = read.last_modified};
  }
  auto time = policy::ParseMarkerTime(read.body);
  if (!time) return Unknown("its marker " + source.marker + ": " + time.error());
  return {.time = *time};
}

void ReadMarkerTimes(std::vector<policy::Deployment>& deployments, const PlanRequest& request,
                     const policy::RetentionPolicy& policy, s3::S3Client& client) {
  if (!ReadsMarkers(policy.time_from)) return;
  std::vector<policy::Deployment*> needed;
  for (auto& deployment : deployments) {
    if (!policy::ExclusionReason(deployment.id, policy)) needed.push_back(&deployment);
  }
  // Each task writes its own deployment's reading; nothing else is shared.
  prune::RunParallel(needed.size(), request.concurrency, [&](std::size_t i) {
    needed[i]->marker = ReadOne(*needed[i], request, policy.time_from, client);
  });
}

}  // namespace s3prune::usecase
