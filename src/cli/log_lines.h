// `--log-format json`: everything s3prune writes on stderr (errors, warnings, -v request
// lines, --stats, credential refresh notes) as one JSON object a line, for CloudWatch, Loki
// and other collectors: {"time", "level", "event", "message"}. The commands keep writing text
// lines; this stream buffer, put under std::cerr, turns each finished line into JSON, so no
// message can bypass it. Progress lines (carriage returns) are dropped: a collector has no
// terminal. Not thread-safe by itself: std::cerr users already write whole lines.
#pragma once

#include <chrono>
#include <functional>
#include <streambuf>
#include <string>
#include <string_view>

namespace s3prune::cli {

// The JSON object for one text line as the commands write it ("s3prune: warning: ...").
// Pure: `time` is passed in.
std::string JsonLogLine(std::string_view line, std::chrono::system_clock::time_point time);

class JsonLinesBuffer : public std::streambuf {
 public:
  using Clock = std::function<std::chrono::system_clock::time_point()>;
  JsonLinesBuffer(std::streambuf* sink, Clock clock) : sink_(sink), clock_(std::move(clock)) {}
  ~JsonLinesBuffer() override;

 protected:
  int_type overflow(int_type c) override;
  std::streamsize xsputn(const char* text, std::streamsize count) override;
  int sync() override;

 private:
  void Emit();

  std::streambuf* sink_;
  Clock clock_;
  std::string line_;
};

// For its lifetime, std::cerr writes JSON lines through a JsonLinesBuffer over the text
// stderr it found; at the end the text buffer is put back, then an unfinished line is emitted.
// Both doors use it: the command line for --log-format json, Lambda always.
class JsonLogsOnStderr {
 public:
  JsonLogsOnStderr();
  ~JsonLogsOnStderr();
  JsonLogsOnStderr(const JsonLogsOnStderr&) = delete;
  JsonLogsOnStderr& operator=(const JsonLogsOnStderr&) = delete;

 private:
  std::streambuf* text_;
  JsonLinesBuffer json_;
};

}  // namespace s3prune::cli
