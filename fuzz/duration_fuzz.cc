// --keep-within / --undo-window durations and the age text of plans. Properties: an accepted
// duration is positive, at most kMaxDuration, and keeps the user's spelling; FormatAge takes
// any age the planner can compute without overflow.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "fuzz_check.h"
#include "policy/duration.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace s3prune::policy;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (const auto duration = ParseDuration(text)) {
    FUZZ_CHECK(duration->length > std::chrono::seconds::zero());
    FUZZ_CHECK(duration->length <= kMaxDuration);
    FUZZ_CHECK(duration->text == text);
  }
  if (size >= sizeof(std::int64_t)) {
    std::int64_t seconds = 0;
    std::memcpy(&seconds, data, sizeof seconds);
    // Ages are differences of two timestamps: bounded far inside int64 seconds.
    seconds %= std::int64_t{1} << 40;
    FUZZ_CHECK(!FormatAge(std::chrono::seconds{seconds}).empty());
  }
  return 0;
}
