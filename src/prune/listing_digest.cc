#include "prune/listing_digest.h"

#include <charconv>

namespace s3prune::prune {
namespace {

constexpr std::uint64_t kFnvOffset = 14695981039346656037ull;
constexpr std::uint64_t kFnvPrime = 1099511628211ull;

void MixBytes(std::uint64_t& hash, std::string_view bytes) {
  for (const unsigned char byte : bytes) {
    hash ^= byte;
    hash *= kFnvPrime;
  }
}

// Each field is preceded by its length, so ("ab", "c") and ("a", "bc") differ.
void MixField(std::uint64_t& hash, std::string_view field) {
  std::uint64_t length = field.size();
  for (int i = 0; i < 8; ++i, length >>= 8) {
    hash ^= length & 0xff;
    hash *= kFnvPrime;
  }
  MixBytes(hash, field);
}

// splitmix64's finalizer: spreads every input bit over the output, so that summing entries'
// hashes does not let near-equal hashes cancel out.
std::uint64_t Finalize(std::uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ull;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebull;
  x ^= x >> 31;
  return x;
}

}  // namespace

void ListingDigest::Add(const ListedEntry& entry, VersionIds version_ids) {
  std::uint64_t hash = kFnvOffset;
  MixField(hash, entry.key);
  MixField(hash, version_ids == VersionIds::kHashed ? std::string_view(entry.version_id) : std::string_view());
  MixField(hash, entry.is_delete_marker ? "marker" : std::to_string(entry.size));
  MixField(hash, entry.etag);
  sum_ += Finalize(hash);
}

std::string FormatListingDigest(std::uint64_t digest) {
  std::string text(16, '0');
  for (int i = 15; i >= 0; --i, digest >>= 4) text[static_cast<std::size_t>(i)] = "0123456789abcdef"[digest & 0xf];
  return text;
}

std::optional<std::uint64_t> ParseListingDigest(std::string_view text) {
  if (text.size() != 16) return std::nullopt;
  std::uint64_t digest = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), digest, 16);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return digest;
}

}  // namespace s3prune::prune
