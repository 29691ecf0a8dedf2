// What the benchmark tools share: an S3 client for the server named by the environment
// (AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION, as printed by
// `scripts/s3-server env`), the deterministic key layout of seeded buckets, and a small
// "--name value" flag reader. Benchmark support only; nothing in src/ depends on it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "s3/client.h"
#include "s3/core/model.h"

namespace s3prune::bench {

// A client for the endpoint in the environment with at most `max_in_flight` requests on
// the wire. Exits with a message when the environment names no endpoint or credentials.
std::unique_ptr<s3::S3Client> MakeClientFromEnvironment(std::size_t max_in_flight);

// Deletes `objects` in DeleteObjects batches of up to 1000, `concurrency` batches at a time;
// returns how many were not deleted (per-key errors and whole refused batches).
std::uint64_t DeleteInBatches(s3::S3Client& client, const std::string& bucket,
                              const std::vector<s3::ObjectIdentifier>& objects, std::size_t concurrency);

// The seeded layout: `deployments` ids "deploy-0001", ... and `objects` keys spread evenly
// over them ("deploy-0001/static/file-000001.txt"). Deployment i gets keys i, i+D, i+2D...
// so every deployment has objects/D or one more.
std::string DeploymentId(std::size_t index);
std::vector<std::string> KeysOfDeployment(std::size_t index, std::uint64_t objects, std::size_t deployments);

// "--name value" pairs; a flag given without a value is a usage error.
class Flags {
 public:
  Flags(int argc, char** argv, int first);
  std::string Text(const std::string& name, const std::string& fallback) const;
  std::uint64_t Number(const std::string& name, std::uint64_t fallback) const;
  // Exits with usage 2 naming the first flag not in `known`.
  void RequireOnly(const std::vector<std::string>& known) const;

 private:
  std::map<std::string, std::string> values_;
};

[[noreturn]] void Die(const std::string& message);

}  // namespace s3prune::bench
