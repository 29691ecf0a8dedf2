// bench_seed: fills a bucket with the benchmark's deployments using s3prune's own client
// (many PutObject requests in flight), and counts or drops what is left afterwards.
//
//   bench_seed seed  --bucket B --objects N --deployments D [--size BYTES] [--concurrency C]
//                    [--keys-out FILE]
//   bench_seed count --bucket B          prints "<deployment> <objects>" lines and "total N"
//   bench_seed drop  --bucket B          deletes every object, then the bucket
//
// Deployments are written one after another (the objects of one deployment in parallel),
// so their LastModified times follow their ids: deploy-0001 is the oldest.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <span>

#include "bench_env.h"
#include "prune/parallel.h"
#include "s3/bucket_operations.h"
#include "s3/delete_operations.h"
#include "s3/paginator.h"
#include "s3/object_operations.h"

namespace s3prune::bench {
namespace {

using Clock = std::chrono::steady_clock;

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

int Seed(const Flags& flags) {
  flags.RequireOnly({"bucket", "objects", "deployments", "size", "concurrency", "keys-out"});
  const std::string bucket = flags.Text("bucket", "");
  const std::uint64_t objects = flags.Number("objects", 7500);
  const std::size_t deployments = flags.Number("deployments", 15);
  const std::string body(flags.Number("size", 100), 'x');
  const std::size_t concurrency = flags.Number("concurrency", 32);
  const std::string keys_out = flags.Text("keys-out", "");
  if (bucket.empty() || deployments == 0) Die("seed needs --bucket and --deployments >= 1");

  auto client = MakeClientFromEnvironment(concurrency);
  if (auto created = s3::CreateBucket(*client, bucket); !created) {
    Die("CreateBucket " + bucket + ": " + created.error().message);
  }
  std::ofstream keys_file;
  if (!keys_out.empty()) {
    keys_file.open(keys_out);
    if (!keys_file) Die("cannot write " + keys_out);
  }
  const auto started = Clock::now();
  std::atomic<std::uint64_t> failed{0};
  for (std::size_t d = 0; d < deployments; ++d) {
    const auto keys = KeysOfDeployment(d, objects, deployments);
    prune::RunParallel(keys.size(), concurrency, [&](std::size_t i) {
      if (auto put = s3::PutObject(*client, bucket, keys[i], body); !put) {
        if (failed++ == 0) std::cerr << "PutObject " << keys[i] << ": " << put.error().message << "\n";
      }
    });
    if (keys_file) {
      for (const auto& key : keys) keys_file << key << '\n';
    }
  }
  const double seconds = SecondsSince(started);
  std::fprintf(stderr, "bench_seed: %llu objects in %zu deployments into %s: %.1f s, %.0f PUT/s\n",
               static_cast<unsigned long long>(objects), deployments, bucket.c_str(), seconds,
               static_cast<double>(objects) / seconds);
  if (failed > 0) Die("bench_seed: " + std::to_string(failed.load()) + " uploads failed");
  return 0;
}

// Calls visit(page) for every page of the bucket's current objects; exits on an error.
template <class Visit>
void ListAll(s3::S3Client& client, const std::string& bucket, Visit visit) {
  auto listed = s3::PageObjects(client, {bucket, "", "", "", "", s3::kMaxKeysPerList},
                                [&](s3::ListObjectsPage& page) {
                                  visit(page);
                                  return s3::PageControl::kContinue;
                                });
  if (!listed) Die("ListObjectsV2 " + bucket + ": " + listed.error().message);
}

int Count(const Flags& flags) {
  flags.RequireOnly({"bucket"});
  const std::string bucket = flags.Text("bucket", "");
  auto client = MakeClientFromEnvironment(1);
  std::map<std::string, std::uint64_t> counts;
  std::uint64_t total = 0;
  ListAll(*client, bucket, [&](const s3::ListObjectsPage& page) {
    for (const auto& object : page.objects) {
      ++counts[object.key.substr(0, object.key.find('/'))];
      ++total;
    }
  });
  for (const auto& [deployment, count] : counts) std::cout << deployment << ' ' << count << '\n';
  std::cout << "total " << total << '\n';
  return 0;
}

int Drop(const Flags& flags) {
  flags.RequireOnly({"bucket", "concurrency"});
  const std::string bucket = flags.Text("bucket", "");
  const std::size_t concurrency = flags.Number("concurrency", 8);
  auto client = MakeClientFromEnvironment(concurrency);
  std::vector<s3::ObjectIdentifier> objects;
  ListAll(*client, bucket, [&](const s3::ListObjectsPage& page) {
    for (const auto& object : page.objects) objects.push_back({object.key, ""});
  });
  const std::uint64_t failed = DeleteInBatches(*client, bucket, objects, concurrency);
  if (failed > 0) Die("bench_seed drop: " + std::to_string(failed) + " objects not deleted");
  if (auto removed = s3::DeleteBucket(*client, bucket); !removed) {
    Die("DeleteBucket " + bucket + ": " + removed.error().message);
  }
  return 0;
}

}  // namespace
}  // namespace s3prune::bench

int main(int argc, char** argv) {
  using namespace s3prune::bench;
  const std::string command = argc > 1 ? argv[1] : "";
  const Flags flags(argc, argv, 2);
  if (command == "seed") return Seed(flags);
  if (command == "count") return Count(flags);
  if (command == "drop") return Drop(flags);
  std::cerr << "usage: bench_seed seed|count|drop --bucket B [...] (see the top of bench/bench_seed.cc)\n";
  return 2;
}
