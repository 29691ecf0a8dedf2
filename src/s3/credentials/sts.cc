#include "s3/credentials/sts.h"

#include "s3/auth/sigv4.h"
#include "s3/core/digest.h"
#include "s3/core/uri_encode.h"
#include "s3/endpoint.h"
#include "s3/error_mapping.h"
#include "s3/xml/xml_sts.h"

namespace s3prune::s3 {
namespace {

constexpr std::chrono::seconds kStsTimeout{10};

std::string SessionName(const ProviderIo& io, const AssumeRoleRequest& request) {
  if (!request.session_name.empty()) return request.session_name;
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(io.clock().time_since_epoch());
  return "s3prune-" + std::to_string(now.count());
}

std::string FormBody(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string body;
  for (const auto& [name, value] : fields) {
    if (!body.empty()) body += '&';
    body += UriEncode(name, SlashEncoding::kEncode) + "=" + UriEncode(value, SlashEncoding::kEncode);
  }
  return body;
}

Result<Credentials> Call(const ProviderIo& io, const std::string& endpoint, std::string_view action,
                         std::vector<std::pair<std::string, std::string>> fields, const Credentials* signer,
                         const std::string& region) {
  fields.insert(fields.begin(), {{"Action", std::string(action)}, {"Version", "2011-06-15"}});
  auto url = ParseEndpointUrl(endpoint);
  if (!url) {
    Error error = url.error();
    error.message = "the STS endpoint (AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL): " + error.message;
    return std::unexpected(std::move(error));
  }
  const std::string path = url->path.empty() ? "/" : url->path;
  HttpRequest http;
  http.method = "POST";
  http.url = url->scheme + "://" + url->host + path;
  http.body = FormBody(fields);
  http.headers = {{"content-type", "application/x-www-form-urlencoded; charset=utf-8"}};
  if (signer != nullptr) {
    SigningRequest signing;
    signing.method = "POST";
    signing.encoded_path = path;
    signing.headers = {{"host", url->host}, {"content-type", http.headers[0].second}};
    signing.payload_sha256 = Sha256Hex(http.body);
    const auto now = std::chrono::time_point_cast<std::chrono::seconds>(io.clock());
    for (auto& header : SignRequest(signing, *signer, region, "sts", now,
                                    {PathCanonicalization::kNormalizeAndEncode, ContentSha256Header::kOmitted})) {
      http.headers.push_back(std::move(header));
    }
  }
  auto sent = io.http(http, kStsTimeout);
  const std::string where = "STS " + std::string(action) + " at " + endpoint;
  if (!sent) {
    Error error = ErrorFromTransport(sent.error());
    error.message = where + ": " + error.message;
    return std::unexpected(std::move(error));
  }
  if (sent->status < 200 || sent->status >= 300) {
    Error error = ErrorFromResponse(*sent);
    error.message = where + " refused (" + (error.s3_code.empty() ? "HTTP " + std::to_string(sent->status) : error.s3_code) +
                    "): " + error.message;
    if (error.code != ErrorCode::kThrottled && error.code != ErrorCode::kServerError) error.code = ErrorCode::kNoCredentials;
    return std::unexpected(std::move(error));
  }
  auto credentials = ParseStsCredentials(sent->body, action);
  if (!credentials) {
    Error error = credentials.error();
    error.message = where + ": " + error.message;
    return std::unexpected(std::move(error));
  }
  return credentials;
}

std::vector<std::pair<std::string, std::string>> RoleFields(const ProviderIo& io, const AssumeRoleRequest& request) {
  std::vector<std::pair<std::string, std::string>> fields = {{"RoleArn", request.role_arn},
                                                             {"RoleSessionName", SessionName(io, request)}};
  if (!request.external_id.empty()) fields.emplace_back("ExternalId", request.external_id);
  if (request.duration_seconds) fields.emplace_back("DurationSeconds", std::to_string(*request.duration_seconds));
  return fields;
}

}  // namespace

std::string StsEndpoint(const EnvLookup& env, const std::string& region) {
  if (auto url = env("AWS_ENDPOINT_URL_STS")) return *url;
  if (auto url = env("AWS_ENDPOINT_URL")) return *url;
  return "https://sts." + region + ".amazonaws.com";
}

Result<Credentials> AssumeRole(const ProviderIo& io, const std::string& endpoint, const std::string& region,
                               const Credentials& source, const AssumeRoleRequest& request) {
  return Call(io, endpoint, "AssumeRole", RoleFields(io, request), &source, region);
}

Result<Credentials> AssumeRoleWithWebIdentity(const ProviderIo& io, const std::string& endpoint,
                                              const AssumeRoleRequest& request, const std::string& token) {
  auto fields = RoleFields(io, request);
  fields.emplace_back("WebIdentityToken", token);
  return Call(io, endpoint, "AssumeRoleWithWebIdentity", std::move(fields), nullptr, "");
}

}  // namespace s3prune::s3
