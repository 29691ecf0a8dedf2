#include "cli/client_setup.h"

#include <mutex>
#include <random>

#include "s3/client_factory.h"
#include "s3/credentials/chain.h"
#include "s3/credentials/shared_config.h"

namespace s3prune::cli {
namespace {

std::string FirstOf(std::initializer_list<std::optional<std::string>> candidates, std::string fallback) {
  for (const auto& candidate : candidates) {
    if (candidate && !candidate->empty()) return *candidate;
  }
  return fallback;
}

std::optional<std::string> NonEmpty(const std::string& text) {
  if (text.empty()) return std::nullopt;
  return text;
}

s3::RequestLogger MakeRequestLogger(std::ostream& log) {
  auto mutex = std::make_shared<std::mutex>();
  return [&log, mutex](const s3::RequestLogEntry& entry) {
    std::lock_guard lock(*mutex);
    log << "s3prune: " << entry.method << " " << entry.path << " -> ";
    if (entry.status != 0) log << entry.status; else log << "no response";
    log << " " << entry.elapsed.count() << " ms";
    if (entry.attempt > 1) log << " (attempt " << entry.attempt << ")";
    if (!entry.error.empty()) log << " " << entry.error;
    log << "\n";
  };
}

}  // namespace

s3::Result<ClientSetup> SetUpClient(const usecase::PlanRequest& request, Verbose verbose, const s3::ProviderIo& io, std::ostream& log) {
  const auto& env = io.env;
  const auto location = s3::LocateSharedFiles(env, request.connection.profile);
  const s3::ProfileS3Settings profile = s3::S3SettingsOf(s3::ReadSharedFiles(location, io.read_file));

  s3::ClientConfig config;
  config.region = FirstOf({NonEmpty(request.connection.region), env("AWS_REGION"), env("AWS_DEFAULT_REGION"),
                           NonEmpty(profile.region)},
                          "us-east-1");
  config.endpoint.endpoint_url = FirstOf({NonEmpty(request.connection.endpoint_url), env("AWS_ENDPOINT_URL_S3"),
                                          env("AWS_ENDPOINT_URL"), NonEmpty(profile.endpoint_url)},
                                         "");
  config.endpoint.addressing = request.connection.addressing;
  if (request.connection.addressing == s3::Addressing::kAuto && !profile.addressing_style.empty()) {
    auto style = s3::ParseAddressing(profile.addressing_style);
    if (!style) {
      return std::unexpected(s3::MakeError(s3::ErrorCode::kBadConfig,
          "profile '" + location.profile + "' has s3 addressing_style '" + profile.addressing_style +
              "': use auto, path or virtual"));
    }
    config.endpoint.addressing = *style;
  }
  config.max_in_flight = request.concurrency;
  config.retry.max_attempts = request.connection.max_attempts;
  config.expected_bucket_owner = request.connection.expected_bucket_owner;
  // An environment variable, not an option of the table: the limits describe the network and
  // the store a run talks to, as AWS_CA_BUNDLE and the proxies do, not what a target keeps.
  if (const auto timeouts = env("S3PRUNE_TIMEOUTS")) {
    auto parsed = s3::ParseRequestTimeouts(*timeouts);
    if (!parsed) return std::unexpected(parsed.error());
    config.timeouts = *parsed;
  }
  // Fail fast on a bad endpoint, before anything else is attempted.
  if (auto probe = s3::ResolveBucketEndpoint(config.endpoint, request.root.bucket, config.region); !probe) {
    return std::unexpected(probe.error());
  }

  auto warn = [&log](const std::string& line) { log << "s3prune: warning: " << line << "\n"; };
  auto random_unit = [engine = std::make_shared<std::mt19937_64>(std::random_device{}())]() {
    return std::uniform_real_distribution<double>(0.0, 1.0)(*engine);
  };
  auto credentials =
      s3::ResolveCredentials(s3::DefaultProviders(io, location, config.region), io, random_unit, std::move(warn));
  if (!credentials) return std::unexpected(credentials.error());
  config.credentials = credentials->first;
  config.credentials_source = credentials->source;

  ClientSetup setup;
  setup.endpoint_description =
      config.endpoint.endpoint_url.empty() ? "AWS (" + config.region + ")" : config.endpoint.endpoint_url;
  setup.access_key_id = credentials->first.access_key_id;
  setup.client = s3::MakeSystemClient(std::move(config), s3::CurlSettingsFromEnvironment());
  if (verbose == Verbose::kLogRequests) setup.client->SetLogger(MakeRequestLogger(log));
  return setup;
}

}  // namespace s3prune::cli
