#include "s3/request_timeouts.h"

#include <gtest/gtest.h>

namespace s3prune::s3 {
namespace {

using std::chrono::seconds;

TEST(RequestTimeouts, EachKindOfWorkHasItsOwnLimit) {
  const RequestTimeouts timeouts;
  const std::pair<OperationKind, seconds> cases[] = {
      {OperationKind::kDeleteObjects, seconds(60)}, {OperationKind::kListObjects, seconds(30)},
      {OperationKind::kListVersions, seconds(30)},  {OperationKind::kListUploads, seconds(30)},
      {OperationKind::kDeleteObject, seconds(10)},  {OperationKind::kBucket, seconds(10)},
      {OperationKind::kGetObject, seconds(10)},     {OperationKind::kAbortUpload, seconds(10)},
  };
  for (const auto& [kind, limit] : cases) EXPECT_EQ(timeouts.For(kind), limit) << OperationName(kind);
}

TEST(ParseRequestTimeouts, NamesAnySubsetAndKeepsTheOthers) {
  struct Case {
    std::string_view text;
    seconds request, list, delete_batch;
  };
  const Case cases[] = {
      {"", seconds(10), seconds(30), seconds(60)},
      {"delete=2", seconds(10), seconds(30), seconds(2)},
      {"list=5, request=3", seconds(3), seconds(5), seconds(60)},
      {"request=1,list=1,delete=3600", seconds(1), seconds(1), seconds(3600)},
  };
  for (const auto& c : cases) {
    auto parsed = ParseRequestTimeouts(c.text);
    ASSERT_TRUE(parsed) << c.text;
    EXPECT_EQ(parsed->request, c.request) << c.text;
    EXPECT_EQ(parsed->list, c.list) << c.text;
    EXPECT_EQ(parsed->delete_batch, c.delete_batch) << c.text;
  }
}

TEST(ParseRequestTimeouts, RefusesWhatItCannotRead) {
  for (std::string_view text : {"delete", "delete=", "delete=0", "delete=3601", "delete=-1", "delete=1.5",
                                "read=5", "delete=5,"}) {
    auto parsed = ParseRequestTimeouts(text);
    ASSERT_FALSE(parsed) << text;
    EXPECT_EQ(parsed.error().code, ErrorCode::kBadConfig) << text;
    EXPECT_NE(parsed.error().message.find("S3PRUNE_TIMEOUTS"), std::string::npos) << text;
  }
}

}  // namespace
}  // namespace s3prune::s3
