#include "cli/log_lines.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <ostream>
#include <sstream>

namespace s3prune::cli {
namespace {

const auto kTime = std::chrono::system_clock::time_point(std::chrono::sys_days{std::chrono::year{2026} / 12 / 1}) +
                   std::chrono::milliseconds(1500);

TEST(JsonLogLine, EachKindOfLineGetsItsLevelAndEvent) {
  const struct {
    const char* line;
    const char* level;
    const char* event;
    const char* message;
  } cases[] = {
      {"s3prune: bucket 'b' does not exist", "error", "error", "bucket 'b' does not exist"},
      {"warning: b is versioned", "warn", "warning", "b is versioned"},
      {"s3prune: warning: could not refresh", "warn", "warning", "could not refresh"},
      {"s3prune: GET /b/?list-type=2 -> 200 3 ms", "debug", "request", "GET /b/?list-type=2 -> 200 3 ms"},
      {"requests: 4 list_objects=2; retries: 0", "info", "stats", "requests: 4 list_objects=2; retries: 0"},
      {"Delete 2 deployments?", "info", "message", "Delete 2 deployments?"},
  };
  for (const auto& c : cases) {
    const auto object = nlohmann::json::parse(JsonLogLine(c.line, kTime));
    EXPECT_EQ(object["level"], c.level) << c.line;
    EXPECT_EQ(object["event"], c.event) << c.line;
    EXPECT_EQ(object["message"], c.message) << c.line;
    EXPECT_EQ(object["time"], "2026-12-01T00:00:01.500Z");
  }
}

TEST(JsonLinesBuffer, TurnsEveryFinishedLineIntoOneObjectAndDropsProgress) {
  std::ostringstream sink;
  {
    JsonLinesBuffer buffer(sink.rdbuf(), [] { return kTime; });
    std::ostream err(&buffer);
    err << "\rlisted 10 objects\rlisted 20 objects\r\n";
    err << "s3prune: first" << " part\n" << "warning: w\n";
    err << "no newline at the end";
  }
  std::istringstream lines(sink.str());
  std::string line;
  std::vector<nlohmann::json> objects;
  while (std::getline(lines, line)) objects.push_back(nlohmann::json::parse(line));
  ASSERT_EQ(objects.size(), 3u) << sink.str();
  EXPECT_EQ(objects[0]["message"], "first part");
  EXPECT_EQ(objects[1]["event"], "warning");
  EXPECT_EQ(objects[2]["message"], "no newline at the end");
}

}  // namespace
}  // namespace s3prune::cli
