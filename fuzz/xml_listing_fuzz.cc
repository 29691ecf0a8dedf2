// The three listing parsers on arbitrary bytes. The first byte picks the parser, the rest is
// the reply. Property: a page that says it is truncated always carries the marker of the next
// page, since a listing cut short must never look complete (for uploads: the markers, or an
// upload to continue from, as Swift's empty markers are continued from the last upload).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_check.h"
#include "s3/xml/xml_list.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view xml(reinterpret_cast<const char*>(data) + 1, size - 1);
  using namespace s3prune::s3;
  switch (data[0] % 4) {
    case 0:
      if (const auto page = ParseListObjectsV2(xml); page && page->is_truncated) {
        FUZZ_CHECK(!page->next_continuation_token.empty());
      }
      break;
    case 1:
      if (const auto page = ParseListObjectVersions(xml); page && page->is_truncated) {
        FUZZ_CHECK(!page->next_key_marker.empty());
      }
      break;
    default: {
      const auto unstated = data[0] % 4 == 2 ? UnstatedKeyEncoding::kRaw : UnstatedKeyEncoding::kUrl;
      if (const auto page = ParseListMultipartUploads(xml, unstated); page && page->is_truncated) {
        FUZZ_CHECK(!page->next_key_marker.empty() || !page->uploads.empty());
      }
    }
  }
  return 0;
}
