// One place credentials may come from (the environment, a profile, a web identity token, a
// container endpoint, EC2 instance metadata), behind one interface so that the chain
// (chain.h) tries them in the SDKs' order. Every provider does its I/O through the
// ProviderIo it is given: tests script HTTP replies, commands and the clock, and never
// touch the network or the process environment.
#pragma once

#include <chrono>
#include <expected>
#include <functional>
#include <optional>
#include <string>

#include "s3/auth/credentials.h"
#include "s3/http/http_transport.h"

namespace s3prune::s3 {

// One HTTP request with connect and stall timeouts of `timeout`; no retries (the caller
// decides). The real one is CurlHttpSend (curl_http_send.h).
using HttpSend = std::function<std::expected<HttpResponse, TransportError>(const HttpRequest&, std::chrono::seconds timeout)>;

struct CommandResult {
  int exit_code = -1;  // -1 when it could not be started or was killed
  std::string out;
  std::string err;
  // kTimedOut: still running at the timeout, so it was killed with its process group; `out`
  // and `err` hold what it wrote until then.
  enum class Ending { kOnItsOwn, kTimedOut } ending = Ending::kOnItsOwn;
};
// Runs a command line (credential_process) through /bin/sh and collects its output; kills it
// (and what it started) once it has run for `timeout`. The real one is RunShellCommand.
using RunCommand = std::function<CommandResult(const std::string& command_line, std::chrono::seconds timeout)>;

// Reads a whole file (token files, the SSO cache); nullopt when it cannot be read.
using ReadFile = std::function<std::optional<std::string>(const std::string& path)>;

struct ProviderIo {
  EnvLookup env;
  HttpSend http;
  RunCommand run;
  ReadFile read_file;
  std::function<std::chrono::system_clock::time_point()> clock;
};

// What a provider found: credentials, or none and why (for the "nothing found" message).
struct Lookup {
  std::optional<Credentials> credentials{};
  std::string none_because{};  // e.g. "AWS_ACCESS_KEY_ID is not set"
};

class CredentialsProvider {
 public:
  virtual ~CredentialsProvider() = default;
  // "environment", "profile 'dev'", "web identity", "container", "EC2 instance metadata".
  virtual std::string Name() const = 0;
  // Credentials; none (with the reason); or an error: something is configured but broken,
  // which stops the chain (a later provider must not silently stand in for it).
  // Called again to refresh temporary credentials. Thread-compatible: RefreshingSource
  // serialises calls.
  virtual Result<Lookup> Load() = 0;
};

}  // namespace s3prune::s3
