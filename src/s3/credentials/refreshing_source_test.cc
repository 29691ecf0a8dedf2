// Refresh of temporary credentials with the clock and the random draw in the test's hands.
#include "s3/credentials/refreshing_source.h"

#include <gtest/gtest.h>

#include <thread>

namespace s3prune::s3 {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using Time = std::chrono::system_clock::time_point;

const Time kStart = std::chrono::sys_days{std::chrono::year{2026} / 12 / 1};

Credentials Expiring(const std::string& id, Time expiration) { return {id, "s", "t", expiration}; }

// Hands out the next scripted result on each Load.
class ScriptedProvider : public CredentialsProvider {
 public:
  explicit ScriptedProvider(std::vector<Result<Lookup>> results) : results_(std::move(results)) {}
  std::string Name() const override { return "scripted"; }
  Result<Lookup> Load() override {
    ++loads;
    return results_.at(std::min(loads - 1, results_.size() - 1));
  }
  std::size_t loads = 0;

 private:
  std::vector<Result<Lookup>> results_;
};

struct Harness {
  explicit Harness(std::vector<Result<Lookup>> results, double draw = 0.0) {
    auto scripted = std::make_unique<ScriptedProvider>(std::move(results));
    provider = scripted.get();
    source = std::make_unique<RefreshingSource>(
        std::move(scripted), Expiring("FIRST", kStart + hours(1)), [this] { return now; }, [draw] { return draw; },
        [this](const std::string& line) { warnings.push_back(line); });
  }
  Time now = kStart;
  ScriptedProvider* provider = nullptr;
  std::vector<std::string> warnings;
  std::unique_ptr<RefreshingSource> source;
};

TEST(RefreshingSourceTest, RefreshesFiveToFifteenMinutesBeforeExpiry) {
  for (const double draw : {0.0, 0.5, 0.999}) {
    Harness harness({Lookup{Expiring("SECOND", kStart + hours(2)), ""}}, draw);
    const auto margin = minutes(5) + std::chrono::duration_cast<std::chrono::system_clock::duration>(minutes(10) * draw);
    harness.now = kStart + hours(1) - margin - minutes(1);
    EXPECT_EQ(harness.source->Current()->access_key_id, "FIRST") << draw;
    EXPECT_EQ(harness.provider->loads, 0u);
    harness.now = kStart + hours(1) - margin;
    EXPECT_EQ(harness.source->Current()->access_key_id, "SECOND") << draw;
    EXPECT_EQ(harness.provider->loads, 1u);
    EXPECT_EQ(harness.source->Current()->access_key_id, "SECOND");
    EXPECT_EQ(harness.provider->loads, 1u) << "no reload while the new ones are fresh";
  }
}

TEST(RefreshingSourceTest, AFailedRefreshWithTimeLeftKeepsTheOldOnesAndWarns) {
  Harness harness({std::unexpected(MakeError(ErrorCode::kNetwork, "STS did not answer")),
                   Lookup{Expiring("SECOND", kStart + hours(2)), ""}});
  harness.now = kStart + minutes(57);  // past the refresh point (5 min early with a draw of 0)
  auto kept = harness.source->Current();
  ASSERT_TRUE(kept);
  EXPECT_EQ(kept->access_key_id, "FIRST");
  ASSERT_EQ(harness.warnings.size(), 1u);
  EXPECT_NE(harness.warnings[0].find("could not refresh the credentials from scripted (STS did not answer)"),
            std::string::npos);
  EXPECT_EQ(harness.source->Current()->access_key_id, "FIRST");
  EXPECT_EQ(harness.provider->loads, 1u) << "the next try waits a minute";
  harness.now += minutes(1);
  EXPECT_EQ(harness.source->Current()->access_key_id, "SECOND");
}

TEST(RefreshingSourceTest, AFailedRefreshAfterExpiryIsAnError) {
  Harness harness({Lookup{std::nullopt, "the endpoint is gone"}});
  harness.now = kStart + hours(1);
  auto expired = harness.source->Current();
  ASSERT_FALSE(expired);
  EXPECT_EQ(expired.error().code, ErrorCode::kExpiredToken);
  EXPECT_NE(expired.error().message.find("expired at 2026-12-01T01:00:00Z and could not be refreshed: the endpoint is gone"),
            std::string::npos)
      << expired.error().message;
}

TEST(RefreshingSourceTest, ManyThreadsShareOneRefresh) {
  Harness harness({Lookup{Expiring("SECOND", kStart + hours(2)), ""}});
  harness.now = kStart + minutes(58);
  std::vector<std::thread> workers;
  std::atomic<int> second{0};
  for (int i = 0; i < 8; ++i) {
    workers.emplace_back([&] {
      for (int j = 0; j < 100; ++j) {
        if (harness.source->Current()->access_key_id == "SECOND") ++second;
      }
    });
  }
  for (auto& worker : workers) worker.join();
  EXPECT_EQ(harness.provider->loads, 1u);
  EXPECT_EQ(second.load(), 800);
}

}  // namespace
}  // namespace s3prune::s3
