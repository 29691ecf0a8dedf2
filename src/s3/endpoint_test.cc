#include "s3/endpoint.h"

#include <gtest/gtest.h>

namespace s3prune::s3 {
namespace {

struct EndpointCase {
  std::string endpoint_url;
  Addressing addressing;
  std::string bucket;
  std::string expected_base;
  std::string expected_host;
  std::string expected_bucket_path;
};

TEST(ResolveBucketEndpoint, Table) {
  const EndpointCase cases[] = {
      {"", Addressing::kAuto, "my-bucket", "https://my-bucket.s3.eu-west-1.amazonaws.com",
       "my-bucket.s3.eu-west-1.amazonaws.com", ""},
      // Dots break the wildcard certificate: path-style.
      {"", Addressing::kAuto, "my.bucket", "https://s3.eu-west-1.amazonaws.com",
       "s3.eu-west-1.amazonaws.com", "/my.bucket"},
      {"", Addressing::kPath, "my-bucket", "https://s3.eu-west-1.amazonaws.com",
       "s3.eu-west-1.amazonaws.com", "/my-bucket"},
      {"http://127.0.0.1:7480", Addressing::kAuto, "deploys", "http://127.0.0.1:7480",
       "127.0.0.1:7480", "/deploys"},
      {"http://localhost:7480/", Addressing::kAuto, "deploys", "http://localhost:7480",
       "localhost:7480", "/deploys"},
      {"http://[::1]:7480", Addressing::kAuto, "deploys", "http://[::1]:7480", "[::1]:7480", "/deploys"},
      {"https://s3.example.com", Addressing::kAuto, "deploys", "https://deploys.s3.example.com",
       "deploys.s3.example.com", ""},
      {"https://s3.example.com/gateway", Addressing::kPath, "deploys", "https://s3.example.com",
       "s3.example.com", "/gateway/deploys"},
      {"http://localhost:7480", Addressing::kVirtual, "deploys", "http://deploys.localhost:7480",
       "deploys.localhost:7480", ""},
      // Schemes are case-insensitive.
      {"HTTP://127.0.0.1:7480", Addressing::kAuto, "deploys", "http://127.0.0.1:7480",
       "127.0.0.1:7480", "/deploys"},
      {"Https://s3.example.com:65535", Addressing::kPath, "deploys", "https://s3.example.com:65535",
       "s3.example.com:65535", "/deploys"},
      // Upper case and underscores are no DNS label.
      {"https://s3.example.com", Addressing::kAuto, "Old_Bucket", "https://s3.example.com",
       "s3.example.com", "/Old_Bucket"},
  };
  for (const auto& c : cases) {
    auto endpoint = ResolveBucketEndpoint({c.endpoint_url, c.addressing}, c.bucket, "eu-west-1");
    ASSERT_TRUE(endpoint) << c.endpoint_url << " " << c.bucket << ": " << endpoint.error().message;
    EXPECT_EQ(endpoint->scheme_and_host, c.expected_base) << c.endpoint_url << " " << c.bucket;
    EXPECT_EQ(endpoint->host, c.expected_host) << c.endpoint_url << " " << c.bucket;
    EXPECT_EQ(endpoint->bucket_path, c.expected_bucket_path) << c.endpoint_url << " " << c.bucket;
  }
}

TEST(ResolveBucketEndpoint, RejectsBadEndpointUrls) {
  for (const std::string url : {"127.0.0.1:7480", "ftp://host", "http://", "http://user@host", "http://127.0.0.1:99999",
                                 "http://127.0.0.1:0", "http://host:", "http://host:80a", "http://[::1]:123456"}) {
    auto endpoint = ResolveBucketEndpoint({url, Addressing::kAuto}, "deploys", "us-east-1");
    ASSERT_FALSE(endpoint) << url;
    EXPECT_EQ(endpoint.error().code, ErrorCode::kBadConfig) << url;
  }
}

TEST(ResolveBucketEndpoint, APortOutOfRangeSaysWhatAPortIs) {
  auto endpoint = ResolveBucketEndpoint({"http://127.0.0.1:99999", Addressing::kAuto}, "deploys", "us-east-1");
  ASSERT_FALSE(endpoint);
  EXPECT_EQ(endpoint.error().message,
            "endpoint URL 'http://127.0.0.1:99999' has port '99999': a port is a number from 1 to 65535, "
            "e.g. http://127.0.0.1:7480");
}

TEST(ResolveBucketEndpoint, ForcedVirtualNeedsAHostName) {
  auto endpoint = ResolveBucketEndpoint({"http://127.0.0.1:7480", Addressing::kVirtual}, "deploys", "us-east-1");
  ASSERT_FALSE(endpoint);
  EXPECT_EQ(endpoint.error().code, ErrorCode::kBadConfig);
  EXPECT_NE(endpoint.error().message.find("is an IP address"), std::string::npos);
  EXPECT_NE(endpoint.error().message.find("use --addressing path"), std::string::npos);
}

TEST(ResolveBucketEndpoint, ForcedVirtualNeedsAHostableName) {
  auto endpoint = ResolveBucketEndpoint({"https://s3.example.com", Addressing::kVirtual}, "Old_Bucket", "us-east-1");
  ASSERT_FALSE(endpoint);
  EXPECT_NE(endpoint.error().message.find("--addressing path"), std::string::npos);
}

TEST(ParseAddressing, AcceptsTheThreeNames) {
  EXPECT_EQ(ParseAddressing("auto").value(), Addressing::kAuto);
  EXPECT_EQ(ParseAddressing("path").value(), Addressing::kPath);
  EXPECT_EQ(ParseAddressing("virtual").value(), Addressing::kVirtual);
  EXPECT_FALSE(ParseAddressing("Path"));
  EXPECT_FALSE(ParseAddressing(""));
}

}  // namespace
}  // namespace s3prune::s3
