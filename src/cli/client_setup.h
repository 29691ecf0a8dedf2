// Builds the S3 client a command runs with, from the options and the environment, the way
// the AWS CLI would: credentials from the chain (s3/credentials/chain.h), the region from
// --region, AWS_REGION, AWS_DEFAULT_REGION or the profile, the endpoint from --endpoint-url,
// AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL, the profile's services s3 endpoint_url or its
// endpoint_url, and the addressing from --addressing or the profile's s3 addressing_style.
#pragma once

#include <memory>
#include <ostream>

#include "usecase/plan_request.h"
#include "s3/client.h"
#include "s3/credentials/provider.h"

namespace s3prune::cli {

struct ClientSetup {
  std::unique_ptr<s3::S3Client> client;
  std::string endpoint_description;  // "http://127.0.0.1:7480" or "AWS (eu-west-1)", for messages
  std::string access_key_id;         // for messages about wrong credentials (never the secret)
};

enum class Verbose { kQuiet, kLogRequests };

// The request gives the connection, the bucket (its endpoint is checked) and the concurrency.
// kLogRequests (-v) logs each request to `log` (which must outlive the client), and credential refresh
// warnings go there too. `io` is how credentials are found (the environment, HTTP for STS and
// metadata endpoints, credential_process, files).
s3::Result<ClientSetup> SetUpClient(const usecase::PlanRequest& request, Verbose verbose, const s3::ProviderIo& io,
                                    std::ostream& log);

}  // namespace s3prune::cli
