// RunApply against an in-memory bucket: the safety checks between the plan and the first
// delete, and the exit codes. The faults here are what a real server cannot be made to do
// on cue: a --keep-from pointer that changes between two reads of one run, a per-key delete
// error, a listing page that fails on every retry. The same command against a real server is
// tested in tests/integration/cli_apply_test.cc.
#include <gtest/gtest.h>

#include <functional>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "cli/command_context.h"
#include "cli/exit_codes.h"
#include "cli/options.h"
#include "testing/fake_bucket.h"

#include <nlohmann/json.hpp>

namespace s3prune::cli {
namespace {

using namespace s3::fake;  // the fake bucket and its matchers, test-only

constexpr const char* kBucket = "deploys";
constexpr const char* kPointer = "live/current.txt";

enum class Stdin { kTerminal, kPipe };

struct ApplyRun {
  int code = -1;
  std::string out;
  std::string err;
  int questions = 0;  // answers read from stdin
};

// d1 (oldest) .. d4 (newest), three objects of 10 bytes each, and a pointer naming d4.
// `apply --keep-last 2` keeps d4 and d3 and deletes d2 and d1: six objects.
void PutFourDeployments(FakeBucket& bucket) {
  for (int d = 1; d <= 4; ++d) {
    for (int i = 0; i < 3; ++i) {
      bucket.Put("www/d" + std::to_string(d) + "/" + std::to_string(i), 10,
                 s3::Timestamp(s3::fake::kFixedTime) - std::chrono::hours(50 - 10 * d));
    }
  }
  bucket.Put(kPointer, 3, s3::Timestamp(s3::fake::kFixedTime), "d4\n");
}

ApplyRun Apply(FakeBucket& bucket, std::vector<std::string> extra_args, Stdin stdin_kind = Stdin::kPipe,
          std::optional<std::string> answer = std::nullopt, std::function<bool()> output_closed = {}) {
  std::vector<std::string> args = {"s3prune", "apply", "s3://deploys/www", "--keep-last", "2", "--keep-from",
                                   "s3://deploys/live/current.txt", "--concurrency", "2"};
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  std::vector<const char*> argv;
  for (const auto& arg : args) argv.push_back(arg.c_str());
  auto options = ParseCommandLine(static_cast<int>(argv.size()), argv.data());
  if (!options) throw std::logic_error("bad test arguments: " + options.error().text);

  FakeBucketClient s3(bucket);
  std::ostringstream out;
  std::ostringstream err;
  ApplyRun run;
  CommandContext context{
      .options = *options,
      .client = s3.client(),
      .out = out,
      .err = err,
      .stdin_is_terminal = stdin_kind == Stdin::kTerminal,
      .stderr_is_terminal = false,
      .read_line = [&]() -> std::optional<std::string> {
        ++run.questions;
        return answer;
      },
      .now = s3::Timestamp(s3::fake::kFixedTime),
      .started = {},
      .error_context = {kBucket, "http://127.0.0.1:9000", "AKIDFAKEEXAMPLE"},
      .output_closed = std::move(output_closed),
  };
  run.code = RunApply(context);
  run.out = out.str();
  run.err = err.str();
  return run;
}

bool Contains(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

std::string Joined(const std::vector<std::string>& keys) {
  std::string text;
  for (const auto& key : keys) text += key + " ";
  return text;
}

const std::string kAllKeys =
    "live/current.txt www/d1/0 www/d1/1 www/d1/2 www/d2/0 www/d2/1 www/d2/2 www/d3/0 www/d3/1 www/d3/2 "
    "www/d4/0 www/d4/1 www/d4/2 ";
const std::string kKeysAfterApply = "live/current.txt www/d3/0 www/d3/1 www/d3/2 www/d4/0 www/d4/1 www/d4/2 ";

auto PointerRead() {
  return [](const ParsedRequest& r) { return r.operation == Operation::kGetObject && r.key == kPointer; };
}

struct PointerCase {
  const char* name;
  s3::fake::TransportReply second_read;  // what the pointer says just before deleting
  int code;
  const char* message;  // in stderr when refused
};

TEST(RunApply, APointerThatChangedSincePlanningStopsTheDeletion) {
  const std::vector<PointerCase> cases = {
      {"now names a doomed deployment", Reply(200, "d2\n"), kExitFailure, "now names 'd2'"},
      {"now names one doomed among others", Reply(200, "# rollback\nd4\nd1\n"), kExitFailure, "now names 'd1'"},
      {"was deleted", Reply(404, ErrorXml("NoSuchKey", "no such key")), kExitFailure, "does not exist"},
      {"now names another kept deployment", Reply(200, "d3\n"), kExitSuccess, ""},
  };
  for (const auto& c : cases) {
    FakeBucket bucket(kBucket);
    PutFourDeployments(bucket);
    bucket.AddRule(PointerRead(), Reply(200, "d4\n"), 1);  // the read while planning
    bucket.AddRule(PointerRead(), c.second_read);
    const ApplyRun run = Apply(bucket, {"--yes"});

    EXPECT_EQ(run.code, c.code) << c.name << "\n" << run.err;
    EXPECT_EQ(bucket.Requests(Operation::kGetObject).size(), 2u) << c.name << ": the pointer is read twice";
    if (c.code == kExitFailure) {
      EXPECT_TRUE(Contains(run.err, c.message)) << c.name << ": " << run.err;
      EXPECT_TRUE(Contains(run.err, "nothing was deleted")) << c.name << ": " << run.err;
      EXPECT_TRUE(bucket.Requests(Operation::kDeleteObjects).empty()) << c.name;
      EXPECT_EQ(Joined(bucket.CurrentKeys()), kAllKeys) << c.name;
    } else {
      EXPECT_EQ(Joined(bucket.CurrentKeys()), kKeysAfterApply) << c.name;
    }
  }
}

TEST(RunApply, AStdoutWithoutAReaderDeletesNothing) {
  for (const std::vector<std::string>& output : {std::vector<std::string>{"--yes"}, {"--yes", "-o", "json"}}) {
    FakeBucket bucket(kBucket);
    PutFourDeployments(bucket);
    const ApplyRun run = Apply(bucket, output, Stdin::kPipe, std::nullopt, [] { return true; });
    EXPECT_EQ(run.code, kExitFailure) << output.back();
    EXPECT_TRUE(Contains(run.err, "s3prune: stdout closed (the program reading it has exited): nothing was deleted"))
        << run.err;
    EXPECT_TRUE(bucket.Requests(Operation::kDeleteObjects).empty()) << output.back();
    EXPECT_EQ(Joined(bucket.CurrentKeys()), kAllKeys) << output.back();
  }
}

TEST(RunApply, MaxDeleteRefusesAPlanThatDeletesMore) {
  struct Case {
    const char* max_delete;
    int code;
  };
  for (const Case& c : {Case{"1", kExitFailure}, Case{"5", kExitFailure}, Case{"6", kExitSuccess}}) {
    FakeBucket bucket(kBucket);
    PutFourDeployments(bucket);
    const ApplyRun run = Apply(bucket, {"--yes", "--max-delete", c.max_delete});
    EXPECT_EQ(run.code, c.code) << "--max-delete " << c.max_delete << "\n" << run.err;
    if (c.code == kExitFailure) {
      EXPECT_TRUE(Contains(run.err, "more than --max-delete")) << run.err;
      EXPECT_TRUE(bucket.Requests(Operation::kDeleteObjects).empty()) << "--max-delete " << c.max_delete;
      EXPECT_EQ(Joined(bucket.CurrentKeys()), kAllKeys) << "--max-delete " << c.max_delete;
    } else {
      EXPECT_EQ(Joined(bucket.CurrentKeys()), kKeysAfterApply) << "--max-delete " << c.max_delete;
    }
  }
}

TEST(RunApply, DeletesOnlyWhenConfirmed) {
  struct Case {
    const char* name;
    Stdin stdin_kind;
    std::vector<std::string> args;
    std::optional<std::string> answer;
    int code;
    int questions;
  };
  const std::vector<Case> cases = {
      {"pipe without --yes", Stdin::kPipe, {}, "y", kExitFailure, 0},
      {"pipe with --yes", Stdin::kPipe, {"--yes"}, std::nullopt, kExitSuccess, 0},
      {"terminal, answer n", Stdin::kTerminal, {}, "n", kExitFailure, 1},
      {"terminal, empty answer", Stdin::kTerminal, {}, "", kExitFailure, 1},
      {"terminal, end of input", Stdin::kTerminal, {}, std::nullopt, kExitFailure, 1},
      {"terminal, answer yesterday", Stdin::kTerminal, {}, "yesterday", kExitFailure, 1},
      {"terminal, answer y", Stdin::kTerminal, {}, "y", kExitSuccess, 1},
      {"terminal, answer 'YES '", Stdin::kTerminal, {}, "YES ", kExitSuccess, 1},
      {"terminal with --yes", Stdin::kTerminal, {"--yes"}, "n", kExitSuccess, 0},
  };
  for (const auto& c : cases) {
    FakeBucket bucket(kBucket);
    PutFourDeployments(bucket);
    const ApplyRun run = Apply(bucket, c.args, c.stdin_kind, c.answer);
    EXPECT_EQ(run.code, c.code) << c.name << "\n" << run.err;
    EXPECT_EQ(run.questions, c.questions) << c.name;
    if (c.code == kExitFailure) {
      EXPECT_TRUE(Contains(run.err, "nothing was deleted")) << c.name << ": " << run.err;
      EXPECT_TRUE(bucket.Requests(Operation::kDeleteObjects).empty()) << c.name;
      EXPECT_EQ(Joined(bucket.CurrentKeys()), kAllKeys) << c.name;
    } else {
      EXPECT_EQ(Joined(bucket.CurrentKeys()), kKeysAfterApply) << c.name;
    }
  }
}

TEST(RunApply, PerKeyFailuresExitThreeAndAreNamed) {
  FakeBucket bucket(kBucket);
  PutFourDeployments(bucket);
  bucket.FailDeleteOf("www/d1/1", "AccessDenied");
  const ApplyRun run = Apply(bucket, {"--yes"});
  EXPECT_EQ(run.code, kExitPartial) << run.err;
  EXPECT_TRUE(Contains(run.out, "www/d1/1")) << run.out;
  EXPECT_TRUE(Contains(run.out, "AccessDenied")) << run.out;
  EXPECT_EQ(Joined(bucket.CurrentKeys()), "live/current.txt www/d1/1 " + kKeysAfterApply.substr(17));
}

TEST(RunApply, PerKeyFailuresAreInTheJsonResultToo) {
  FakeBucket bucket(kBucket);
  PutFourDeployments(bucket);
  bucket.FailDeleteOf("www/d2/0", "InternalError");
  const ApplyRun run = Apply(bucket, {"--yes", "-o", "json"});
  EXPECT_EQ(run.code, kExitPartial) << run.err;
  EXPECT_TRUE(Contains(run.out, "www/d2/0")) << run.out;
  EXPECT_TRUE(Contains(run.out, "InternalError")) << run.out;
}

TEST(RunApply, AListingErrorWhilePlanningDeletesNothing) {
  struct Case {
    const char* name;
    std::vector<std::string> args;
    s3::fake::TransportReply reply;
  };
  const std::vector<Case> cases = {
      {"500 on every retry", {}, Reply(500, ErrorXml("InternalError", "boom"))},
      {"truncated without a token", {},
       Reply(200, "<ListBucketResult><IsTruncated>true</IsTruncated></ListBucketResult>")},
      {"500 on every retry (versions)", {"--versions"}, Reply(500, ErrorXml("InternalError", "boom"))},
  };
  for (const auto& c : cases) {
    FakeBucket bucket(kBucket);
    PutFourDeployments(bucket);
    bucket.set_page_size(2);
    bucket.AddRule(ContinuesInside("www/d2/"), c.reply);
    auto args = c.args;
    args.push_back("--yes");
    const ApplyRun run = Apply(bucket, args);
    EXPECT_EQ(run.code, kExitFailure) << c.name << "\n" << run.err;
    EXPECT_TRUE(Contains(run.err, "s3prune: ")) << c.name << ": " << run.err;
    EXPECT_TRUE(bucket.Requests(Operation::kDeleteObjects).empty()) << c.name;
    EXPECT_EQ(Joined(bucket.CurrentKeys()), kAllKeys) << c.name;
  }
}

// With --output json, stdout is one JSON document whatever the outcome: scripts never parse
// stderr. A refusal after planning carries the plan.
TEST(RunApply, EveryOutcomeIsOneJsonDocumentOnStdout) {
  struct Case {
    const char* name;
    std::vector<std::string> args;
    std::function<void(FakeBucket&)> fault;
    int code;
    const char* error_code;  // "" for a result document
    bool has_plan;
  };
  const std::vector<Case> cases = {
      {"applied", {"--yes"}, [](FakeBucket&) {}, kExitSuccess, "", true},
      {"--max-delete refuses", {"--yes", "--max-delete", "1"}, [](FakeBucket&) {}, kExitFailure, "refused", true},
      {"no confirmation possible", {}, [](FakeBucket&) {}, kExitFailure, "refused", true},
      {"the pointer is gone",
       {"--yes"},
       [](FakeBucket& bucket) { bucket.AddRule(PointerRead(), Reply(404, ErrorXml("NoSuchKey", "gone"))); },
       kExitFailure, "not_found", false},
  };
  for (const auto& c : cases) {
    FakeBucket bucket(kBucket);
    PutFourDeployments(bucket);
    c.fault(bucket);
    auto args = c.args;
    args.insert(args.end(), {"-o", "json"});
    const ApplyRun run = Apply(bucket, args);
    EXPECT_EQ(run.code, c.code) << c.name << "\n" << run.err;
    const auto document = nlohmann::json::parse(run.out, nullptr, false);
    ASSERT_FALSE(document.is_discarded()) << c.name << ": " << run.out;
    if (std::string(c.error_code).empty()) {
      EXPECT_TRUE(document.contains("result")) << c.name;
      continue;
    }
    EXPECT_EQ(document["error"]["code"], c.error_code) << c.name;
    EXPECT_EQ(document["error"]["exit_code"], c.code) << c.name;
    EXPECT_FALSE(document["error"]["message"].get<std::string>().empty()) << c.name;
    EXPECT_EQ(document.contains("plan"), c.has_plan) << c.name;
    EXPECT_EQ(Joined(bucket.CurrentKeys()), kAllKeys) << c.name;
  }
}

}  // namespace
}  // namespace s3prune::cli
