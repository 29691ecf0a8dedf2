#include "s3/xml/xml_delete.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <pugixml.hpp>

#include <string>
#include <vector>

namespace s3prune::s3 {
namespace {

using ::testing::HasSubstr;

constexpr std::string_view kOpen = R"(<Delete xmlns="http://s3.amazonaws.com/doc/2006-03-01/">)";

TEST(BuildDeleteObjectsBodyTest, WritesOneObjectPerIdentifier) {
  struct Case {
    std::string_view name;
    std::vector<ObjectIdentifier> objects;
    std::string_view body;  // after the opening <Delete ...> tag
  };
  const Case cases[] = {
      {"quiet, current objects",
       {{"site/a.html", ""}, {"site/b.html", ""}},
       "<Quiet>true</Quiet><Object><Key>site/a.html</Key></Object>"
       "<Object><Key>site/b.html</Key></Object></Delete>"},
      {"versions",
       {{"site/a.html", "3/L4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY+MTRCxf3vjVBH40Nr8X8gdRQBpUMLUo"},
        {"site/a.html", "null"}},
       "<Quiet>true</Quiet><Object><Key>site/a.html</Key>"
       "<VersionId>3/L4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY+MTRCxf3vjVBH40Nr8X8gdRQBpUMLUo</VersionId>"
       "</Object><Object><Key>site/a.html</Key><VersionId>null</VersionId></Object></Delete>"},
      {"escaped key",
       {{"R&D/<draft> v2\r\n\tnotes", ""}},
       "<Quiet>true</Quiet><Object><Key>R&amp;D/&lt;draft&gt; v2&#xD;&#xA;&#x9;notes</Key>"
       "</Object></Delete>"},
      {"unicode key", {{"caf\xC3\xA9/\xF0\x9F\x9A\x80", ""}},
       "<Quiet>true</Quiet><Object><Key>caf\xC3\xA9/\xF0\x9F\x9A\x80</Key></Object></Delete>"},
      {"empty batch", {}, "<Quiet>true</Quiet></Delete>"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(BuildDeleteObjectsBody(c.objects), std::string(kOpen) + std::string(c.body))
        << c.name;
  }
}

// A standard XML parser (line ends normalised, as servers do) must read back the exact keys.
TEST(BuildDeleteObjectsBodyTest, KeysSurviveAConformingParser) {
  const std::vector<ObjectIdentifier> objects = {
      {"a\r\nb", ""}, {"tab\there", "v1"}, {"cr\r", ""}, {" ", ""}, {"x&y<z>", ""}};
  const std::string body = BuildDeleteObjectsBody(objects);
  pugi::xml_document document;
  ASSERT_TRUE(document.load_buffer(body.data(), body.size(),
                                   pugi::parse_default | pugi::parse_ws_pcdata_single));
  std::vector<ObjectIdentifier> parsed;
  for (const auto object : document.child("Delete").children("Object")) {
    parsed.push_back({object.child_value("Key"), object.child_value("VersionId")});
  }
  EXPECT_EQ(parsed, objects);
}

constexpr std::string_view kMixedReply = R"(<?xml version="1.0" encoding="UTF-8"?>
<DeleteResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
  <Deleted>
    <Key>site/a.html</Key>
  </Deleted>
  <Error>
    <Key>site/locked.html</Key>
    <VersionId>W_cnlAlLdJRgK8EaFGMVsXxJuOWOZoWB</VersionId>
    <Code>AccessDenied</Code>
    <Message>Access Denied</Message>
  </Error>
  <Deleted>
    <Key>site/my page+1 &amp; more.html</Key>
    <VersionId>3HL4kqCxf3vjVBH40Nrjfkd</VersionId>
  </Deleted>
  <Deleted>
    <Key>site/b.html</Key>
    <DeleteMarker>true</DeleteMarker>
    <DeleteMarkerVersionId>NeQt5xeFTfgPJD8B4CGWnkSLtluMr11s</DeleteMarkerVersionId>
  </Deleted>
  <Error>
    <Key>site/caf&#xE9;&#13;.html</Key>
    <Code>InternalError</Code>
    <Message>We encountered an internal error. Please try again.</Message>
  </Error>
</DeleteResult>)";

TEST(ParseDeleteObjectsResultTest, ReturnsEveryDeletedAndEveryError) {
  const auto result = ParseDeleteObjectsResult(kMixedReply);
  ASSERT_TRUE(result.has_value()) << result.error().message;
  EXPECT_EQ(result->deleted, (std::vector<ObjectIdentifier>{
                                 {"site/a.html", ""},
                                 // Not url-decoded: '+' and ' ' are the key's own.
                                 {"site/my page+1 & more.html", "3HL4kqCxf3vjVBH40Nrjfkd"},
                                 {"site/b.html", ""},
                             }));
  ASSERT_EQ(result->failures.size(), 2u);
  EXPECT_EQ(result->failures[0].object,
            (ObjectIdentifier{"site/locked.html", "W_cnlAlLdJRgK8EaFGMVsXxJuOWOZoWB"}));
  EXPECT_EQ(result->failures[0].code, "AccessDenied");
  EXPECT_EQ(result->failures[0].message, "Access Denied");
  EXPECT_EQ(result->failures[1].object, (ObjectIdentifier{"site/caf\xC3\xA9\r.html", ""}));
  EXPECT_EQ(result->failures[1].code, "InternalError");
}

TEST(ParseDeleteObjectsResultTest, ReadsSmallReplies) {
  struct Case {
    std::string_view name;
    std::string_view xml;
    std::size_t deleted;
    std::size_t failures;
  };
  const Case cases[] = {
      {"quiet, all deleted", R"(<DeleteResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"/>)",
       0, 0},
      {"quiet, one failure",
       "<DeleteResult><Error><Key>k</Key><Code>AccessDenied</Code></Error></DeleteResult>", 0, 1},
      {"failure without Code is still a failure",
       "<DeleteResult><Error><Key>k</Key></Error></DeleteResult>", 0, 1},
      {"unknown elements are skipped",
       "<DeleteResult><RequestCharged>requester</RequestCharged><Deleted><Key>k</Key>"
       "</Deleted></DeleteResult>",
       1, 0},
  };
  for (const auto& c : cases) {
    const auto result = ParseDeleteObjectsResult(c.xml);
    ASSERT_TRUE(result.has_value()) << c.name << ": " << result.error().message;
    EXPECT_EQ(result->deleted.size(), c.deleted) << c.name;
    EXPECT_EQ(result->failures.size(), c.failures) << c.name;
  }
}

TEST(ParseDeleteObjectsResultTest, RefusesMalformedReplies) {
  struct Case {
    std::string_view name;
    std::string_view xml;
    std::string_view message;
  };
  const Case cases[] = {
      {"not XML", "<DeleteResult><Deleted><Key>k</Key>", "not XML"},
      {"whole-request error with status 200",
       "<Error><Code>InternalError</Code><Message>We encountered an internal error.</Message>"
       "</Error>",
       "malformed <DeleteResult> reply: the root element is <Error>"},
      {"error without Key",
       "<DeleteResult><Error><Key>a</Key></Error><Error><Code>AccessDenied</Code></Error>"
       "</DeleteResult>",
       "<Error> #2: <Key> is missing"},
      {"deleted with empty Key", "<DeleteResult><Deleted><Key/></Deleted></DeleteResult>",
       "<Deleted> #1: <Key> is empty"},
  };
  for (const auto& c : cases) {
    const auto result = ParseDeleteObjectsResult(c.xml);
    ASSERT_FALSE(result.has_value()) << c.name;
    EXPECT_EQ(result.error().code, ErrorCode::kMalformedReply) << c.name;
    EXPECT_THAT(result.error().message, HasSubstr(c.message)) << c.name;
  }
}

}  // namespace
}  // namespace s3prune::s3
