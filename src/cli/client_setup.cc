#include "cli/client_setup.h"

#include <mutex>

#include "s3/client_factory.h"

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

s3::Result<ClientSetup> SetUpClient(const Options& options, const s3::EnvLookup& env, std::ostream& log) {
  const auto files = s3::LocateSharedFiles(env, options.profile);
  auto credentials = s3::DefaultCredentialsChain(env, files).Resolve();
  if (!credentials) return std::unexpected(credentials.error());

  s3::ClientConfig config;
  config.credentials = *credentials;
  config.region = FirstOf({NonEmpty(options.region), env("AWS_REGION"), env("AWS_DEFAULT_REGION"),
                           NonEmpty(s3::ProfileRegion(files))},
                          "us-east-1");
  config.endpoint.endpoint_url =
      FirstOf({NonEmpty(options.endpoint_url), env("AWS_ENDPOINT_URL_S3"), env("AWS_ENDPOINT_URL")}, "");
  config.endpoint.addressing = options.addressing;
  config.max_in_flight = options.concurrency;
  config.retry.max_attempts = options.max_attempts;
  config.expected_bucket_owner = options.expected_bucket_owner;
  // Fail fast on a bad endpoint, before anything else is attempted.
  if (auto probe = s3::ResolveBucketEndpoint(config.endpoint, options.root.bucket, config.region); !probe) {
    return std::unexpected(probe.error());
  }

  ClientSetup setup;
  setup.endpoint_description =
      config.endpoint.endpoint_url.empty() ? "AWS (" + config.region + ")" : config.endpoint.endpoint_url;
  setup.access_key_id = credentials->access_key_id;
  setup.client = s3::MakeSystemClient(std::move(config), s3::CurlSettingsFromEnvironment());
  if (options.verbose > 0) setup.client->SetLogger(MakeRequestLogger(log));
  return setup;
}

}  // namespace s3prune::cli
