// The one time type of s3prune: UTC at millisecond precision, the precision S3 keeps in
// LastModified. The policy and the S3 client share it, so times pass between them unchanged.
#pragma once

#include <chrono>

namespace s3prune::util {

using Timestamp = std::chrono::sys_time<std::chrono::milliseconds>;

}  // namespace s3prune::util
