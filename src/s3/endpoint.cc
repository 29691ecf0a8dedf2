#include "s3/endpoint.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>

#include "util/text.h"

namespace s3prune::s3 {
namespace {

// The text after the host's ':' ("" for "host:"), or nullopt without one. IPv6 literals are
// bracketed: "[::1]:7480".
std::optional<std::string_view> PortOf(std::string_view host) {
  const std::size_t from = host.starts_with('[') ? host.find(']') : 0;
  if (from == std::string_view::npos) return std::nullopt;
  const std::size_t colon = host.find(':', from);
  if (colon == std::string_view::npos) return std::nullopt;
  return host.substr(colon + 1);
}

bool ValidPort(std::string_view port) {
  const auto number = port.size() <= 5 ? util::ParseWholeNumber(port) : std::nullopt;
  return number && *number >= 1 && *number <= 65535;
}

}  // namespace

Result<ParsedUrl> ParseEndpointUrl(std::string_view url) {
  ParsedUrl parsed;
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) {
    return std::unexpected(MakeError(ErrorCode::kBadConfig,
        "endpoint URL '" + std::string(url) + "' has no scheme: use http://host:port or https://host"));
  }
  // Schemes are case-insensitive (RFC 3986 3.1): HTTP:// is http://.
  parsed.scheme = util::ToLower(url.substr(0, scheme_end));
  if (parsed.scheme != "http" && parsed.scheme != "https") {
    return std::unexpected(MakeError(ErrorCode::kBadConfig,
        "endpoint URL '" + std::string(url) + "' must start with http:// or https://"));
  }
  std::string_view rest = url.substr(scheme_end + 3);
  const auto slash = rest.find('/');
  parsed.host = std::string(rest.substr(0, slash));
  if (slash != std::string_view::npos) parsed.path = std::string(rest.substr(slash));
  while (!parsed.path.empty() && parsed.path.back() == '/') parsed.path.pop_back();
  if (parsed.host.empty() || parsed.host.find_first_of("?#@ ") != std::string::npos) {
    return std::unexpected(MakeError(ErrorCode::kBadConfig,
        "endpoint URL '" + std::string(url) + "' has no usable host"));
  }
  if (auto port = PortOf(parsed.host); port && !ValidPort(*port)) {
    return std::unexpected(MakeError(ErrorCode::kBadConfig,
        "endpoint URL '" + std::string(url) + "' has port '" + std::string(*port) +
        "': a port is a number from 1 to 65535, e.g. http://127.0.0.1:7480"));
  }
  return parsed;
}

namespace {

std::string_view HostWithoutPort(std::string_view host) {
  if (host.starts_with('[')) return host.substr(0, host.find(']') + 1);  // [::1]:7480
  return host.substr(0, host.rfind(':') == std::string_view::npos ? host.size() : host.rfind(':'));
}

bool IsIpLiteral(std::string_view host) {
  const auto name = HostWithoutPort(host);
  if (name.starts_with('[')) return true;
  return !name.empty() && std::ranges::all_of(name, [](char c) { return std::isdigit(static_cast<unsigned char>(c)) || c == '.'; });
}

bool IsIpOrLocalhost(std::string_view host) {
  const auto name = HostWithoutPort(host);
  return IsIpLiteral(host) || name == "localhost" || name.ends_with(".localhost");
}

// A bucket name that can be a DNS label under TLS wildcards: lower-case letters, digits and
// hyphens, 3-63 long. Dots break the wildcard certificate, so they go path-style.
bool VirtualHostable(std::string_view bucket) {
  if (bucket.size() < 3 || bucket.size() > 63) return false;
  if (bucket.front() == '-' || bucket.back() == '-') return false;
  return std::ranges::all_of(bucket, [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

}  // namespace

Result<Addressing> ParseAddressing(std::string_view text) {
  if (text == "auto") return Addressing::kAuto;
  if (text == "path") return Addressing::kPath;
  if (text == "virtual") return Addressing::kVirtual;
  return std::unexpected(MakeError(ErrorCode::kBadConfig,
      "--addressing must be auto, path or virtual, not '" + std::string(text) + "'"));
}

Result<BucketEndpoint> ResolveBucketEndpoint(const EndpointConfig& config, std::string_view bucket,
                                             std::string_view region) {
  ParsedUrl url{"https", "s3." + std::string(region) + ".amazonaws.com", ""};
  if (!config.endpoint_url.empty()) {
    auto parsed = ParseEndpointUrl(config.endpoint_url);
    if (!parsed) return std::unexpected(parsed.error());
    url = std::move(*parsed);
  }
  bool path_style = false;
  switch (config.addressing) {
    case Addressing::kPath: path_style = true; break;
    case Addressing::kVirtual:
      if (IsIpLiteral(url.host)) {
        return std::unexpected(MakeError(ErrorCode::kBadConfig,
            "--addressing virtual needs a host name, and " + url.host +
            " is an IP address (BUCKET." + url.host + " names no host): use --addressing path"));
      }
      if (!VirtualHostable(bucket) && bucket.find('.') == std::string_view::npos) {
        return std::unexpected(MakeError(ErrorCode::kBadConfig,
            "bucket '" + std::string(bucket) + "' cannot be a host name: use --addressing path"));
      }
      break;
    case Addressing::kAuto:
      path_style = IsIpOrLocalhost(url.host) || !VirtualHostable(bucket);
      break;
  }
  BucketEndpoint endpoint;
  if (path_style) {
    endpoint.host = url.host;
    endpoint.bucket_path = url.path + "/" + std::string(bucket);
  } else {
    endpoint.host = std::string(bucket) + "." + url.host;
    endpoint.bucket_path = url.path;
  }
  endpoint.scheme_and_host = url.scheme + "://" + endpoint.host;
  return endpoint;
}

}  // namespace s3prune::s3
