// The one place where HTTP statuses, S3 <Error> codes and transport failures become the
// closed set of s3::ErrorCode values. Retry decisions and exit codes read only the code.
// Pure functions.
#pragma once

#include "s3/core/error.h"
#include "s3/http/http_transport.h"
#include "s3/core/model.h"

namespace s3prune::s3 {

// An error response (status >= 300). `body` may be absent (HEAD) or not XML (proxies).
Error ErrorFromResponse(const HttpResponse& response);

// The S3 error <Code> plus HTTP status to our code; exposed for table tests.
ErrorCode MapS3ErrorCode(std::string_view s3_code, int http_status);

Error ErrorFromTransport(const TransportError& failure);

}  // namespace s3prune::s3
