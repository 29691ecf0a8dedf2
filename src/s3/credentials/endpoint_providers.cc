#include "s3/credentials/endpoint_providers.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>

#include "s3/credentials/credentials_json.h"
#include "util/text.h"

namespace s3prune::s3 {
namespace {

constexpr std::chrono::seconds kContainerTimeout{2};
constexpr std::chrono::seconds kImdsTimeout{1};

std::string HostOf(const std::string& uri) {
  const auto start = uri.find("://");
  if (start == std::string::npos) return "";
  std::string host = uri.substr(start + 3, uri.find('/', start + 3) - start - 3);
  if (host.starts_with('[')) return host.substr(0, host.find(']') + 1);
  return host.substr(0, host.find(':'));
}

std::unexpected<Error> Broken(const std::string& message) {
  return std::unexpected(MakeError(ErrorCode::kNoCredentials, message));
}

Result<std::string> ContainerToken(const ProviderIo& io) {
  if (auto path = io.env("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE")) {
    auto text = io.read_file(*path);
    if (!text) return Broken("cannot read AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE " + *path);
    return std::string(util::Trim(*text, util::kBlanksAndNewlines));
  }
  return io.env("AWS_CONTAINER_AUTHORIZATION_TOKEN").value_or("");
}

}  // namespace

bool AllowedContainerUri(const std::string& uri) {
  const std::string lower = util::ToLower(uri);
  if (lower.starts_with("https://")) return true;
  if (!lower.starts_with("http://")) return false;
  const std::string host = HostOf(lower);
  in_addr ipv4{};
  const bool loopback_v4 = inet_pton(AF_INET, host.c_str(), &ipv4) == 1 && (ntohl(ipv4.s_addr) >> 24) == 127;
  return loopback_v4 || host == "localhost" || host == "[::1]" || host == "169.254.170.2" ||
         host == "169.254.170.23" || host == "[fd00:ec2::23]";
}

Result<Lookup> ContainerProvider::Load() {
  std::string uri;
  if (auto relative = io_.env("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI")) {
    uri = "http://169.254.170.2" + *relative;
  } else if (auto full = io_.env("AWS_CONTAINER_CREDENTIALS_FULL_URI")) {
    if (!AllowedContainerUri(*full)) {
      return Broken("AWS_CONTAINER_CREDENTIALS_FULL_URI " + *full +
                    " must be https, or http to a loopback address or 169.254.170.2/.23");
    }
    uri = *full;
  } else {
    return Lookup{std::nullopt, "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and _FULL_URI are not set"};
  }
  auto token = ContainerToken(io_);
  if (!token) return std::unexpected(token.error());
  if (token->find_first_of("\r\n") != std::string::npos) return Broken("the container authorization token holds a line break");
  HttpRequest request{"GET", uri, {}, ""};
  if (!token->empty()) request.headers.emplace_back("Authorization", *token);  // verbatim, no scheme
  // One retry: the endpoint is local, a second try costs little and rides out a restart.
  auto reply = io_.http(request, kContainerTimeout);
  if (!reply || reply->status >= 500) reply = io_.http(request, kContainerTimeout);
  if (!reply) return Broken("the container credentials endpoint " + uri + " did not answer: " + reply.error().message);
  if (reply->status != 200) {
    return Broken("the container credentials endpoint " + uri + " answered HTTP " + std::to_string(reply->status));
  }
  auto credentials = ParseCredentialsDocument(reply->body, CredentialsDocument::kEndpoint, uri);
  if (!credentials) return std::unexpected(credentials.error());
  return Lookup{std::move(*credentials), ""};
}

Result<Lookup> InstanceMetadataProvider::Load() {
  if (util::ToLower(io_.env("AWS_EC2_METADATA_DISABLED").value_or("")) == "true") {
    return Lookup{std::nullopt, "AWS_EC2_METADATA_DISABLED is true"};
  }
  std::string base = io_.env("AWS_EC2_METADATA_SERVICE_ENDPOINT").value_or("http://169.254.169.254");
  while (base.ends_with('/')) base.pop_back();
  auto token = io_.http({"PUT", base + "/latest/api/token", {{"x-aws-ec2-metadata-token-ttl-seconds", "21600"}}, ""},
                        kImdsTimeout);
  if (!token) return Lookup{std::nullopt, "no answer from " + base + " within 1 s (not on EC2?)"};
  if (token->status != 200) {
    return Lookup{std::nullopt, base + " refused an IMDSv2 token (HTTP " + std::to_string(token->status) + ")"};
  }
  const HttpHeaders with_token = {{"x-aws-ec2-metadata-token", std::string(util::Trim(token->body, util::kBlanksAndNewlines))}};
  const std::string roles_path = base + "/latest/meta-data/iam/security-credentials/";
  auto roles = io_.http({"GET", roles_path, with_token, ""}, kImdsTimeout);
  if (!roles) return Broken("EC2 instance metadata stopped answering: " + roles.error().message);
  if (roles->status == 404) return Lookup{std::nullopt, "the instance has no IAM role (instance profile)"};
  const std::string role{util::Trim(std::string_view(roles->body).substr(0, roles->body.find('\n')))};
  if (roles->status != 200 || role.empty()) {
    return Broken("EC2 instance metadata gave no role name (HTTP " + std::to_string(roles->status) + ")");
  }
  auto document = io_.http({"GET", roles_path + role, with_token, ""}, kImdsTimeout);
  if (!document || document->status != 200) {
    return Broken("EC2 instance metadata gave no credentials for role " + role);
  }
  auto credentials = ParseCredentialsDocument(document->body, CredentialsDocument::kEndpoint,
                                              "EC2 instance metadata (role " + role + ")");
  if (!credentials) return std::unexpected(credentials.error());
  return Lookup{std::move(*credentials), ""};
}

}  // namespace s3prune::s3
