#include "usecase/marker_times.h"

#include <chrono>
#include <string>

#include <gtest/gtest.h>

namespace s3prune::usecase {
namespace {

using namespace std::chrono_literals;

const policy::Timestamp kWritten = policy::Timestamp(std::chrono::sys_days(std::chrono::year{2024} / 5 / 1) + 9h);

TEST(ReadingOf, TheBodyTheLastModifiedOrTheHeaderSaysWhen) {
  const auto object = policy::ParseTimeSource("object:.deployed-at").value();
  const auto meta = policy::ParseTimeSource("meta:deployed-at").value();
  const policy::Timestamp written_in = policy::Timestamp(std::chrono::sys_days(std::chrono::year{2024} / 1 / 1));
  struct Case {
    const char* name;
    const policy::TimeSource& source;
    s3::ObjectRead read;
    std::optional<policy::Timestamp> time;
    std::string problem;
  };
  const Case cases[] = {
      {"a time in the body", object, {"2024-01-01T00:00:00Z\n", kWritten, {}}, written_in, ""},
      {"an empty body: its LastModified", object, {"", kWritten, {}}, kWritten, ""},
      {"a blank body: its LastModified", object, {" \n", kWritten, {}}, kWritten, ""},
      {"an empty body without Last-Modified", object, {"", std::nullopt, {}}, std::nullopt,
       "its marker .deployed-at is empty and has no Last-Modified"},
      {"a body that is no time", object, {"deployed by ci", kWritten, {}}, std::nullopt,
       "its marker .deployed-at: marker holds 'deployed by ci', which is not a time (epoch seconds, RFC 3339, or "
       "YYYY-MM-DD[ HH:MM:SS] in UTC)"},
      {"the header", meta, {"", kWritten, {{"deployed-at", "1704067200"}}}, written_in, ""},
      {"no such header: never its LastModified", meta, {"", kWritten, {{"other", "1"}}}, std::nullopt,
       "its marker .deployed-at has no x-amz-meta-deployed-at"},
      {"a header that is no time", meta, {"", kWritten, {{"deployed-at", "soon"}}}, std::nullopt,
       "x-amz-meta-deployed-at of its marker .deployed-at: marker holds 'soon', which is not a time (epoch seconds, "
       "RFC 3339, or YYYY-MM-DD[ HH:MM:SS] in UTC)"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const policy::MarkerReading reading = ReadingOf(c.source, c.read);
    EXPECT_EQ(reading.time, c.time);
    EXPECT_EQ(reading.problem, c.problem);
  }
}

}  // namespace
}  // namespace s3prune::usecase
