// The HTTP/1.1 wire, as the project's test servers speak it on loopback (the fault proxy,
// the fake credential endpoints): listening on an ephemeral port, reading one request with
// its body, header lookup, sending everything. Test-only; just enough HTTP for our clients.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "util/text.h"  // ToLower, for header names

namespace s3prune::testing {

// send() until all is sent; false when the peer went away.
bool SendAll(int fd, std::string_view data);

struct Head {
  std::string first_line;
  std::vector<std::pair<std::string, std::string>> headers;  // names as sent
  std::string Header(std::string_view lower_name) const;
};

Head ParseHead(std::string_view text);

// Reads one request from `fd` (bytes past it stay in `buffer`); false at the end of the
// connection. Answers "Expect: 100-continue".
bool ReadRequest(int fd, std::string& buffer, std::string& raw_head, std::string& body);

// A socket listening on 127.0.0.1 at an ephemeral port, written to `port`; throws when none.
int ListenOnLoopback(int& port);

}  // namespace s3prune::testing
