// The real I/O of the credentials providers: HTTP through CurlTransport (the link-local
// metadata hosts bypass any proxy, as in the SDKs), commands through /bin/sh, files from
// disk, the system clock.
#pragma once

#include "s3/credentials/provider.h"
#include "s3/http/curl_transport.h"

namespace s3prune::s3 {

ProviderIo SystemProviderIo(EnvLookup env, CurlSettings settings);

// /bin/sh -c COMMAND with stdin closed; stdout and stderr collected whole. The command runs
// in a process group of its own, with SIGPIPE at its default action (s3prune ignores it);
// once it has run for `timeout`, the whole group is killed (SIGKILL) and the result says
// kTimedOut. Blocks the calling thread until then.
CommandResult RunShellCommand(const std::string& command_line, std::chrono::seconds timeout);

}  // namespace s3prune::s3
