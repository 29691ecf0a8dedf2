#include "s3/core/digest.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace s3prune::s3 {
namespace {

struct HashCase {
  std::string_view data;
  std::string_view expected;  // hex for SHA-256, base64 for MD5
};

TEST(DigestTest, Sha256Hex) {
  const HashCase cases[] = {
      {"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
      {"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
      // The body of the PUT Object example in the S3 API Reference's SigV4 examples.
      {"Welcome to Amazon S3.", "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072"},
  };
  for (const auto& c : cases) EXPECT_EQ(Sha256Hex(c.data), c.expected) << "data: " << c.data;
}

TEST(DigestTest, Sha1HexFips180Vectors) {
  EXPECT_EQ(Sha1Hex("abc"), "a9993e364706816aba3e25717850c26c9cd0d89d");
  EXPECT_EQ(Sha1Hex(""), "da39a3ee5e6b4b0d3255bfef95601890afd80709");
}

struct HmacCase {
  std::string name;
  std::string key;
  std::string data;
  std::string_view mac_hex;
};

// RFC 4231 test cases 1, 2 and 6 (a key longer than the hash block is hashed first).
TEST(DigestTest, HmacSha256Rfc4231) {
  const HmacCase cases[] = {
      {"case 1", std::string(20, '\x0b'), "Hi There",
       "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"},
      {"case 2", "Jefe", "what do ya want for nothing?",
       "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"},
      {"case 6", std::string(131, '\xaa'), "Test Using Larger Than Block-Size Key - Hash Key First",
       "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"},
  };
  for (const auto& c : cases) EXPECT_EQ(HexEncode(HmacSha256(c.key, c.data)), c.mac_hex) << c.name;
}

TEST(DigestTest, HmacKeyedByDigestEqualsKeyedByItsBytes) {
  const Sha256Digest key = Sha256("key");
  const std::string key_bytes(reinterpret_cast<const char*>(key.data()), key.size());
  EXPECT_EQ(HmacSha256(key, "data"), HmacSha256(std::string_view(key_bytes), "data"));
}

TEST(DigestTest, HexEncode) {
  const unsigned char bytes[] = {0x00, 0x01, 0xab, 0xff};
  EXPECT_EQ(HexEncode(bytes), "0001abff");
  EXPECT_EQ(HexEncode({}), "");
}

TEST(DigestTest, Md5Base64) {
  const HashCase cases[] = {
      {"", "1B2M2Y8AsgTpgAmY7PhCfg=="},
      {"abc", "kAFQmDzST7DWlj99KOF/cg=="},
      {"<Delete><Quiet>true</Quiet></Delete>", "l/kaH4kX+6APpvyDt6+W2w=="},
  };
  for (const auto& c : cases) EXPECT_EQ(Md5Base64(c.data), c.expected) << "data: " << c.data;
}

}  // namespace
}  // namespace s3prune::s3
