// --keep-from pointer files. Properties: parsing never fails; the ids come without duplicates,
// each with its line, in file order, and none is blank or holds a line break.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <unordered_set>

#include "fuzz_check.h"
#include "policy/deployment_list.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace s3prune::policy;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const ListTarget target{.bucket = "my-site", .prefix = "sites/"};
  const NamedDeployments named = ParseDeploymentList(text, target);
  FUZZ_CHECK(named.lines.size() == named.ids.size());
  std::unordered_set<std::string_view> seen;
  for (std::size_t at = 0; at < named.ids.size(); ++at) {
    const std::string& id = named.ids[at];
    FUZZ_CHECK(!id.empty());
    FUZZ_CHECK(id.find('\n') == std::string::npos);
    FUZZ_CHECK(seen.insert(id).second);
    FUZZ_CHECK(named.lines[at] >= 1);
    if (at > 0) FUZZ_CHECK(named.lines[at] > named.lines[at - 1]);
  }
  return 0;
}
