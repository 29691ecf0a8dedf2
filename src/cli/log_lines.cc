#include "cli/log_lines.h"

#include <iostream>

#include <nlohmann/json.hpp>

#include "s3/core/timestamp.h"

namespace s3prune::cli {
namespace {

struct Classified {
  std::string_view level;
  std::string_view event;
  std::string_view message;
};

bool StartsWithMethod(std::string_view text) {
  for (std::string_view method : {"GET ", "PUT ", "POST ", "DELETE ", "HEAD "}) {
    if (text.starts_with(method)) return true;
  }
  return false;
}

Classified Classify(std::string_view line) {
  const bool ours = line.starts_with("s3prune: ");
  if (ours) line.remove_prefix(9);
  if (line.starts_with("warning: ")) return {"warn", "warning", line.substr(9)};
  if (StartsWithMethod(line)) return {"debug", "request", line};
  if (line.starts_with("requests: ")) return {"info", "stats", line};
  if (ours) return {"error", "error", line};
  return {"info", "message", line};
}

}  // namespace

std::string JsonLogLine(std::string_view line, std::chrono::system_clock::time_point time) {
  const Classified classified = Classify(line);
  const nlohmann::json object = {
      {"time", s3::FormatTimestamp(std::chrono::time_point_cast<std::chrono::milliseconds>(time))},
      {"level", classified.level},
      {"event", classified.event},
      {"message", classified.message},
  };
  return object.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

JsonLinesBuffer::~JsonLinesBuffer() {
  if (!line_.empty()) Emit();
}

void JsonLinesBuffer::Emit() {
  // A progress line redraws itself with '\r': only what follows the last one is a message,
  // and a line of nothing but progress is dropped.
  const auto carriage = line_.rfind('\r');
  std::string_view text = line_;
  if (carriage != std::string::npos) text.remove_prefix(carriage + 1);
  if (!text.empty()) {
    const std::string json = JsonLogLine(text, clock_()) + "\n";
    sink_->sputn(json.data(), static_cast<std::streamsize>(json.size()));
    sink_->pubsync();
  }
  line_.clear();
}

JsonLinesBuffer::int_type JsonLinesBuffer::overflow(int_type c) {
  if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
  if (traits_type::to_char_type(c) == '\n') {
    Emit();
  } else {
    line_ += traits_type::to_char_type(c);
  }
  return c;
}

std::streamsize JsonLinesBuffer::xsputn(const char* text, std::streamsize count) {
  for (std::streamsize i = 0; i < count; ++i) overflow(traits_type::to_int_type(text[i]));
  return count;
}

int JsonLinesBuffer::sync() { return 0; }  // a line is written when it ends, not before

JsonLogsOnStderr::JsonLogsOnStderr()
    : text_(std::cerr.rdbuf()), json_(text_, [] { return std::chrono::system_clock::now(); }) {
  std::cerr.rdbuf(&json_);
}

JsonLogsOnStderr::~JsonLogsOnStderr() { std::cerr.rdbuf(text_); }

}  // namespace s3prune::cli
