// The S3 error document (`<Error><Code>NoSuchBucket</Code><Message>..</Message>
// <RequestId>..</RequestId>...</Error>`) that comes with a failed request. error_mapping
// turns what it says into an Error; this file only reads it.
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string_view>

#include "s3/core/model.h"

namespace s3prune::s3 {

// nullopt when the body is not an S3 error document (empty, HTML from a proxy, another
// reply, or an <Error> without <Code>). Also reads the <ErrorResponse><Error> wrapping that
// STS and some S3-compatible servers use, whose <RequestId> sits beside <Error>.
std::optional<ErrorBody> ParseErrorBody(std::string_view xml);

}  // namespace s3prune::s3
