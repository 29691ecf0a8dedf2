#include "s3/core/digest.h"

#include <openssl/evp.h>

#include <stdexcept>

namespace s3prune::s3 {
namespace {

[[noreturn]] void FailCrypto(const char* what) {
  throw std::runtime_error(std::string("OpenSSL failed to compute ") + what);
}

const unsigned char* Bytes(std::string_view text) {
  return reinterpret_cast<const unsigned char*>(text.data());
}

Sha256Digest Hmac(const void* key, std::size_t key_size, std::string_view data) {
  Sha256Digest mac{};
  std::size_t mac_size = 0;
  if (EVP_Q_mac(nullptr, "HMAC", nullptr, "SHA256", nullptr, key, key_size, Bytes(data),
                data.size(), mac.data(), mac.size(), &mac_size) == nullptr ||
      mac_size != mac.size()) {
    FailCrypto("HMAC-SHA256");
  }
  return mac;
}

}  // namespace

Sha256Digest Sha256(std::string_view data) {
  Sha256Digest digest{};
  unsigned int size = 0;
  if (EVP_Digest(data.data(), data.size(), digest.data(), &size, EVP_sha256(), nullptr) != 1 ||
      size != digest.size()) {
    FailCrypto("SHA-256");
  }
  return digest;
}

std::string Sha256Hex(std::string_view data) { return HexEncode(Sha256(data)); }

std::string Sha1Hex(std::string_view data) {
  std::array<unsigned char, 20> digest{};
  unsigned int size = 0;
  if (EVP_Digest(data.data(), data.size(), digest.data(), &size, EVP_sha1(), nullptr) != 1 || size != digest.size()) {
    FailCrypto("SHA-1");
  }
  return HexEncode(digest);
}

Sha256Digest HmacSha256(std::string_view key, std::string_view data) {
  return Hmac(key.data(), key.size(), data);
}

Sha256Digest HmacSha256(const Sha256Digest& key, std::string_view data) {
  return Hmac(key.data(), key.size(), data);
}

std::string HexEncode(std::span<const unsigned char> bytes) {
  static constexpr char kHexDigits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(bytes.size() * 2);
  for (const unsigned char b : bytes) {
    hex += kHexDigits[b >> 4];
    hex += kHexDigits[b & 0x0F];
  }
  return hex;
}

std::string Md5Base64(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (EVP_Digest(data.data(), data.size(), digest, &size, EVP_md5(), nullptr) != 1) {
    FailCrypto("MD5");
  }
  // Base64 turns each 3 bytes into 4 characters; EVP_EncodeBlock also writes a terminating NUL.
  unsigned char encoded[4 * ((EVP_MAX_MD_SIZE + 2) / 3) + 1];
  const int length = EVP_EncodeBlock(encoded, digest, static_cast<int>(size));
  return std::string(reinterpret_cast<const char*>(encoded), static_cast<std::size_t>(length));
}

}  // namespace s3prune::s3
