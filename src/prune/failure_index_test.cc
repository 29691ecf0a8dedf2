#include "prune/failure_index.h"

#include <gtest/gtest.h>

#include <string>

namespace s3prune::prune {
namespace {

TEST(FailureIndex, AnErrorForAKeyNeverLeavesOneOfItsEntriesCountedAsDeleted) {
  const std::vector<s3::ObjectIdentifier> sent = {{"d1/a", "v1"}, {"d1/a", "v2"}, {"d1/b", "v3"}, {"d1/c", ""},
                                                  {"d1/d", "v4"}, {"d1/e", "v5"}};
  struct Case {
    const char* name;
    s3::ObjectIdentifier error_for;  // what the <Error> entry names
    std::vector<std::string> failed;  // "key version" of the sent entries that must fail
  };
  const Case cases[] = {
      {"exact version", {"d1/a", "v1"}, {"d1/a v1"}},
      {"no version id", {"d1/a", ""}, {"d1/a v1", "d1/a v2"}},
      {"version 'null'", {"d1/b", "null"}, {"d1/b v3"}},
      {"a version that was not sent", {"d1/d", "v9"}, {"d1/d v4"}},
      {"no version, sent without", {"d1/c", ""}, {"d1/c "}},
      {"a key that was not sent", {"d9/x", ""}, {}},
  };
  for (const Case& c : cases) {
    const std::vector<s3::DeleteFailure> failures = {{c.error_for, "AccessDenied", "denied"}};
    const FailureIndex index(failures, sent);
    std::vector<std::string> failed;
    for (const auto& object : sent) {
      if (const auto* failure = index.Find(object)) {
        EXPECT_EQ(failure->code, "AccessDenied") << c.name;
        failed.push_back(object.key + " " + object.version_id);
      }
    }
    EXPECT_EQ(failed, c.failed) << c.name;
  }
}

}  // namespace
}  // namespace s3prune::prune
