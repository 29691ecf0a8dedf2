// delete_ceiling: how fast can the server delete? Deletes the keys named in a file (one per
// line, as bench_seed --keys-out writes them) in DeleteObjects batches of 1000, many batches
// in flight, with no listing at all. The time this takes is the floor for any tool that has
// to find the keys first, so bench/run prints s3prune's time as a ratio of it.
//
//   delete_ceiling --bucket B --keys FILE [--concurrency C]
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <span>

#include "bench_env.h"
#include "prune/parallel.h"
#include "s3/delete_operations.h"

int main(int argc, char** argv) {
  using namespace s3prune;
  const bench::Flags flags(argc, argv, 1);
  flags.RequireOnly({"bucket", "keys", "concurrency"});
  const std::string bucket = flags.Text("bucket", "");
  const std::string keys_path = flags.Text("keys", "");
  const std::size_t concurrency = flags.Number("concurrency", 16);
  if (bucket.empty() || keys_path.empty()) bench::Die("usage: delete_ceiling --bucket B --keys FILE [--concurrency C]");

  std::vector<s3::ObjectIdentifier> objects;
  std::ifstream keys(keys_path);
  if (!keys) bench::Die("cannot read " + keys_path);
  for (std::string key; std::getline(keys, key);) {
    if (!key.empty()) objects.push_back({std::move(key), ""});
  }

  auto client = bench::MakeClientFromEnvironment(concurrency);
  const auto started = std::chrono::steady_clock::now();
  const std::uint64_t failed = bench::DeleteInBatches(*client, bucket, objects, concurrency);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const auto stats = client->stats().Snapshot();
  std::fprintf(stderr, "delete_ceiling: %zu objects, %llu requests, %llu failed, %.2f s, %.0f objects/s\n",
               objects.size(), static_cast<unsigned long long>(stats.TotalRequests()),
               static_cast<unsigned long long>(failed), seconds, static_cast<double>(objects.size()) / seconds);
  return failed == 0 ? 0 : 1;
}
