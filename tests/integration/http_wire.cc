#include "http_wire.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace s3prune::testing {

bool SendAll(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (n <= 0) return false;
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

std::string Head::Header(std::string_view lower_name) const {
  for (const auto& [name, value] : headers) {
    if (util::ToLower(name) == lower_name) return value;
  }
  return "";
}

Head ParseHead(std::string_view text) {
  Head head;
  std::size_t line_end = text.find("\r\n");
  head.first_line = std::string(text.substr(0, line_end));
  std::size_t at = line_end + 2;
  while (at < text.size()) {
    line_end = text.find("\r\n", at);
    if (line_end == std::string_view::npos) line_end = text.size();
    const std::string_view line = text.substr(at, line_end - at);
    at = line_end + 2;
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string_view value = line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    head.headers.emplace_back(std::string(line.substr(0, colon)), std::string(value));
  }
  return head;
}

// Reads one request; false at the end of the connection.
bool ReadRequest(int fd, std::string& buffer, std::string& raw_head, std::string& body) {
  std::size_t end;
  while ((end = buffer.find("\r\n\r\n")) == std::string::npos) {
    char chunk[65536];
    const ssize_t n = recv(fd, chunk, sizeof chunk, 0);
    if (n <= 0) return false;
    buffer.append(chunk, static_cast<std::size_t>(n));
  }
  raw_head = buffer.substr(0, end + 4);
  buffer.erase(0, end + 4);
  const Head head = ParseHead(raw_head);
  if (util::ToLower(head.Header("expect")) == "100-continue") SendAll(fd, "HTTP/1.1 100 Continue\r\n\r\n");
  const std::string length_text = head.Header("content-length");
  const std::size_t length = length_text.empty() ? 0 : std::stoul(length_text);
  while (buffer.size() < length) {
    char chunk[65536];
    const ssize_t n = recv(fd, chunk, sizeof chunk, 0);
    if (n <= 0) return false;
    buffer.append(chunk, static_cast<std::size_t>(n));
  }
  body = buffer.substr(0, length);
  buffer.erase(0, length);
  return true;
}

int ListenOnLoopback(int& port) {
  const int listener = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 || listen(listener, 64) != 0) {
    throw std::runtime_error("test server: cannot listen on loopback");
  }
  socklen_t length = sizeof address;
  getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length);
  port = ntohs(address.sin_port);
  return listener;
}

}  // namespace s3prune::testing
