// Where requests for a bucket go: AWS's regional endpoints by default, or a custom
// endpoint (--endpoint-url, AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL) for S3-compatible stores;
// virtual-hosted or path-style addressing. Pure.
#pragma once

#include <string>
#include <string_view>

#include "s3/core/error.h"

namespace s3prune::s3 {

enum class Addressing {
  kAuto,     // virtual-hosted, except path-style for IPs, localhost and dotted/odd bucket names
  kPath,     // https://host/bucket/key
  kVirtual,  // https://bucket.host/key
};

struct EndpointConfig {
  std::string endpoint_url;  // empty: AWS (https://s3.REGION.amazonaws.com)
  Addressing addressing = Addressing::kAuto;
};

// A bucket's base URL: requests append the encoded key path to it.
struct BucketEndpoint {
  std::string scheme_and_host;  // "https://bucket.s3.us-east-1.amazonaws.com", "http://127.0.0.1:7480"
  std::string host;             // the Host header: "bucket.s3.us-east-1.amazonaws.com", "127.0.0.1:7480"
  std::string bucket_path;      // "/bucket" for path-style (plus any endpoint path), "" otherwise
};

// Fails with kBadConfig for an endpoint URL that is not http(s)://host[:port][/path], and for
// a bucket name that virtual-hosted addressing cannot carry when it was forced.
Result<BucketEndpoint> ResolveBucketEndpoint(const EndpointConfig& config, std::string_view bucket,
                                             std::string_view region);

// An endpoint URL taken apart: http(s)://host[:port][/path].
struct ParsedUrl {
  std::string scheme;  // "http" or "https", lower case
  std::string host;    // with the port, if any
  std::string path;    // without a trailing slash; "" for none
};

// Fails with kBadConfig, naming the URL, for anything else (no scheme, another scheme, no
// host, a port outside 1-65535). STS and S3 endpoints are read the same way.
Result<ParsedUrl> ParseEndpointUrl(std::string_view url);

// "addressing must be auto, path or virtual" on a bad value.
Result<Addressing> ParseAddressing(std::string_view text);

}  // namespace s3prune::s3
