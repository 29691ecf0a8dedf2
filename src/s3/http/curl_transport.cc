#include "s3/http/curl_transport.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <mutex>
#include <strings.h>

#include "util/text.h"

namespace s3prune::s3 {
namespace {

std::string EnvOrEmpty(const char* upper, const char* lower) {
  if (const char* value = std::getenv(upper); value && *value) return value;
  if (lower != nullptr) {
    if (const char* value = std::getenv(lower); value && *value) return value;
  }
  return {};
}

size_t AppendBody(char* data, size_t size, size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

// Collects "Name: value" lines. A new status line (after a 100 Continue or a redirect)
// starts the header list afresh, so only the final response's headers remain.
size_t AppendHeader(char* data, size_t size, size_t count, void* user) {
  auto* headers = static_cast<HttpHeaders*>(user);
  std::string_view line(data, size * count);
  if (line.starts_with("HTTP/")) {
    headers->clear();
    return size * count;
  }
  const auto colon = line.find(':');
  if (colon == std::string_view::npos) return size * count;
  std::string name = util::ToLower(line.substr(0, colon));
  std::string_view value = line.substr(colon + 1);
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == '\r' || value.back() == '\n' || value.back() == ' ')) {
    value.remove_suffix(1);
  }
  headers->emplace_back(std::move(name), std::string(value));
  return size * count;
}

TransportFailure ClassifyCurlCode(CURLcode code) {
  switch (code) {
    case CURLE_OPERATION_TIMEDOUT: return TransportFailure::kTimeout;
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY: return TransportFailure::kResolve;
    case CURLE_COULDNT_CONNECT: return TransportFailure::kConnect;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR: return TransportFailure::kTls;
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM: return TransportFailure::kConnectionLost;
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
    case CURLE_NOT_BUILT_IN:
    case CURLE_BAD_FUNCTION_ARGUMENT:
    case CURLE_UNKNOWN_OPTION: return TransportFailure::kBadRequest;
    default: return TransportFailure::kOther;
  }
}

void SetMethodAndBody(CURL* curl, const HttpRequest& request) {
  if (request.method == "HEAD") {
    curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
    return;
  }
  if (request.method == "GET") {
    curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
    return;
  }
  curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  if (request.method != "DELETE" || !request.body.empty()) {
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE,
                     static_cast<curl_off_t>(request.body.size()));
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.data());
  }
}

}  // namespace

CurlSettings CurlSettingsFromEnvironment() {
  CurlSettings settings;
  settings.ca_bundle = EnvOrEmpty("AWS_CA_BUNDLE", nullptr);
  // libcurl itself ignores upper-case HTTP_PROXY (a CGI safety rule); a CLI should honour it.
  settings.http_proxy = EnvOrEmpty("http_proxy", "HTTP_PROXY");
  settings.https_proxy = EnvOrEmpty("https_proxy", "HTTPS_PROXY");
  settings.no_proxy = EnvOrEmpty("no_proxy", "NO_PROXY");
  return settings;
}

CurlTransport::CurlTransport(CurlSettings settings) : settings_(std::move(settings)) {
  static std::once_flag global_init;
  std::call_once(global_init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  handle_ = curl_easy_init();
}

CurlTransport::~CurlTransport() { curl_easy_cleanup(static_cast<CURL*>(handle_)); }

std::expected<HttpResponse, TransportError> CurlTransport::Send(const HttpRequest& request) {
  CURL* curl = static_cast<CURL*>(handle_);
  if (curl == nullptr) return std::unexpected(TransportError{TransportFailure::kOther, "curl_easy_init failed"});
  // Reset options but keep the connection cache, so the next request reuses the socket.
  curl_easy_reset(curl);

  HttpResponse response;
  char error_buffer[CURL_ERROR_SIZE] = {};
  curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
  // S3 keys may contain "//", "/./" and "/../": send the path exactly as signed.
  curl_easy_setopt(curl, CURLOPT_PATH_AS_IS, 1L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_buffer);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, static_cast<long>(settings_.connect_timeout.count()));
  const std::chrono::seconds stall =
      request.stall_timeout.count() > 0 ? request.stall_timeout : settings_.stall_timeout;
  if (stall.count() > 0) {
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, static_cast<long>(stall.count()));
  } else {
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 0L);
  }
  curl_easy_setopt(curl, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
  if (!settings_.ca_bundle.empty()) curl_easy_setopt(curl, CURLOPT_CAINFO, settings_.ca_bundle.c_str());
  const bool https = request.url.starts_with("https://");
  const std::string& proxy = https ? settings_.https_proxy : settings_.http_proxy;
  if (!proxy.empty()) curl_easy_setopt(curl, CURLOPT_PROXY, proxy.c_str());
  if (!settings_.no_proxy.empty()) curl_easy_setopt(curl, CURLOPT_NOPROXY, settings_.no_proxy.c_str());
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, AppendBody);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response.body);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, AppendHeader);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &response.headers);
  SetMethodAndBody(curl, request);

  curl_slist* header_list = nullptr;
  bool has_content_type = false;
  for (const auto& [name, value] : request.headers) {
    has_content_type |= (name.size() == 12 && strncasecmp(name.c_str(), "content-type", 12) == 0);
    header_list = curl_slist_append(header_list, (name + ": " + value).c_str());
  }
  // No "Expect: 100-continue" round trip, and no form content type curl would invent.
  header_list = curl_slist_append(header_list, "Expect:");
  if (!has_content_type) header_list = curl_slist_append(header_list, "Content-Type:");
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, header_list);

  const CURLcode code = curl_easy_perform(curl);
  curl_slist_free_all(header_list);
  if (code != CURLE_OK) {
    std::string message = error_buffer[0] != '\0' ? error_buffer : curl_easy_strerror(code);
    return std::unexpected(TransportError{ClassifyCurlCode(code), std::move(message)});
  }
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  response.status = static_cast<int>(status);
  return response;
}

}  // namespace s3prune::s3
