#include "fault_proxy.h"

#include "http_wire.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <stdexcept>
#include <string_view>

namespace s3prune::testing {
namespace {



// Closes with an RST instead of a FIN: what a crashed proxy or a dropped route looks like.
void Reset(int fd) {
  linger hard{1, 0};
  setsockopt(fd, SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
  close(fd);
}



std::string DecodeChunked(std::string_view body) {
  std::string out;
  while (true) {
    const auto line_end = body.find("\r\n");
    if (line_end == std::string_view::npos) break;
    const std::size_t size = std::stoul(std::string(body.substr(0, line_end)), nullptr, 16);
    if (size == 0) break;
    out.append(body.substr(line_end + 2, size));
    body.remove_prefix(std::min(body.size(), line_end + 2 + size + 2));
  }
  return out;
}

std::string ErrorXml(const char* code, const char* message) {
  return std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>") + code + "</Code><Message>" + message +
         "</Message></Error>";
}

// Removes the first <name>...</name> element.
void RemoveElement(std::string& xml, const std::string& name) {
  const auto start = xml.find("<" + name + ">");
  if (start == std::string::npos) return;
  const std::string close = "</" + name + ">";
  const auto end = xml.find(close, start);
  if (end != std::string::npos) xml.erase(start, end + close.size() - start);
}

}  // namespace

struct FaultProxy::Request {
  Head head;
  std::string raw_head;  // up to and including the blank line
  std::string body;
  RequestKind kind = RequestKind::kOther;
  bool is_head = false;
};

struct Reply {
  Head head;
  std::string body;
};

namespace {


// Whether the request line's query names `parameter` (first or not: the query is sorted).
bool HasParameter(const std::string& line, const std::string& parameter) {
  const std::size_t end = line.find(' ', line.find(' ') + 1);
  const std::size_t query = line.find('?');
  if (query == std::string::npos || query > end) return false;
  for (std::size_t at = query; at < end;) {
    const std::size_t next = std::min(line.find('&', at + 1), end);
    std::string name = line.substr(at + 1, next - at - 1);
    name = name.substr(0, name.find('='));
    if (name == parameter) return true;
    at = next;
  }
  return false;
}

RequestKind KindOf(const Head& head) {
  const std::string& line = head.first_line;
  const bool get = line.starts_with("GET ");
  if (get && HasParameter(line, "list-type")) return RequestKind::kListObjects;
  if (get && HasParameter(line, "versions")) return RequestKind::kListVersions;
  if (get && HasParameter(line, "uploads")) return RequestKind::kListUploads;
  if (line.starts_with("POST ") && HasParameter(line, "delete")) return RequestKind::kDeleteObjects;
  if (get && HasParameter(line, "versioning")) return RequestKind::kGetVersioning;
  if (get && HasParameter(line, "lifecycle")) return RequestKind::kGetLifecycle;
  return RequestKind::kOther;
}

void SendReply(int fd, const Reply& reply, bool is_head, std::size_t send_bytes) {
  std::string out = reply.head.first_line + "\r\n";
  for (const auto& [name, value] : reply.head.headers) {
    const std::string lower = util::ToLower(name);
    if (lower == "transfer-encoding" || lower == "connection") continue;
    if (lower == "content-length" && !is_head) continue;
    out += name + ": " + value + "\r\n";
  }
  if (!is_head) out += "Content-Length: " + std::to_string(reply.body.size()) + "\r\n";
  out += "\r\n";
  if (!is_head) out.append(reply.body, 0, std::min(send_bytes, reply.body.size()));
  SendAll(fd, out);
}

Reply MakeReply(int status, const char* reason, std::string body) {
  Reply reply;
  reply.head.first_line = "HTTP/1.1 " + std::to_string(status) + " " + reason;
  reply.head.headers = {{"Content-Type", "application/xml"}};
  reply.body = std::move(body);
  return reply;
}

// Every <Object> of a DeleteObjects body, answered with an <Error>.
std::string DeleteErrorsFor(const std::string& request_body) {
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><DeleteResult>";
  std::size_t at = 0;
  while ((at = request_body.find("<Object>", at)) != std::string::npos) {
    const auto end = request_body.find("</Object>", at);
    std::string object = request_body.substr(at + 8, end - at - 8);
    out += "<Error>" + object + "<Code>InternalError</Code><Message>injected by the fault proxy</Message></Error>";
    at = end;
  }
  return out + "</DeleteResult>";
}

}  // namespace

FaultProxy::FaultProxy(std::string upstream, std::vector<FaultRule> rules, std::uint64_t seed)
    : rules_(std::move(rules)), random_(seed) {
  const auto host_start = upstream.find("://") + 3;
  const auto colon = upstream.rfind(':');
  upstream_host_ = upstream.substr(host_start, colon - host_start);
  upstream_port_ = std::stoi(upstream.substr(colon + 1));
  listener_ = ListenOnLoopback(port_);
  acceptor_ = std::thread([this] { AcceptLoop(); });
}

FaultProxy::~FaultProxy() {
  stopping_ = true;
  acceptor_.join();
  {
    std::lock_guard lock(mutex_);
    for (int fd : clients_) shutdown(fd, SHUT_RDWR);
  }
  for (auto& thread : threads_) thread.join();
  close(listener_);
}

std::string FaultProxy::endpoint() const { return "http://127.0.0.1:" + std::to_string(port_); }

std::map<Fault, std::uint64_t> FaultProxy::injected() const {
  std::lock_guard lock(mutex_);
  return injected_;
}

void FaultProxy::AcceptLoop() {
  while (!stopping_) {
    pollfd ready{listener_, POLLIN, 0};
    if (poll(&ready, 1, 50) <= 0) continue;
    const int client = accept(listener_, nullptr, nullptr);
    if (client < 0) continue;
    std::lock_guard lock(mutex_);
    clients_.push_back(client);
    threads_.emplace_back([this, client] { Serve(client); });
  }
}

const FaultRule* FaultProxy::Pick(const Request& request, std::uint64_t number) {
  std::lock_guard lock(mutex_);
  auto applies = [&](const FaultRule& rule) {
    if (rule.kind != RequestKind::kAny && rule.kind != request.kind) return false;
    return rule.fault != Fault::kDeleteKeyErrors ||
           (request.kind == RequestKind::kDeleteObjects && request.body.find(rule.key_contains) != std::string::npos);
  };
  const FaultRule* picked = nullptr;
  for (const auto& rule : rules_) {  // request numbers first: a test that names one gets it
    if (applies(rule) && rule.numbers.contains(number)) {
      picked = &rule;
      break;
    }
  }
  for (const auto& rule : rules_) {
    if (picked != nullptr) break;
    if (applies(rule) && rule.rate > 0 && std::uniform_real_distribution<double>(0, 1)(random_) < rule.rate) {
      picked = &rule;
    }
  }
  if (picked != nullptr) ++injected_[picked->fault];
  return picked;
}

namespace {

// Sends the request to the server as it came (but for Connection: close) and reads the whole reply.
std::optional<Reply> Forward(const std::string& host, int port, const std::string& raw_head, const std::string& body,
                             bool is_head) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  inet_pton(AF_INET, host == "localhost" ? "127.0.0.1" : host.c_str(), &address.sin_addr);
  if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    close(fd);
    return std::nullopt;
  }
  const Head head = ParseHead(raw_head);
  std::string out = head.first_line + "\r\n";
  for (const auto& [name, value] : head.headers) {
    if (util::ToLower(name) == "connection" || util::ToLower(name) == "expect") continue;
    out += name + ": " + value + "\r\n";
  }
  out += "Connection: close\r\n\r\n" + body;
  if (!SendAll(fd, out)) {
    close(fd);
    return std::nullopt;
  }
  std::string reply_text;
  char chunk[65536];
  for (ssize_t n; (n = recv(fd, chunk, sizeof chunk, 0)) > 0;) reply_text.append(chunk, static_cast<std::size_t>(n));
  close(fd);
  const auto end = reply_text.find("\r\n\r\n");
  if (end == std::string::npos) return std::nullopt;
  Reply reply;
  reply.head = ParseHead(reply_text.substr(0, end + 4));
  if (!is_head) {
    reply.body = reply_text.substr(end + 4);
    if (util::ToLower(reply.head.Header("transfer-encoding")).find("chunked") != std::string::npos) {
      reply.body = DecodeChunked(reply.body);
    }
  }
  return reply;
}

}  // namespace

FaultProxy::Ending FaultProxy::ServeRequests(int client) {
  std::string buffer;
  while (!stopping_) {
    Request request;
    if (!ReadRequest(client, buffer, request.raw_head, request.body)) break;
    request.head = ParseHead(request.raw_head);
    request.kind = KindOf(request.head);
    request.is_head = request.head.first_line.starts_with("HEAD ");
    const FaultRule* rule = Pick(request, ++requests_);
    const Fault fault = rule == nullptr ? Fault::kSlow : rule->fault;  // kSlow with 0 ms: plain forwarding
    if (rule != nullptr) {
      switch (fault) {
        case Fault::kSlowDown503:
          SendReply(client, MakeReply(503, "Slow Down", ErrorXml("SlowDown", "injected")), request.is_head, SIZE_MAX);
          continue;
        case Fault::kInternalError500:
          SendReply(client, MakeReply(500, "Internal Server Error", ErrorXml("InternalError", "injected")),
                    request.is_head, SIZE_MAX);
          continue;
        case Fault::kResetBefore: return Ending::kReset;
        case Fault::kNotImplemented501:
          SendReply(client, MakeReply(501, "Not Implemented", ErrorXml("NotImplemented", "injected")),
                    request.is_head, SIZE_MAX);
          continue;
        case Fault::kMethodNotAllowed405:
          SendReply(client, MakeReply(405, "Method Not Allowed", ErrorXml("MethodNotAllowed", "injected")),
                    request.is_head, SIZE_MAX);
          continue;
        case Fault::kBucketListingInstead:
          SendReply(client,
                    MakeReply(200, "OK",
                              "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ListBucketResult "
                              "xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Name>b</Name><Prefix></Prefix>"
                              "<MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated></ListBucketResult>"),
                    request.is_head, SIZE_MAX);
          continue;
        case Fault::kDeleteKeyErrors:
          SendReply(client, MakeReply(200, "OK", DeleteErrorsFor(request.body)), false, SIZE_MAX);
          continue;
        default: break;
      }
    }
    auto reply = Forward(upstream_host_, upstream_port_, request.raw_head, request.body, request.is_head);
    if (!reply) return Ending::kReset;
    if (rule != nullptr) {
      switch (fault) {
        case Fault::kResetAfter: return Ending::kReset;
        case Fault::kSlow: std::this_thread::sleep_for(std::chrono::milliseconds(rule->delay_ms)); break;
        case Fault::kTruncatedBody:
          SendReply(client, *reply, request.is_head, reply->body.size() / 2);
          return Ending::kClose;
        case Fault::kTruncatedNoToken:
          if (const auto at = reply->body.find("<IsTruncated>false</IsTruncated>"); at != std::string::npos) {
            reply->body.replace(at, 32, "<IsTruncated>true</IsTruncated>");
          }
          for (const char* name : {"NextContinuationToken", "NextKeyMarker", "NextVersionIdMarker"}) {
            RemoveElement(reply->body, name);
          }
          break;
        default: break;
      }
    }
    SendReply(client, *reply, request.is_head, SIZE_MAX);
  }
  return Ending::kClose;
}

void FaultProxy::Serve(int client) {
  const Ending ending = ServeRequests(client);
  {
    std::lock_guard lock(mutex_);
    std::erase(clients_, client);  // before the number can be reused
  }
  if (ending == Ending::kReset) {
    Reset(client);
  } else {
    close(client);
  }
}

}  // namespace s3prune::testing
