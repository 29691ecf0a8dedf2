// A target that stands for many: s3://bucket/sites/*/ is every folder directly under sites/,
// each its own target with the same policy (one bucket, many sites, each with its own
// deployments). One delimiter listing of the folder above the '*' names them, at the start of
// the run, so a site added later is pruned from the next run on. A --keep-from pointer may
// hold the same '*' (s3://bucket/sites/*/live.txt): each site then reads its own pointer.
#pragma once

#include <expected>
#include <string>
#include <string_view>
#include <vector>

#include "s3/client.h"
#include "usecase/plan_request.h"
#include "usecase/s3_url.h"

namespace s3prune::usecase {

// Whether the URL's key holds a '*' segment (ParseRootUrl allows one in a target).
bool HasWildcard(const S3Url& url);

// The checks across fields of a request whose target or pointers hold a '*': a pointer with
// '*' needs a target with '*' to fill it in; a '*' target cannot be planned from one S3
// Inventory report (the report is of one prefix). The error is one line naming the option.
std::expected<void, std::string> CheckWildcards(const PlanRequest& request);

// The request of one matched folder: the '*' of the target and of every pointer replaced by
// `folder` (a folder name, without '/').
PlanRequest RequestForFolder(const PlanRequest& request, std::string_view folder);

// The folder names the target's '*' matches, in key order: the folders directly under the
// part before the '*', by one delimiter listing (of versions with --versions, so a site whose
// deployments were all deleted, only old versions left, is still found). A folder whose name
// is empty ("sites//") is no site and is left out.
s3::Result<std::vector<std::string>> MatchedFolders(s3::S3Client& client, const PlanRequest& request);

}  // namespace s3prune::usecase
