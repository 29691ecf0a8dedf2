#include "s3/credentials/system_io.h"

#include <fcntl.h>
#include <signal.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <fstream>
#include <iterator>
#include <optional>

namespace s3prune::s3 {
namespace {

using std::chrono::milliseconds;
using std::chrono::steady_clock;

// Closes both ends of the pipes the parent keeps when the child is set up.
void CloseAll(int (&out)[2], int (&err)[2]) {
  for (int fd : {out[0], out[1], err[0], err[1]}) {
    if (fd >= 0) close(fd);
  }
}

// Reads the child's stdout and stderr into `result` until it has exited and closed both (a
// command may close them and go on running), or until the deadline. Returns its wait status,
// or nullopt at the deadline, when it is still to be killed and reaped. Closes both fds.
std::optional<int> Collect(pid_t child, int out_fd, int err_fd, steady_clock::time_point deadline,
                           CommandResult& result) {
  pollfd fds[2] = {{out_fd, POLLIN, 0}, {err_fd, POLLIN, 0}};
  std::string* sinks[2] = {&result.out, &result.err};
  int open_fds = 2;
  std::optional<int> status;
  while (!status) {
    const auto left = std::chrono::ceil<milliseconds>(deadline - steady_clock::now());
    if (left <= milliseconds::zero()) break;
    if (open_fds == 0) {
      // Both pipes closed: only its exit is awaited, checked every 10 ms.
      int wait_status = 0;
      if (waitpid(child, &wait_status, WNOHANG) == child) status = wait_status;
      else poll(nullptr, 0, static_cast<int>(std::min<milliseconds::rep>(left.count(), 10)));
      continue;
    }
    const int ready = poll(fds, 2, static_cast<int>(std::min<milliseconds::rep>(left.count(), 1000)));
    if (ready < 0 && errno != EINTR) break;  // cannot watch it: stop it rather than hang
    for (int i = 0; ready > 0 && i < 2; ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      char buffer[4096];
      const ssize_t n = read(fds[i].fd, buffer, sizeof buffer);
      if (n > 0) {
        sinks[i]->append(buffer, static_cast<std::size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        close(fds[i].fd);
        fds[i].fd = -1;
        --open_fds;
      }
    }
  }
  for (const pollfd& fd : fds) {
    if (fd.fd >= 0) close(fd.fd);
  }
  return status;
}

}  // namespace

CommandResult RunShellCommand(const std::string& command_line, std::chrono::seconds timeout) {
  CommandResult result;
  int out[2] = {-1, -1};
  int err[2] = {-1, -1};
  if (pipe2(out, O_CLOEXEC) != 0 || pipe2(err, O_CLOEXEC) != 0) {
    CloseAll(out, err);
    result.err = "cannot create pipes";
    return result;
  }
  const auto deadline = steady_clock::now() + timeout;
  const pid_t child = fork();
  if (child < 0) {
    CloseAll(out, err);
    result.err = "cannot fork";
    return result;
  }
  if (child == 0) {
    setpgid(0, 0);  // a group of its own, so that a timeout also kills what it started
    signal(SIGPIPE, SIG_DFL);  // an ignored signal stays ignored across exec
    const int null = open("/dev/null", O_RDONLY);
    dup2(null, STDIN_FILENO);
    dup2(out[1], STDOUT_FILENO);
    dup2(err[1], STDERR_FILENO);
    execl("/bin/sh", "sh", "-c", command_line.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  setpgid(child, child);  // also here: the group exists before any kill, whoever runs first
  close(out[1]);
  close(err[1]);
  std::optional<int> status = Collect(child, out[0], err[0], deadline, result);
  if (!status) {
    result.ending = CommandResult::Ending::kTimedOut;
    kill(-child, SIGKILL);
    kill(child, SIGKILL);  // in case it has no group of its own
    int wait_status = 0;
    while (waitpid(child, &wait_status, 0) < 0 && errno == EINTR) {
    }
    return result;  // exit_code stays -1
  }
  result.exit_code = WIFEXITED(*status) ? WEXITSTATUS(*status) : -1;
  return result;
}

ProviderIo SystemProviderIo(EnvLookup env, CurlSettings settings) {
  // Metadata endpoints are link-local: a proxy could neither reach them nor be trusted with
  // their tokens.
  settings.no_proxy += std::string(settings.no_proxy.empty() ? "" : ",") +
                       "169.254.169.254,169.254.170.2,169.254.170.23,fd00:ec2::23,localhost,127.0.0.1";
  ProviderIo io;
  io.env = std::move(env);
  io.http = [settings](const HttpRequest& request, std::chrono::seconds timeout) {
    CurlSettings bounded = settings;
    bounded.connect_timeout = timeout;
    bounded.stall_timeout = timeout;
    return CurlTransport(bounded).Send(request);
  };
  io.run = RunShellCommand;
  io.read_file = [](const std::string& path) -> std::optional<std::string> {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  };
  io.clock = [] { return std::chrono::system_clock::now(); };
  return io;
}

}  // namespace s3prune::s3
