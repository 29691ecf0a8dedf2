#include "s3/capabilities.h"

#include <gtest/gtest.h>

#include "s3/client.h"

namespace s3prune::s3 {
namespace {

S3Request Request(std::string method, HttpHeaders query, std::string key = "") {
  S3Request request;
  request.method = std::move(method);
  request.bucket = "b";
  request.key = std::move(key);
  request.query = std::move(query);
  return request;
}

TEST(Capabilities, TheSubResourceNamesTheFeatureAndTheRequest) {
  const struct {
    S3Request request;
    Feature feature;
    std::string name;
  } cases[] = {
      {Request("GET", {{"lifecycle", ""}}), Feature::kLifecycle, "GET bucket ?lifecycle"},
      {Request("PUT", {{"lifecycle", ""}}), Feature::kLifecycle, "PUT bucket ?lifecycle"},
      {Request("GET", {{"versioning", ""}}), Feature::kVersioning, "GET bucket ?versioning"},
      {Request("GET", {{"versions", ""}, {"prefix", ""}, {"max-keys", "1000"}}), Feature::kVersionListing,
       "GET bucket ?versions"},
      {Request("GET", {{"uploads", ""}, {"encoding-type", "url"}}), Feature::kUploadListing, "GET bucket ?uploads"},
      {Request("POST", {{"delete", ""}}), Feature::kMultiObjectDelete, "POST bucket ?delete"},
      {Request("DELETE", {{"uploadId", "x"}}, "k"), Feature::kOther, "DELETE object"},
      {Request("GET", {{"list-type", "2"}}), Feature::kOther, "GET bucket"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(FeatureOf(c.request), c.feature) << c.name;
    EXPECT_EQ(RequestName(c.request), c.name);
  }
}

TEST(Capabilities, EachFeatureIsLearnedOnceInTheOrderLearned) {
  StoreCapabilities capabilities;
  EXPECT_FALSE(capabilities.Lacks(Feature::kMultiObjectDelete));
  capabilities.Learn({Feature::kMultiObjectDelete, "POST bucket ?delete", "HTTP 501 NotImplemented"});
  capabilities.Learn({Feature::kLifecycle, "GET bucket ?lifecycle", "a bucket listing"});
  capabilities.Learn({Feature::kMultiObjectDelete, "POST bucket ?delete", "again"});
  EXPECT_TRUE(capabilities.Lacks(Feature::kMultiObjectDelete));
  EXPECT_TRUE(capabilities.Lacks(Feature::kLifecycle));
  EXPECT_FALSE(capabilities.Lacks(Feature::kVersioning));
  const auto lacking = capabilities.Lacking();
  ASSERT_EQ(lacking.size(), 2u);
  EXPECT_EQ(lacking[0].answer, "HTTP 501 NotImplemented");
  EXPECT_EQ(lacking[1].feature, Feature::kLifecycle);
}

}  // namespace
}  // namespace s3prune::s3
