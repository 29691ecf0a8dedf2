// SigV4 percent-encoding and its inverse. Properties: the encoding holds only unreserved
// characters, '%XX' with upper-case hex (and '/' when kept), and decoding it gives back the
// original bytes; decoding arbitrary text never crashes and only fails on a bad '%'.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_check.h"
#include "s3/core/uri_encode.h"

namespace {

bool Unreserved(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || c == '.' || c == '~';
}

bool UpperHex(char c) { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F'); }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace s3prune::s3;
  const std::string_view raw(reinterpret_cast<const char*>(data), size);
  for (const SlashEncoding slash : {SlashEncoding::kEncode, SlashEncoding::kKeep}) {
    const std::string encoded = UriEncode(raw, slash);
    for (std::size_t at = 0; at < encoded.size(); ++at) {
      const char c = encoded[at];
      if (c == '%') {
        FUZZ_CHECK(at + 2 < encoded.size() && UpperHex(encoded[at + 1]) && UpperHex(encoded[at + 2]));
        at += 2;
        continue;
      }
      FUZZ_CHECK(Unreserved(c) || (c == '/' && slash == SlashEncoding::kKeep));
    }
    const auto decoded = UriDecode(encoded, PlusDecoding::kPlusIsPlus);
    FUZZ_CHECK(decoded.has_value() && *decoded == raw);
  }
  const auto as_listing = UriDecode(raw, PlusDecoding::kPlusIsSpace);
  if (raw.find('%') == std::string_view::npos) FUZZ_CHECK(as_listing.has_value());
  return 0;
}
