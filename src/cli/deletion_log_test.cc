#include "cli/deletion_log.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <sstream>

#include <nlohmann/json.hpp>

namespace s3prune::cli {
namespace {

std::vector<std::string> LinesOf(const std::string& path) {
  std::ifstream file(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(file, line);) lines.push_back(line);
  return lines;
}

TEST(DeletionLog, OneJsonLinePerDeletedEntryAppendedAcrossRuns) {
  const std::string path = ::testing::TempDir() + "deletion_log_test.jsonl";
  std::remove(path.c_str());
  const auto at = std::chrono::sys_days(std::chrono::year{2026} / 12 / 3) + std::chrono::milliseconds(1500);
  for (int run = 0; run < 2; ++run) {
    auto log = DeletionLog::Open(path, "deploys", [&] { return at; });
    ASSERT_TRUE(log.has_value()) << log.error();
    log->Write({{"d1", {"d1/index.html", "v1"}, 12}, {"d1", {"d1/\xff.css", ""}, 3}});
    EXPECT_FALSE(log->Failed());
  }
  const auto lines = LinesOf(path);
  ASSERT_EQ(lines.size(), 4u);
  const auto first = nlohmann::json::parse(lines[0]);
  EXPECT_EQ(first, nlohmann::json::parse(R"({"time": "2026-12-03T00:00:01.500Z", "bucket": "deploys", "deployment": "d1",
                                            "key": "d1/index.html", "version_id": "v1", "size": 12})"));
  EXPECT_EQ(nlohmann::json::parse(lines[1])["key"], "d1/\xEF\xBF\xBD.css");  // the bad byte as U+FFFD
  EXPECT_EQ(lines[2], lines[0]);
}

TEST(DeletionLog, AFileThatCannotBeOpenedIsAOneLineError) {
  auto log = DeletionLog::Open("/nonexistent-folder/deleted.jsonl", "deploys", [] { return std::chrono::system_clock::now(); });
  ASSERT_FALSE(log.has_value());
  EXPECT_NE(log.error().find("/nonexistent-folder/deleted.jsonl"), std::string::npos);
  EXPECT_EQ(log.error().find('\n'), std::string::npos);
}

}  // namespace
}  // namespace s3prune::cli
