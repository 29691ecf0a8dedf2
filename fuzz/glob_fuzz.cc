// --keep / --exclude globs. The input is a glob, a NUL, then an id. Properties: CheckGlob never
// crashes; an accepted glob can be matched against any id; a glob without special characters
// matches exactly itself.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_check.h"
#include "policy/glob.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace s3prune::policy;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t split = input.find('\0');
  const std::string_view glob = input.substr(0, split);
  const std::string_view id = split == std::string_view::npos ? "" : input.substr(split + 1);
  if (!CheckGlob(glob, "--keep")) return 0;
  const bool matches = MatchesGlob(glob, id);
  const bool plain = glob.find_first_of("*?[\\") == std::string_view::npos && !glob.ends_with('/');
  if (plain && id.find('\0') == std::string_view::npos) FUZZ_CHECK(matches == (glob == id));
  if (plain) FUZZ_CHECK(MatchesGlob(glob, glob));
  return 0;
}
