// The saved plan that `apply --plan FILE` reads. Properties: any accepted plan is written back
// by PlanFileJson to a file that reads as the same plan (what apply carries out is exactly
// what was saved).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <nlohmann/json.hpp>

#include "fuzz_check.h"
#include "report/plan_file.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace s3prune::report;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto plan = ParsePlanFile(text);
  if (!plan) return 0;
  const nlohmann::json saved = PlanFileJson(*plan);
  const auto reread = ParsePlanFile(saved.dump());
  FUZZ_CHECK(reread.has_value());
  FUZZ_CHECK(PlanFileJson(*reread) == saved);
  return 0;
}
