// The reply of CreateMultipartUpload. Pure.
#pragma once

#include <string>
#include <string_view>

#include "s3/core/error.h"

namespace s3prune::s3 {

// The <UploadId> of an <InitiateMultipartUploadResult>.
Result<std::string> ParseInitiateMultipartUpload(std::string_view xml);

}  // namespace s3prune::s3
