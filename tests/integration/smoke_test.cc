#include "test_server.h"

#include <gtest/gtest.h>

namespace s3prune::testing {
namespace {

TEST(Smoke, PutListAndSeeWithTheAwsCli) {
  S3PRUNE_REQUIRE_SERVER(server);
  ScopedBucket bucket(server, "smoke");
  PutObjects(bucket.client(), bucket.name(), {"a/1", "b/2"});
  EXPECT_EQ(ListAllKeys(bucket.client(), bucket.name()), (std::vector<std::string>{"a/1", "b/2"}));
  EXPECT_EQ(AwsListKeys(server, bucket.name()), (std::vector<std::string>{"a/1", "b/2"}));
}

}  // namespace
}  // namespace s3prune::testing
