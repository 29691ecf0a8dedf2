// Runs the public SigV4 test suites (aws-c-auth's v4 cases and botocore's aws4_testsuite) through
// the signer, one test per case, comparing the canonical request, the string to sign, the
// signature and the Authorization header. The suites sign for a generic service ("service"),
// so they use the non-S3 SigningRules; the S3 rules are covered by sigv4_test.cc.
// The data lives outside the repository, in ../shared/testdata/sigv4 (see its README); where it
// is absent the tests skip.
//
// The files write the request-line path unencoded ("/example space/"). Cases that normalise take
// it as the path sent and let kNormalizeAndEncode encode it; aws-c-auth's unnormalised cases take
// it as a raw key path, encode it once and sign it as S3 does (kAsSent).
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "s3/auth/sigv4.h"
#include "s3/core/uri_encode.h"

namespace s3prune::s3 {
namespace {

namespace fs = std::filesystem;

const fs::path kVectorDir = fs::path(S3PRUNE_SHARED_DIR) / "testdata" / "sigv4";
constexpr std::string_view kRegion = "us-east-1";
constexpr std::string_view kService = "service";
constexpr std::string_view kAccessKeyId = "AKIDEXAMPLE";
constexpr std::string_view kSecretAccessKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
constexpr std::string_view kNoDataCase = "data_absent";

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// --- A test-only parser for the raw requests (.req, request.txt) ---

struct RawRequest {
  std::string method;
  std::string path;  // the request-line path, exactly as written
  QueryList query;   // decoded name/value pairs
  HeaderList headers;
  std::string body;
};

// Splits "a=1&b&c=" into decoded pairs. The files write most of the query raw, but some names
// are percent-encoded (get-vanilla-query-order-encoded): decoding both forms yields the raw pair.
std::optional<QueryList> ParseQuery(std::string_view text) {
  QueryList query;
  while (!text.empty()) {
    const std::size_t amp = std::min(text.find('&'), text.size());
    const std::string_view pair = text.substr(0, amp);
    const std::size_t eq = std::min(pair.find('='), pair.size());
    auto name = UriDecode(pair.substr(0, eq), PlusDecoding::kPlusIsPlus);
    auto value = UriDecode(pair.substr(std::min(eq + 1, pair.size())), PlusDecoding::kPlusIsPlus);
    if (!name || !value) return std::nullopt;
    query.emplace_back(std::move(*name), std::move(*value));
    text.remove_prefix(std::min(amp + 1, text.size()));
  }
  return query;
}

std::optional<RawRequest> ParseRawRequest(std::string_view text) {
  RawRequest request;
  auto next_line = [&text]() {
    const std::size_t end = std::min(text.find('\n'), text.size());
    std::string_view line = text.substr(0, end);
    text.remove_prefix(std::min(end + 1, text.size()));
    if (line.ends_with('\r')) line.remove_suffix(1);
    return line;
  };
  // The request line's target may contain spaces ("GET /example space/ HTTP/1.1"), so the
  // method ends at the first space and the version starts at the last.
  const std::string_view request_line = next_line();
  const std::size_t first_space = request_line.find(' ');
  const std::size_t last_space = request_line.rfind(' ');
  if (first_space == std::string_view::npos || last_space <= first_space) return std::nullopt;
  request.method = request_line.substr(0, first_space);
  const std::string_view target =
      request_line.substr(first_space + 1, last_space - first_space - 1);
  const std::size_t question = std::min(target.find('?'), target.size());
  request.path = target.substr(0, question);
  auto query = ParseQuery(target.substr(std::min(question + 1, target.size())));
  if (!query) return std::nullopt;
  request.query = std::move(*query);

  while (!text.empty()) {
    const std::string_view line = next_line();
    if (line.empty()) break;  // the blank line before the body
    if (line.front() == ' ' || line.front() == '\t') {
      // An obsolete folded continuation line: joined to the previous value with a space.
      if (request.headers.empty()) return std::nullopt;
      request.headers.back().second += ' ';
      request.headers.back().second += line;
      continue;
    }
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) return std::nullopt;
    request.headers.emplace_back(line.substr(0, colon), line.substr(colon + 1));
  }
  request.body = text;
  return request;
}

// --- One case of either suite ---

struct VectorCase {
  std::string name;  // a gtest-safe name, e.g. "botocore_normalize_path_get_slash"
  fs::path dir;
  bool aws_c_auth = false;  // otherwise botocore
};

struct Expected {
  std::string canonical_request;
  std::string string_to_sign;
  std::string signature;
  std::string authorization;
};

std::string TestName(std::string text) {
  std::replace_if(
      text.begin(), text.end(), [](unsigned char c) { return !std::isalnum(c); }, '_');
  return text;
}

std::vector<VectorCase> FindCases() {
  std::vector<VectorCase> cases;
  const fs::path aws_c_auth = kVectorDir / "aws-c-auth" / "v4";
  const fs::path botocore = kVectorDir / "botocore" / "aws4_testsuite";
  if (fs::is_directory(aws_c_auth)) {
    for (const auto& entry : fs::directory_iterator(aws_c_auth)) {
      if (!fs::exists(entry.path() / "request.txt")) continue;
      const std::string name = entry.path().filename().string();
      cases.push_back({"aws_c_auth_" + TestName(name), entry.path(), true});
    }
  }
  if (fs::is_directory(botocore)) {
    for (const auto& entry : fs::recursive_directory_iterator(botocore)) {
      if (entry.path().extension() != ".req") continue;
      const std::string name = fs::relative(entry.path().parent_path(), botocore).string();
      cases.push_back({"botocore_" + TestName(name), entry.path().parent_path(), false});
    }
  }
  std::sort(cases.begin(), cases.end(),
            [](const auto& a, const auto& b) { return a.name < b.name; });
  // Keep one placeholder so the suite reports a skip, not "no instantiations".
  if (cases.empty()) cases.push_back({std::string(kNoDataCase), {}, false});
  return cases;
}

// "2015-08-30T12:36:00Z" -> time point.
std::optional<std::chrono::sys_seconds> ParseIsoTime(const std::string& text) {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (std::sscanf(text.c_str(), "%d-%d-%dT%d:%d:%dZ", &year, &month, &day, &hour, &minute,
                  &second) != 6) {
    return std::nullopt;
  }
  const std::chrono::year_month_day date{std::chrono::year{year},
                                         std::chrono::month{static_cast<unsigned>(month)},
                                         std::chrono::day{static_cast<unsigned>(day)}};
  return std::chrono::sys_days{date} + std::chrono::hours{hour} + std::chrono::minutes{minute} +
         std::chrono::seconds{second};
}

std::string LineStartingWith(const std::string& text, std::string_view prefix) {
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (line.starts_with(prefix)) return line.substr(prefix.size());
  }
  return "";
}

// Everything one case needs: the request as a caller would hand it to the signer, the signing
// inputs, and what the suite says comes out.
struct LoadedCase {
  SigningRequest request;
  Credentials credentials{std::string(kAccessKeyId), std::string(kSecretAccessKey), ""};
  SigningRules rules{PathCanonicalization::kNormalizeAndEncode, ContentSha256Header::kOmitted};
  std::chrono::sys_seconds now = std::chrono::sys_days{std::chrono::year{2015} / 8 / 30} +
                                 std::chrono::hours{12} + std::chrono::minutes{36};
  Expected expected;
};

// The parts common to both suites. The request path is taken as sent; the query is decoded.
std::optional<LoadedCase> LoadRequest(const fs::path& request_file) {
  const std::string text = ReadFile(request_file);
  std::optional<RawRequest> raw = ParseRawRequest(text);
  if (!raw) {
    ADD_FAILURE() << "cannot parse the raw request " << request_file << ":\n" << text;
    return std::nullopt;
  }
  // The signer owns x-amz-date and x-amz-security-token (some .req files already carry them):
  // drop them here and let the signer add them back, with the same values.
  std::erase_if(raw->headers, [](const auto& header) { return IsSignerHeader(header.first); });
  LoadedCase loaded;
  loaded.request = {raw->method, raw->path, raw->query, raw->headers, Sha256Hex(raw->body)};
  return loaded;
}

std::optional<LoadedCase> LoadAwsCAuthCase(const fs::path& dir) {
  std::optional<LoadedCase> loaded = LoadRequest(dir / "request.txt");
  if (!loaded) return std::nullopt;
  const auto context = nlohmann::json::parse(ReadFile(dir / "context.json"));
  const auto& credentials = context["credentials"];
  loaded->credentials.access_key_id = credentials["access_key_id"].get<std::string>();
  loaded->credentials.secret_access_key = credentials["secret_access_key"].get<std::string>();
  // omit_session_token: the token header is added after signing, so it cannot influence the
  // signature; signing without the token is the same computation.
  if (credentials.contains("token") && !context.value("omit_session_token", false)) {
    loaded->credentials.session_token = credentials["token"].get<std::string>();
  }
  if (context.value("sign_body", false)) {
    loaded->rules.content_sha256 = ContentSha256Header::kSigned;
  }
  if (!context.value("normalize", true)) {
    // The unnormalised cases sign as S3 does: the raw path from the file, encoded once.
    loaded->rules.path = PathCanonicalization::kAsSent;
    loaded->request.encoded_path = UriEncode(loaded->request.encoded_path, SlashEncoding::kKeep);
  }
  const auto now = ParseIsoTime(context["timestamp"].get<std::string>());
  if (!now || context["region"].get<std::string>() != kRegion ||
      context["service"].get<std::string>() != kService) {
    ADD_FAILURE() << "unexpected timestamp, region or service in " << dir / "context.json";
    return std::nullopt;
  }
  loaded->now = *now;
  loaded->expected = {
      ReadFile(dir / "header-canonical-request.txt"),
      ReadFile(dir / "header-string-to-sign.txt"),
      ReadFile(dir / "header-signature.txt"),
      LineStartingWith(ReadFile(dir / "header-signed-request.txt"), "Authorization:"),
  };
  return loaded;
}

std::optional<LoadedCase> LoadBotocoreCase(const fs::path& dir) {
  const std::string stem = dir.filename().string();
  std::optional<LoadedCase> loaded = LoadRequest(dir / (stem + ".req"));
  if (!loaded) return std::nullopt;
  Expected& expected = loaded->expected;
  expected.canonical_request = ReadFile(dir / (stem + ".creq"));
  expected.string_to_sign = ReadFile(dir / (stem + ".sts"));
  expected.authorization = ReadFile(dir / (stem + ".authz"));
  constexpr std::string_view kSignatureField = "Signature=";
  expected.signature = expected.authorization.substr(expected.authorization.find(kSignatureField) +
                                                     kSignatureField.size());
  // The .req files carry no credentials. As botocore's own runner does, a case signs with a
  // session token exactly when its canonical request contains one.
  loaded->credentials.session_token =
      LineStartingWith(expected.canonical_request, "x-amz-security-token:");
  return loaded;
}

void PrintTo(const VectorCase& vector, std::ostream* out) { *out << vector.dir; }

class SigV4VectorTest : public testing::TestWithParam<VectorCase> {};

TEST_P(SigV4VectorTest, MatchesTheSuite) {
  const VectorCase& vector = GetParam();
  if (vector.name == kNoDataCase) {
    GTEST_SKIP() << "SigV4 test vectors not found under " << kVectorDir
                 << " (they live next to the checkout, in ../shared; see its README)";
  }
  const std::optional<LoadedCase> loaded =
      vector.aws_c_auth ? LoadAwsCAuthCase(vector.dir) : LoadBotocoreCase(vector.dir);
  ASSERT_TRUE(loaded);
  const auto& [request, credentials, rules, now, expected] = *loaded;

  SigningRequest to_sign = request;
  for (auto& header :
       SignerHeaders(now, request.payload_sha256, credentials, rules.content_sha256)) {
    to_sign.headers.push_back(std::move(header));
  }
  const std::string canonical_request = CanonicalRequest(to_sign, rules.path);
  EXPECT_EQ(canonical_request, expected.canonical_request);
  const auto date = std::chrono::floor<std::chrono::days>(now);
  const std::string string_to_sign =
      StringToSign(now, CredentialScope(date, kRegion, kService), canonical_request);
  EXPECT_EQ(string_to_sign, expected.string_to_sign);
  const Sha256Digest key = SigningKey(credentials.secret_access_key, date, kRegion, kService);
  EXPECT_EQ(Signature(key, string_to_sign), expected.signature);

  // The same through the one call the client makes.
  const HeaderList added = SignRequest(request, credentials, kRegion, kService, now, rules);
  ASSERT_FALSE(added.empty());
  EXPECT_EQ(added.back().first, "Authorization");
  EXPECT_EQ(added.back().second, expected.authorization);
}

// A half-copied data folder must not pass as a smaller suite.
TEST(SigV4VectorSuitesTest, EveryCaseIsFound) {
  const std::vector<VectorCase> cases = FindCases();
  if (cases.front().name == kNoDataCase) GTEST_SKIP() << "SigV4 test vectors not found";
  const auto aws_c_auth =
      std::count_if(cases.begin(), cases.end(), [](const VectorCase& c) { return c.aws_c_auth; });
  EXPECT_EQ(aws_c_auth, 38);
  EXPECT_EQ(cases.size() - aws_c_auth, 34u);
}

INSTANTIATE_TEST_SUITE_P(Suites, SigV4VectorTest, testing::ValuesIn(FindCases()),
                         [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace s3prune::s3
