// Builds the S3 client a command runs with, from the options and the environment, the way
// the AWS CLI would: credentials from the chain, the region from --region, AWS_REGION,
// AWS_DEFAULT_REGION or the profile, the endpoint from --endpoint-url, AWS_ENDPOINT_URL_S3
// or AWS_ENDPOINT_URL.
#pragma once

#include <memory>
#include <ostream>

#include "cli/options.h"
#include "s3/client.h"
#include "s3/auth/credentials.h"

namespace s3prune::cli {

struct ClientSetup {
  std::unique_ptr<s3::S3Client> client;
  std::string endpoint_description;  // "http://127.0.0.1:7480" or "AWS (eu-west-1)", for messages
  std::string access_key_id;         // for messages about wrong credentials (never the secret)
};

// -v logs each request to `log` (which must outlive the client).
s3::Result<ClientSetup> SetUpClient(const Options& options, const s3::EnvLookup& env, std::ostream& log);

}  // namespace s3prune::cli
