// The planner on a bucket with many deployments: policy::MakePlan over 1,000 to 100,000
// deployments, with a count rule alone and with every rule (count, age, globs, a --keep-from
// list). MakePlan takes its deployments by value; the copy is made outside the timing.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <random>
#include <vector>

#include "policy/planner.h"

namespace s3prune::policy {
namespace {

const Timestamp kNow{std::chrono::milliseconds(1'717'000'000'000)};

std::vector<Deployment> MakeDeployments(std::size_t count) {
  std::mt19937_64 random(42);
  std::uniform_int_distribution<std::int64_t> age_ms(0, std::int64_t{400} * 24 * 3600 * 1000);
  std::vector<Deployment> deployments;
  deployments.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    char id[40];
    std::snprintf(id, sizeof id, "release-%06zu-%08llx", i, static_cast<unsigned long long>(random() & 0xffffffff));
    const Timestamp newest = kNow - std::chrono::milliseconds(age_ms(random));
    deployments.push_back(Deployment{id, newest, newest - std::chrono::hours(1), 500, 5'000'000, 0, 0});
  }
  return deployments;
}

void Run(benchmark::State& state, const RetentionPolicy& policy) {
  const auto deployments = MakeDeployments(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    state.PauseTiming();
    auto input = deployments;
    state.ResumeTiming();
    auto plan = MakePlan(std::move(input), policy, kNow);
    benchmark::DoNotOptimize(plan);
    state.PauseTiming();
    plan = {};  // its destruction is not the planner's time either
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}

void BM_MakePlanKeepLast(benchmark::State& state) {
  RetentionPolicy policy;
  policy.keep_last = 10;
  Run(state, policy);
}

void BM_MakePlanAllRules(benchmark::State& state) {
  RetentionPolicy policy;
  policy.keep_last = 10;
  policy.keep_within = Duration{std::chrono::days(30), "30d"};
  policy.keep_globs = {"release-0000*", "*-ffff*", "hotfix-*"};
  policy.exclude_globs = {"tmp-*"};
  NamedDeployments live{"s3://bucket/live.txt", {}};
  for (int i = 0; i < 20; ++i) live.ids.push_back("release-" + std::to_string(100000 + i * 37));
  policy.keep_named = {live};
  Run(state, policy);
}

BENCHMARK(BM_MakePlanKeepLast)->Arg(1'000)->Arg(10'000)->Arg(100'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_MakePlanAllRules)->Arg(1'000)->Arg(10'000)->Arg(100'000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace s3prune::policy

BENCHMARK_MAIN();
