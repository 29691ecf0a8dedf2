// A policy file kept in S3 (a Lambda event's "config", S3PRUNE_CONFIG): its text, read with
// the run's credentials. Parsing it is the door's (cli/policy_file.h).
#pragma once

#include <string>

#include "s3/client.h"
#include "usecase/s3_url.h"

namespace s3prune::usecase {

s3::Result<std::string> FetchPolicyText(s3::S3Client& client, const S3Url& url);

}  // namespace s3prune::usecase
