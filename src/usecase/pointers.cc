#include "usecase/pointers.h"

#include <set>

#include "prune/discovery.h"
#include "prune/key_layout.h"
#include "s3/object_operations.h"

namespace s3prune::usecase {
namespace {

std::string UrlOf(const S3Url& url) { return s3::ObjectUri(url.bucket, url.key); }

std::string Joined(const std::vector<std::string>& ids) {
  if (ids.empty()) return "nothing";
  std::string out;
  for (const auto& id : ids) out += (out.empty() ? "" : ", ") + id;
  return out;
}

// The error of a pointer that cannot be read, in the pointer's words.
s3::Error PointerError(s3::Error error, const S3Url& url) {
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
  return error;
}

}  // namespace

std::string PointerHolder(const S3Url& pointer, const S3Url& root) {
  // A pointer inside a deployment of the target would be deleted with it: its prefix is set
  // aside instead (the planner shows it as excluded).
  if (pointer.bucket != root.bucket || !pointer.key.starts_with(root.key)) return "";
  return std::string(prune::DeploymentIdOfKey(root.key, pointer.key).value_or(""));
}

s3::Result<std::vector<policy::NamedDeployments>> ReadPointers(const PlanRequest& request, s3::S3Client& client) {
  std::vector<policy::NamedDeployments> lists;
  for (const auto& url : request.keep_from) {
    auto text = s3::GetObject(client, url.bucket, url.key);
    if (!text) return std::unexpected(PointerError(text.error(), url));
    policy::NamedDeployments list = policy::ParseDeploymentList(*text, {request.root.bucket, request.root.key});
    list.source = UrlOf(url);
    list.holder_id = PointerHolder(url, request.root);
    lists.push_back(std::move(list));
  }
  return lists;
}

std::optional<std::string> PointerNamesDoomed(const std::vector<policy::NamedDeployments>& now,
                                              const std::vector<policy::Deployment>& doomed) {
  std::set<std::string> doomed_ids;
  for (const auto& deployment : doomed) doomed_ids.insert(deployment.id);
  for (const auto& list : now) {
    for (const auto& id : list.ids) {
      if (doomed_ids.contains(id)) return list.source + " now names '" + id + "', which the plan would delete: plan again";
    }
  }
  return std::nullopt;
}

std::optional<std::string> PointersChanged(const std::vector<policy::NamedDeployments>& saved,
                                           const std::vector<policy::NamedDeployments>& now) {
  for (std::size_t i = 0; i < saved.size() && i < now.size(); ++i) {
    const std::set<std::string> before(saved[i].ids.begin(), saved[i].ids.end());
    const std::set<std::string> after(now[i].ids.begin(), now[i].ids.end());
    if (before != after) {
      return "--keep-from " + saved[i].source + " changed since the plan (it named " + Joined(saved[i].ids) +
             ", now " + Joined(now[i].ids) + "): plan again";
    }
  }
  return std::nullopt;
}

s3::Result<void> AcceptDeploymentsNewerThanReport(const PlanRequest& request, s3::S3Client& client,
                                                  policy::Plan& plan, std::vector<std::string>& warnings) {
  std::vector<policy::PointerProblem> remaining;
  for (auto& problem : plan.pointer_problems) {
    if (problem.id.empty()) {
      remaining.push_back(std::move(problem));
      continue;
    }
    auto exists = prune::HasCurrentObject(client, request.root.bucket, request.root.key, problem.id);
    if (!exists) return std::unexpected(exists.error());
    if (!*exists) {
      remaining.push_back(std::move(problem));
      continue;
    }
    warnings.push_back(problem.source + " names '" + problem.id +
                       "', written after the inventory report: not in this plan, so it stays");
  }
  plan.pointer_problems = std::move(remaining);
  return {};
}

s3::Result<void> RecheckPointers(const PlanRequest& request, s3::S3Client& client,
                                 const std::vector<policy::Deployment>& doomed) {
  if (request.keep_from.empty()) return {};
  auto lists = ReadPointers(request, client);
  if (!lists) {
    s3::Error error = lists.error();
    error.message += "; nothing was deleted";
    return std::unexpected(std::move(error));
  }
  if (auto why = PointerNamesDoomed(*lists, doomed)) {
    return std::unexpected(s3::MakeError(s3::ErrorCode::kRefused, *why + "; nothing was deleted"));
  }
  return {};
}

}  // namespace s3prune::usecase
