// The one wiring of a real S3Client: libcurl transports with the given settings, the
// standard retry hooks (a real random draw, real sleeps) and the system clock. The CLI, the
// integration tests and the benchmark all build their clients here; unit tests build theirs
// with testing/fake_transport.h's MakeFakeClient.
#pragma once

#include <memory>

#include "s3/client.h"
#include "s3/http/curl_transport.h"

namespace s3prune::s3 {

std::unique_ptr<S3Client> MakeSystemClient(ClientConfig config, CurlSettings curl = {});

}  // namespace s3prune::s3
