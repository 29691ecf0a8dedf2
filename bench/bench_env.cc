#include "bench_env.h"

#include <algorithm>
#include <atomic>
#include <span>
#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "prune/parallel.h"
#include "s3/client_factory.h"
#include "s3/delete_operations.h"
#include "util/text.h"

namespace s3prune::bench {
namespace {

std::string Env(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? "" : value;
}

}  // namespace

void Die(const std::string& message) {
  std::cerr << message << "\n";
  std::exit(1);
}

std::unique_ptr<s3::S3Client> MakeClientFromEnvironment(std::size_t max_in_flight) {
  s3::ClientConfig config;
  config.endpoint.endpoint_url = Env("AWS_ENDPOINT_URL");
  config.credentials = {Env("AWS_ACCESS_KEY_ID"), Env("AWS_SECRET_ACCESS_KEY"), ""};
  if (config.endpoint.endpoint_url.empty() || config.credentials.access_key_id.empty()) {
    Die("set AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (eval \"$(scripts/s3-server env)\")");
  }
  if (!Env("AWS_REGION").empty()) config.region = Env("AWS_REGION");
  config.max_in_flight = max_in_flight;
  return s3::MakeSystemClient(std::move(config));
}

std::string DeploymentId(std::size_t index) {
  char id[32];
  std::snprintf(id, sizeof id, "deploy-%04zu", index + 1);
  return id;
}

std::vector<std::string> KeysOfDeployment(std::size_t index, std::uint64_t objects, std::size_t deployments) {
  std::vector<std::string> keys;
  const std::string prefix = DeploymentId(index) + "/static/file-";
  for (std::uint64_t n = index; n < objects; n += deployments) {
    char name[32];
    std::snprintf(name, sizeof name, "%07llu.txt", static_cast<unsigned long long>(n + 1));
    keys.push_back(prefix + name);
  }
  return keys;
}

Flags::Flags(int argc, char** argv, int first) {
  for (int i = first; i < argc; i += 2) {
    const std::string name = argv[i];
    if (!name.starts_with("--") || i + 1 >= argc) Die("usage: expected --name value, got '" + name + "'");
    values_[name.substr(2)] = argv[i + 1];
  }
}

std::string Flags::Text(const std::string& name, const std::string& fallback) const {
  auto it = values_.find(name);
  return it == values_.end() ? fallback : it->second;
}

std::uint64_t Flags::Number(const std::string& name, std::uint64_t fallback) const {
  auto it = values_.find(name);
  if (it == values_.end()) return fallback;
  const auto& text = it->second;
  const auto value = util::ParseWholeNumber(text);
  if (!value) Die("--" + name + " must be a number, not '" + text + "'");
  return *value;
}

void Flags::RequireOnly(const std::vector<std::string>& known) const {
  for (const auto& [name, value] : values_) {
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      std::cerr << "unknown flag --" << name << "\n";
      std::exit(2);
    }
  }
}

std::uint64_t DeleteInBatches(s3::S3Client& client, const std::string& bucket,
                              const std::vector<s3::ObjectIdentifier>& objects, std::size_t concurrency) {
  const std::size_t batches = (objects.size() + s3::kMaxKeysPerDelete - 1) / s3::kMaxKeysPerDelete;
  std::atomic<std::uint64_t> failed{0};
  prune::RunParallel(batches, concurrency, [&](std::size_t b) {
    const std::size_t start = b * s3::kMaxKeysPerDelete;
    const auto count = std::min(s3::kMaxKeysPerDelete, objects.size() - start);
    auto deleted = s3::DeleteObjects(client, bucket, std::span(objects).subspan(start, count));
    failed += deleted ? deleted->failures.size() : count;
  });
  return failed.load();
}

}  // namespace s3prune::bench
