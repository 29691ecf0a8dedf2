#include "cli_fixtures.h"

#include <algorithm>
#include <cstdio>

namespace s3prune::testing {

std::string S3pruneBinary() { return S3PRUNE_BINARY; }

std::vector<std::string> SeedDeployments(s3::S3Client& client, const std::string& bucket, const std::string& prefix,
                                         const std::vector<SeedDeployment>& deployments) {
  std::vector<std::string> all;
  for (const auto& deployment : deployments) {
    // On a server of whole-second times, the previous deployment and this one would tie.
    if (&deployment != &deployments.front()) {
      AwaitALaterServerSecond(client, bucket, prefix + (&deployment - 1)->id + "/");
    }
    std::vector<std::string> keys;
    for (const auto& file : deployment.files) keys.push_back(prefix + deployment.id + "/" + file);
    PutObjects(client, bucket, keys);
    all.insert(all.end(), keys.begin(), keys.end());
  }
  return all;
}

std::vector<std::string> SeedManyDeployments(s3::S3Client& client, const std::string& bucket, const std::string& stem,
                                             std::size_t count) {
  std::vector<std::string> keys;
  for (std::size_t i = 0; i < count; ++i) {
    char id[32];
    std::snprintf(id, sizeof id, "%s%04zu", stem.c_str(), i);
    keys.push_back(std::string(id) + "/index.html");
  }
  PutObjects(client, bucket, keys);
  return keys;
}

std::string Describe(const ProcessResult& result) {
  return "exit " + std::to_string(result.exit_code) + "\n--- stdout:\n" + result.out + "--- stderr:\n" + result.err;
}

nlohmann::json ParseJson(const ProcessResult& result) {
  try {
    return nlohmann::json::parse(result.out);
  } catch (const nlohmann::json::exception& error) {
    ADD_FAILURE() << "stdout is not JSON (" << error.what() << ")\n" << Describe(result);
    return nullptr;
  }
}

std::map<std::string, std::string> Actions(const nlohmann::json& document) {
  std::map<std::string, std::string> actions;
  if (!document.contains("deployments")) return actions;
  for (const auto& deployment : document["deployments"]) {
    actions[deployment.value("id", "")] = deployment.value("action", "");
  }
  return actions;
}

nlohmann::json FindDeployment(const nlohmann::json& document, const std::string& id) {
  if (!document.contains("deployments")) return nullptr;
  for (const auto& deployment : document["deployments"]) {
    if (deployment.value("id", "") == id) return deployment;
  }
  return nullptr;
}

bool AnyContains(const nlohmann::json& texts, const std::string& part) {
  if (!texts.is_array()) return false;
  return std::ranges::any_of(texts, [&](const nlohmann::json& text) {
    return text.is_string() && text.get<std::string>().find(part) != std::string::npos;
  });
}

std::vector<std::string> Sorted(std::vector<std::string> keys) {
  std::ranges::sort(keys);
  return keys;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const auto end = text.find('\n', start);
    lines.push_back(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return lines;
}

std::vector<std::string> KeysOutside(const std::vector<std::string>& keys, const std::vector<std::string>& prefixes) {
  std::vector<std::string> outside;
  for (const auto& key : keys) {
    const bool inside = std::ranges::any_of(prefixes, [&](const std::string& p) { return key.starts_with(p); });
    if (!inside) outside.push_back(key);
  }
  return Sorted(std::move(outside));
}

std::vector<VersionEntry> VersionEntries(s3::S3Client& client, const std::string& bucket, const std::string& prefix) {
  std::vector<VersionEntry> entries;
  for (const auto& version : ListAllVersions(client, bucket, prefix)) {
    entries.emplace_back(version.key, version.version_id, version.is_delete_marker);
  }
  std::ranges::sort(entries);
  return entries;
}

void ExpectViaLifecycleRefused(const TestServer& server) {
  ScopedBucket bucket(server, "no-lifecycle");
  SeedDeployments(bucket.client(), bucket.name(), "", {{"a", {"x"}}, {"b", {"x"}}, {"c", {"x"}}});
  const auto before = Sorted(AwsListKeys(server, bucket.name()));
  const auto run = RunS3prune(server, {"apply", "s3://" + bucket.name() + "/", "--keep-last", "1", "--via",
                                       "lifecycle", "--yes"});
  EXPECT_EQ(run.exit_code, 1) << Describe(run);
  EXPECT_NE(run.err.find("does not support lifecycle configuration"), std::string::npos) << Describe(run);
  // Still there: Swift takes DELETE ?lifecycle for a DELETE of the bucket.
  const auto head = RunAws(server, {"s3api", "head-bucket", "--bucket", bucket.name()});
  EXPECT_EQ(head.exit_code, 0) << "the bucket is gone: " << Describe(head);
  EXPECT_EQ(Sorted(AwsListKeys(server, bucket.name())), before);
}

ScopedBucketPolicy::ScopedBucketPolicy(const TestServer& server, std::string bucket, const nlohmann::json& policy)
    : server_(server), bucket_(std::move(bucket)) {
  const auto put = RunAws(server_, {"s3api", "put-bucket-policy", "--bucket", bucket_, "--policy", policy.dump()});
  EXPECT_EQ(put.exit_code, 0) << "put-bucket-policy: " << Describe(put);
}

ScopedBucketPolicy::~ScopedBucketPolicy() {
  const auto removed = RunAws(server_, {"s3api", "delete-bucket-policy", "--bucket", bucket_});
  EXPECT_EQ(removed.exit_code, 0) << "delete-bucket-policy: " << Describe(removed);
}

std::size_t AwsVersionCount(const TestServer& server, const std::string& bucket, const std::string& prefix) {
  const auto listed = RunAws(server, {"s3api", "list-object-versions", "--bucket", bucket, "--prefix", prefix});
  EXPECT_EQ(listed.exit_code, 0) << Describe(listed);
  if (listed.exit_code != 0 || listed.out.empty()) return 0;
  const auto document = nlohmann::json::parse(listed.out);
  return document.value("Versions", nlohmann::json::array()).size() +
         document.value("DeleteMarkers", nlohmann::json::array()).size();
}

}  // namespace s3prune::testing
