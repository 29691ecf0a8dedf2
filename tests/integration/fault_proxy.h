// A fault-injecting HTTP proxy between s3prune and the local S3 server, for the tests of
// "exactly the plan, or a clear stop". It listens on 127.0.0.1 (an ephemeral port), forwards
// each request byte for byte (so SigV4 signatures stay valid: the Host header is passed on
// unchanged), and answers with the server's reply, unless a rule picks a fault for it.
// A rule applies to requests of one kind (or any), by request number (1-based, over the
// proxy's life) or with a rate drawn from a generator seeded by the test. A rule naming the
// request's number wins; otherwise rates are drawn in rule order, the first hit wins.
// Faults a real server cannot be made to produce on cue; the server behind it is real.
// Thread-safe: connections are served by their own threads.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <optional>
#include <memory>
#include <mutex>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace s3prune::testing {

enum class Fault {
  kSlowDown503,        // 503 SlowDown, not forwarded
  kInternalError500,   // 500 InternalError, not forwarded
  kResetBefore,        // connection reset before forwarding: the server saw nothing
  kResetAfter,         // forwarded, then reset: the server did it, the client never heard
  kTruncatedBody,      // forwarded; the reply's body is cut in half and the connection closed
  kSlow,               // forwarded; the reply waits `delay_ms` first
  kTruncatedNoToken,   // forwarded listing; <IsTruncated>true</IsTruncated> and no token in the reply
  kDeleteKeyErrors,    // DeleteObjects not forwarded; the reply has an <Error> for every key
  // A store without the operation (GCS's DeleteObjects until 2026, R2's ?versioning, s3rver's
  // ?uploads and ?versions, Swift's ?lifecycle), not forwarded:
  kNotImplemented501,     // 501 NotImplemented
  kMethodNotAllowed405,   // 405 MethodNotAllowed
  kBucketListingInstead,  // 200 with an empty <ListBucketResult>, as for a plain bucket GET
};

enum class RequestKind {
  kAny, kListObjects, kListVersions, kListUploads, kDeleteObjects, kGetVersioning, kGetLifecycle, kOther
};

struct FaultRule {
  Fault fault = Fault::kSlowDown503;
  RequestKind kind = RequestKind::kAny;
  double rate = 0;                    // probability per matching request, or
  std::set<std::uint64_t> numbers;    // these request numbers (counted over all requests)
  std::string key_contains;           // kDeleteKeyErrors only for bodies naming this ("" any)
  int delay_ms = 0;                   // kSlow
};

class FaultProxy {
 public:
  // `upstream`: http://127.0.0.1:PORT of the real server.
  FaultProxy(std::string upstream, std::vector<FaultRule> rules, std::uint64_t seed);
  ~FaultProxy();
  FaultProxy(const FaultProxy&) = delete;
  FaultProxy& operator=(const FaultProxy&) = delete;

  std::string endpoint() const;  // http://127.0.0.1:PORT of the proxy
  std::uint64_t requests() const { return requests_.load(); }
  std::map<Fault, std::uint64_t> injected() const;  // how often each fault was injected

 private:
  struct Request;
  enum class Ending { kClose, kReset };
  void AcceptLoop();
  void Serve(int client);
  Ending ServeRequests(int client);
  const FaultRule* Pick(const Request& request, std::uint64_t number);

  std::string upstream_host_;
  int upstream_port_ = 0;
  std::vector<FaultRule> rules_;
  int listener_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<std::uint64_t> requests_{0};
  mutable std::mutex mutex_;  // guards random_, injected_, clients_
  std::mt19937_64 random_;
  std::map<Fault, std::uint64_t> injected_;
  std::vector<int> clients_;
  std::vector<std::thread> threads_;
  std::thread acceptor_;
};

}  // namespace s3prune::testing
