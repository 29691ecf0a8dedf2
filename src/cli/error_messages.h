// One-line messages for S3 errors that say what went wrong and what to do about it, and
// the exit code each error leads to. Pure.
#pragma once

#include <string>

#include "s3/core/error.h"

namespace s3prune::cli {

struct ErrorContext {
  std::string bucket;
  std::string endpoint;       // "http://127.0.0.1:7480" or "AWS (us-east-1)"
  std::string access_key_id;  // never the secret
};

std::string DescribeError(const s3::Error& error, const ErrorContext& context);

// kBadConfig (a bad endpoint URL, an unknown profile) is a usage error; the rest are failures.
int ExitCodeFor(const s3::Error& error);

}  // namespace s3prune::cli
