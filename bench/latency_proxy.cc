// latency_proxy: models a remote region on loopback. A TCP proxy that holds every chunk a
// client sends for a fixed delay before passing it on to the server; replies go straight
// back. Each request thus reaches the server `delay` later, as over a long link, whatever
// the tool's connection reuse or parallelism.
//
//   latency_proxy --listen PORT --target PORT [--delay-ms 20] [--max-seconds 3600]
//
// It only ever connects to 127.0.0.1:TARGET. Many connections at once, one thread, epoll.
// It stops by itself after --max-seconds, or on SIGINT/SIGTERM; once it listens it prints
// "latency_proxy: listening on 127.0.0.1:PORT" on stdout.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <deque>
#include <map>
#include <string>

#include "bench_env.h"

namespace {

using Clock = std::chrono::steady_clock;

// A side stops reading while this much is waiting to be written to the other side.
constexpr std::size_t kMaxBufferedBytes = 4 << 20;
constexpr std::size_t kReadSize = 64 << 10;

volatile sig_atomic_t stop_requested = 0;

struct Chunk {
  Clock::time_point due;
  std::string data;  // empty: the client's end of stream, passed on as a shutdown
  std::size_t written = 0;
};

struct Connection {
  int client = -1;
  int server = -1;
  std::deque<Chunk> upstream;  // client -> server, delayed
  std::size_t upstream_bytes = 0;
  std::string downstream;      // server -> client, not yet written
  bool client_eof = false;
  bool server_eof = false;
  bool upstream_blocked = false;  // the server's socket is full
  bool server_shut = false;       // the client's EOF was passed on
  bool client_shut = false;       // the server's EOF was passed on
  bool failed = false;
  std::uint32_t client_events = 0;
  std::uint32_t server_events = 0;
  bool client_watched = true;  // still in the epoll set (a socket done both ways leaves it,
  bool server_watched = true;  // or its EPOLLHUP would wake the loop over and over)
};

void SetNoDelay(int fd) {
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

// Linux may hold back the ACK of what was just read for up to 40 ms; a sender that waits for
// that ACK before its next small segment (Nagle) would then see 40 ms the proxy should not
// add. Quick-ack mode does not stick, so it is asked for again after every read.
void AckPromptly(int fd) {
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_QUICKACK, &one, sizeof one);
}

int Listen(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  int one = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 || listen(fd, 256) != 0) {
    s3prune::bench::Die("latency_proxy: cannot listen on 127.0.0.1:" + std::to_string(port) + ": " +
                        std::strerror(errno));
  }
  return fd;
}

// A blocking connect (loopback answers at once), then non-blocking for the loop.
int ConnectToTarget(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    close(fd);
    return -1;
  }
  const int flags = fcntl(fd, F_GETFL);
  fcntl(fd, F_SETFL, flags | O_NONBLOCK);
  SetNoDelay(fd);
  return fd;
}

class Proxy {
 public:
  Proxy(int listen_port, int target_port, Clock::duration delay)
      : listener_(Listen(listen_port)), target_port_(target_port), delay_(delay), epoll_(epoll_create1(EPOLL_CLOEXEC)) {
    epoll_event event{EPOLLIN, {.u64 = kListenerTag}};
    epoll_ctl(epoll_, EPOLL_CTL_ADD, listener_, &event);
  }

  void Run(Clock::time_point deadline) {
    epoll_event events[64];
    while (stop_requested == 0 && Clock::now() < deadline) {
      const int count = epoll_wait(epoll_, events, 64, TimeoutMs(deadline));
      if (count < 0 && errno != EINTR) break;
      for (int i = 0; i < std::max(count, 0); ++i) Handle(events[i]);
      const auto now = Clock::now();
      for (auto it = connections_.begin(); it != connections_.end();) {
        Connection& connection = it->second;
        FlushUpstream(connection, now);
        FlushDownstream(connection);
        if (Finished(connection)) {
          close(connection.client);
          close(connection.server);
          it = connections_.erase(it);
          continue;
        }
        UpdateInterest(it->first, connection);
        ++it;
      }
    }
    std::fprintf(stderr, "latency_proxy: %llu connections, %llu bytes up, %llu bytes down\n",
                 static_cast<unsigned long long>(accepted_), static_cast<unsigned long long>(bytes_up_),
                 static_cast<unsigned long long>(bytes_down_));
  }

 private:
  static constexpr std::uint64_t kListenerTag = ~std::uint64_t{0};

  // Until the earliest chunk falls due (rounded up, so it is never early), at most 100 ms.
  int TimeoutMs(Clock::time_point deadline) const {
    auto wake = std::min(deadline, Clock::now() + std::chrono::milliseconds(100));
    for (const auto& [id, connection] : connections_) {
      if (!connection.upstream.empty() && !connection.upstream_blocked) wake = std::min(wake, connection.upstream.front().due);
    }
    const auto wait = std::chrono::ceil<std::chrono::milliseconds>(wake - Clock::now()).count();
    return static_cast<int>(std::max<long long>(wait, 0));
  }

  void Handle(const epoll_event& event) {
    if (event.data.u64 == kListenerTag) {
      Accept();
      return;
    }
    auto it = connections_.find(event.data.u64 >> 1);
    if (it == connections_.end()) return;
    Connection& connection = it->second;
    const bool from_client = (event.data.u64 & 1) == 0;
    if (event.events & (EPOLLIN | EPOLLHUP | EPOLLERR)) {
      from_client ? ReadClient(connection) : ReadServer(connection);
    }
    if (event.events & EPOLLOUT) {
      if (from_client) FlushDownstream(connection);
      else connection.upstream_blocked = false;
    }
  }

  void Accept() {
    while (true) {
      const int client = accept4(listener_, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
      if (client < 0) return;
      const int server = ConnectToTarget(target_port_);
      if (server < 0) {
        close(client);
        continue;
      }
      SetNoDelay(client);
      const std::uint64_t id = next_id_++;
      Connection& connection = connections_[id];
      connection.client = client;
      connection.server = server;
      epoll_event client_event{0, {.u64 = id << 1}};
      epoll_event server_event{0, {.u64 = (id << 1) | 1}};
      epoll_ctl(epoll_, EPOLL_CTL_ADD, client, &client_event);
      epoll_ctl(epoll_, EPOLL_CTL_ADD, server, &server_event);
      ++accepted_;
    }
  }

  void ReadClient(Connection& connection) {
    if (connection.client_eof) return;
    std::string data(kReadSize, '\0');
    const ssize_t n = recv(connection.client, data.data(), data.size(), 0);
    AckPromptly(connection.client);
    if (n < 0 && (errno == EAGAIN || errno == EINTR)) return;
    if (n < 0) {
      connection.failed = true;
      return;
    }
    data.resize(static_cast<std::size_t>(n));
    if (n == 0) connection.client_eof = true;
    connection.upstream_bytes += data.size();
    bytes_up_ += data.size();
    connection.upstream.push_back({Clock::now() + delay_, std::move(data), 0});
  }

  void ReadServer(Connection& connection) {
    if (connection.server_eof) return;
    char buffer[kReadSize];
    const ssize_t n = recv(connection.server, buffer, sizeof buffer, 0);
    AckPromptly(connection.server);
    if (n < 0 && (errno == EAGAIN || errno == EINTR)) return;
    if (n < 0) {
      connection.failed = true;
      return;
    }
    if (n == 0) connection.server_eof = true;
    connection.downstream.append(buffer, static_cast<std::size_t>(n));
    bytes_down_ += static_cast<std::uint64_t>(n);
  }

  // Sends every chunk that is due, in order, until the server's socket is full.
  void FlushUpstream(Connection& connection, Clock::time_point now) {
    while (!connection.failed && !connection.upstream.empty() && !connection.upstream_blocked &&
           connection.upstream.front().due <= now) {
      Chunk& chunk = connection.upstream.front();
      if (chunk.data.empty()) {
        shutdown(connection.server, SHUT_WR);
        connection.server_shut = true;
        connection.upstream.pop_front();
        continue;
      }
      const ssize_t n = send(connection.server, chunk.data.data() + chunk.written, chunk.data.size() - chunk.written,
                             MSG_NOSIGNAL);
      if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
        connection.upstream_blocked = true;
        return;
      }
      if (n < 0) {
        connection.failed = true;
        return;
      }
      chunk.written += static_cast<std::size_t>(n);
      if (chunk.written < chunk.data.size()) continue;
      connection.upstream_bytes -= chunk.data.size();
      connection.upstream.pop_front();
    }
  }

  void FlushDownstream(Connection& connection) {
    while (!connection.failed && !connection.downstream.empty()) {
      const ssize_t n = send(connection.client, connection.downstream.data(), connection.downstream.size(), MSG_NOSIGNAL);
      if (n < 0 && (errno == EAGAIN || errno == EINTR)) return;
      if (n < 0) {
        connection.failed = true;
        return;
      }
      connection.downstream.erase(0, static_cast<std::size_t>(n));
    }
    if (connection.server_eof && connection.downstream.empty() && !connection.client_shut) {
      shutdown(connection.client, SHUT_WR);
      connection.client_shut = true;
    }
  }

  static bool Finished(const Connection& connection) {
    if (connection.failed) return true;
    return connection.server_shut && connection.client_shut;
  }

  void UpdateInterest(std::uint64_t id, Connection& connection) {
    if (connection.client_watched && connection.client_eof && connection.client_shut) {
      epoll_ctl(epoll_, EPOLL_CTL_DEL, connection.client, nullptr);
      connection.client_watched = false;
    }
    if (connection.server_watched && connection.server_eof && connection.server_shut) {
      epoll_ctl(epoll_, EPOLL_CTL_DEL, connection.server, nullptr);
      connection.server_watched = false;
    }
    std::uint32_t client_events = 0;
    std::uint32_t server_events = 0;
    if (!connection.client_eof && connection.upstream_bytes < kMaxBufferedBytes) client_events |= EPOLLIN;
    if (!connection.downstream.empty()) client_events |= EPOLLOUT;
    if (!connection.server_eof && connection.downstream.size() < kMaxBufferedBytes) server_events |= EPOLLIN;
    if (connection.upstream_blocked) server_events |= EPOLLOUT;
    if (connection.client_watched && client_events != connection.client_events) {
      epoll_event event{client_events, {.u64 = id << 1}};
      epoll_ctl(epoll_, EPOLL_CTL_MOD, connection.client, &event);
      connection.client_events = client_events;
    }
    if (connection.server_watched && server_events != connection.server_events) {
      epoll_event event{server_events, {.u64 = (id << 1) | 1}};
      epoll_ctl(epoll_, EPOLL_CTL_MOD, connection.server, &event);
      connection.server_events = server_events;
    }
  }

  const int listener_;
  const int target_port_;
  const Clock::duration delay_;
  const int epoll_;
  std::map<std::uint64_t, Connection> connections_;
  std::uint64_t next_id_ = 0;
  std::uint64_t accepted_ = 0;
  std::uint64_t bytes_up_ = 0;
  std::uint64_t bytes_down_ = 0;
};

}  // namespace

int main(int argc, char** argv) {
  const s3prune::bench::Flags flags(argc, argv, 1);
  flags.RequireOnly({"listen", "target", "delay-ms", "max-seconds"});
  const auto listen_port = flags.Number("listen", 0);
  const auto target_port = flags.Number("target", 0);
  if (listen_port == 0 || listen_port > 65535 || target_port == 0 || target_port > 65535) {
    s3prune::bench::Die("usage: latency_proxy --listen PORT --target PORT [--delay-ms 20] [--max-seconds 3600]");
  }
  const auto delay = std::chrono::milliseconds(flags.Number("delay-ms", 20));
  const auto deadline = Clock::now() + std::chrono::seconds(flags.Number("max-seconds", 3600));
  struct sigaction action{};
  action.sa_handler = [](int) { stop_requested = 1; };
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
  Proxy proxy(static_cast<int>(listen_port), static_cast<int>(target_port), delay);
  std::printf("latency_proxy: listening on 127.0.0.1:%d, delay %lld ms\n", static_cast<int>(listen_port),
              static_cast<long long>(delay.count()));
  std::fflush(stdout);
  proxy.Run(deadline);
  return 0;
}
