#include "s3/xml/xml_bucket.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace s3prune::s3 {
namespace {

using ::testing::HasSubstr;

constexpr std::string_view kNs = R"( xmlns="http://s3.amazonaws.com/doc/2006-03-01/")";

// ---------------------------------------------------------------- versioning

TEST(ParseVersioningConfigurationTest, ReadsStatus) {
  struct Case {
    std::string_view xml;
    VersioningStatus status;
  };
  const Case cases[] = {
      {R"(<?xml version="1.0" encoding="UTF-8"?>)"
       R"(<VersioningConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"/>)",
       VersioningStatus::kNeverEnabled},
      {"<VersioningConfiguration><Status>Enabled</Status><MfaDelete>Disabled</MfaDelete>"
       "</VersioningConfiguration>",
       VersioningStatus::kEnabled},
      {"<VersioningConfiguration><Status>Suspended</Status></VersioningConfiguration>",
       VersioningStatus::kSuspended},
      {"<VersioningConfiguration><Status></Status></VersioningConfiguration>",
       VersioningStatus::kNeverEnabled},
  };
  for (const auto& c : cases) {
    const auto status = ParseVersioningConfiguration(c.xml);
    ASSERT_TRUE(status.has_value()) << c.xml << ": " << status.error().message;
    EXPECT_EQ(*status, c.status) << c.xml;
  }
}

TEST(ParseVersioningConfigurationTest, RefusesMalformedReplies) {
  struct Case {
    std::string_view xml;
    std::string_view message;
  };
  const Case cases[] = {
      {"", "not XML"},
      {"<Error><Code>NoSuchBucket</Code></Error>", "the root element is <Error>"},
      {"<VersioningConfiguration><Status>enabled</Status></VersioningConfiguration>",
       "unknown <Status> 'enabled'"},
  };
  for (const auto& c : cases) {
    const auto status = ParseVersioningConfiguration(c.xml);
    ASSERT_FALSE(status.has_value()) << c.xml;
    EXPECT_EQ(status.error().code, ErrorCode::kMalformedReply) << c.xml;
    EXPECT_THAT(status.error().message, HasSubstr(c.message)) << c.xml;
  }
}

TEST(BuildVersioningConfigurationTest, WritesStatus) {
  EXPECT_EQ(BuildVersioningConfiguration(VersioningStatus::kEnabled),
            std::string("<VersioningConfiguration") + std::string(kNs) +
                "><Status>Enabled</Status></VersioningConfiguration>");
  EXPECT_EQ(BuildVersioningConfiguration(VersioningStatus::kSuspended),
            std::string("<VersioningConfiguration") + std::string(kNs) +
                "><Status>Suspended</Status></VersioningConfiguration>");
}

// ---------------------------------------------------------------- lifecycle

LifecycleRule Rule(std::string id, std::string prefix) {
  LifecycleRule rule;
  rule.id = std::move(id);
  rule.prefix = std::move(prefix);
  return rule;
}

TEST(BuildLifecycleConfigurationTest, WritesEachRuleForm) {
  LifecycleRule expire = Rule("s3prune-expire", "site/");
  expire.expiration_days = 30;
  LifecycleRule markers = Rule("s3prune-markers", "");
  markers.expired_object_delete_marker = true;
  markers.noncurrent_version_expiration_days = 7;
  LifecycleRule uploads = Rule("", "R&D <tmp>/");
  uploads.enabled = false;
  uploads.abort_incomplete_multipart_days = 2;

  struct Case {
    std::string_view name;
    LifecycleConfiguration configuration;
    std::string_view rules;  // between the root tags
  };
  const Case cases[] = {
      {"no rules", {}, ""},
      {"expiration days", {{expire}},
       "<Rule><ID>s3prune-expire</ID><Filter><Prefix>site/</Prefix></Filter>"
       "<Status>Enabled</Status><Expiration><Days>30</Days></Expiration></Rule>"},
      {"delete markers and noncurrent versions, whole bucket", {{markers}},
       "<Rule><ID>s3prune-markers</ID><Filter><Prefix></Prefix></Filter><Status>Enabled</Status>"
       "<Expiration><ExpiredObjectDeleteMarker>true</ExpiredObjectDeleteMarker></Expiration>"
       "<NoncurrentVersionExpiration><NoncurrentDays>7</NoncurrentDays>"
       "</NoncurrentVersionExpiration></Rule>"},
      {"disabled, no id, escaped prefix", {{uploads}},
       "<Rule><Filter><Prefix>R&amp;D &lt;tmp&gt;/</Prefix></Filter><Status>Disabled</Status>"
       "<AbortIncompleteMultipartUpload><DaysAfterInitiation>2</DaysAfterInitiation>"
       "</AbortIncompleteMultipartUpload></Rule>"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(BuildLifecycleConfiguration(c.configuration),
              std::string("<LifecycleConfiguration") + std::string(kNs) + ">" +
                  std::string(c.rules) + "</LifecycleConfiguration>")
        << c.name;
  }
}

TEST(LifecycleConfigurationTest, RoundTrips) {
  LifecycleRule everything = Rule("all", "deploys/\r\n\t&");
  everything.expiration_days = 90;
  everything.noncurrent_version_expiration_days = 1;
  everything.abort_incomplete_multipart_days = 3;
  LifecycleRule disabled = Rule("off", "");
  disabled.enabled = false;
  disabled.expired_object_delete_marker = true;
  const LifecycleConfiguration configurations[] = {
      {},
      {{everything}},
      {{everything, disabled, Rule("", "caf\xC3\xA9/")}},
  };
  for (const auto& configuration : configurations) {
    const std::string xml = BuildLifecycleConfiguration(configuration);
    auto parsed = ParseLifecycleConfiguration(xml);
    ASSERT_TRUE(parsed.has_value()) << xml << ": " << parsed.error().message;
    // Read back from a bucket, each rule also carries its XML; written again, it is verbatim.
    EXPECT_EQ(BuildLifecycleConfiguration(*parsed), xml);
    for (auto& rule : parsed->rules) {
      EXPECT_TRUE(rule.source_xml.starts_with("<Rule>")) << rule.source_xml;
      rule.source_xml.clear();
    }
    EXPECT_EQ(*parsed, configuration) << xml;
  }
}

TEST(LifecycleConfigurationTest, ARuleReadFromTheBucketIsWrittenBackWhole) {
  // A transition and a tag filter: nothing s3prune models, all of it kept.
  const std::string user_rule =
      "<Rule><ID>archive</ID><Filter><And><Prefix>logs/</Prefix><Tag><Key>keep</Key><Value>1</Value></Tag></And>"
      "</Filter><Status>Enabled</Status><Transition><Days>30</Days><StorageClass>GLACIER</StorageClass></Transition>"
      "</Rule>";
  auto parsed = ParseLifecycleConfiguration(
      "<LifecycleConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">" + user_rule + "</LifecycleConfiguration>");
  ASSERT_TRUE(parsed);
  ASSERT_EQ(parsed->rules.size(), 1u);
  EXPECT_FALSE(parsed->rules[0].unsupported_elements.empty());
  parsed->rules.push_back(Rule("s3prune:d1", "d1/"));
  parsed->rules.back().expiration_days = 1;
  const std::string written = BuildLifecycleConfiguration(*parsed);
  EXPECT_NE(written.find(user_rule), std::string::npos) << written;
  EXPECT_NE(written.find("<ID>s3prune:d1</ID><Filter><Prefix>d1/</Prefix></Filter>"), std::string::npos) << written;
}

TEST(ParseLifecycleConfigurationTest, ReadsRuleForms) {
  struct Case {
    std::string_view name;
    std::string_view rule;  // one <Rule> body
    std::string_view id;
    std::string_view prefix;
    bool enabled;
    std::optional<int> expiration_days;
    std::vector<std::string> unsupported;
  };
  const Case cases[] = {
      {"legacy prefix under Rule",
       "<ID>old</ID><Prefix>logs/</Prefix><Status>Enabled</Status>"
       "<Expiration><Days>365</Days></Expiration>",
       "old", "logs/", true, 365, {}},
      {"empty filter", "<Filter/><Status>Disabled</Status>", "", "", false, std::nullopt, {}},
      {"filter with And",
       "<Filter><And><Prefix>tmp/</Prefix><ObjectSizeGreaterThan>1024</ObjectSizeGreaterThan>"
       "</And></Filter><Status>Enabled</Status><Expiration><Days>1</Days></Expiration>",
       "", "tmp/", true, 1, {"Filter/And/ObjectSizeGreaterThan"}},
      {"tag filter and transitions are reported, not dropped",
       "<ID>archive</ID><Filter><Tag><Key>keep</Key><Value>no</Value></Tag></Filter>"
       "<Status>Enabled</Status><Transition><Days>30</Days><StorageClass>GLACIER"
       "</StorageClass></Transition><NoncurrentVersionTransition><NoncurrentDays>5"
       "</NoncurrentDays><StorageClass>GLACIER</StorageClass></NoncurrentVersionTransition>",
       "archive", "", true, std::nullopt,
       {"Filter/Tag", "Transition", "NoncurrentVersionTransition"}},
      {"expiration date and newer noncurrent versions",
       "<Filter><Prefix>a/</Prefix></Filter><Status>Enabled</Status>"
       "<Expiration><Date>2030-01-01T00:00:00.000Z</Date></Expiration>"
       "<NoncurrentVersionExpiration><NoncurrentDays>30</NoncurrentDays>"
       "<NewerNoncurrentVersions>3</NewerNoncurrentVersions></NoncurrentVersionExpiration>",
       "", "a/", true, std::nullopt,
       {"Expiration/Date", "NoncurrentVersionExpiration/NewerNoncurrentVersions"}},
  };
  for (const auto& c : cases) {
    const std::string xml = "<LifecycleConfiguration" + std::string(kNs) + "><Rule>" +
                            std::string(c.rule) + "</Rule></LifecycleConfiguration>";
    const auto parsed = ParseLifecycleConfiguration(xml);
    ASSERT_TRUE(parsed.has_value()) << c.name << ": " << parsed.error().message;
    ASSERT_EQ(parsed->rules.size(), 1u) << c.name;
    const LifecycleRule& rule = parsed->rules[0];
    EXPECT_EQ(rule.id, c.id) << c.name;
    EXPECT_EQ(rule.prefix, c.prefix) << c.name;
    EXPECT_EQ(rule.enabled, c.enabled) << c.name;
    EXPECT_EQ(rule.expiration_days, c.expiration_days) << c.name;
    EXPECT_EQ(rule.unsupported_elements, c.unsupported) << c.name;
  }
}

TEST(ParseLifecycleConfigurationTest, RefusesMalformedReplies) {
  struct Case {
    std::string_view name;
    std::string_view rules;
    std::string_view message;
  };
  const Case cases[] = {
      {"no Status", "<Rule><ID>a</ID></Rule>", "<Rule> #1: <Status> is missing"},
      {"bad Status", "<Rule><Status>On</Status></Rule>",
       "<Rule> #1: <Status> is neither Enabled nor Disabled: 'On'"},
      {"bad Days",
       "<Rule><Status>Enabled</Status></Rule><Rule><Status>Enabled</Status><Expiration><Days>"
       "thirty</Days></Expiration></Rule>",
       "<Rule> #2: <Days> is not a number: 'thirty'"},
      {"Days too large",
       "<Rule><Status>Enabled</Status><Expiration><Days>4294967296</Days></Expiration></Rule>",
       "<Days> is too large"},
      {"noncurrent expiration without days",
       "<Rule><Status>Enabled</Status><NoncurrentVersionExpiration>"
       "</NoncurrentVersionExpiration></Rule>",
       "<NoncurrentDays> is missing"},
      {"bad ExpiredObjectDeleteMarker",
       "<Rule><Status>Enabled</Status><Expiration><ExpiredObjectDeleteMarker>yes"
       "</ExpiredObjectDeleteMarker></Expiration></Rule>",
       "<ExpiredObjectDeleteMarker> is not a boolean: 'yes'"},
  };
  for (const auto& c : cases) {
    const std::string xml =
        "<LifecycleConfiguration>" + std::string(c.rules) + "</LifecycleConfiguration>";
    const auto parsed = ParseLifecycleConfiguration(xml);
    ASSERT_FALSE(parsed.has_value()) << c.name;
    EXPECT_EQ(parsed.error().code, ErrorCode::kMalformedReply) << c.name;
    EXPECT_THAT(parsed.error().message, HasSubstr(c.message)) << c.name;
  }
  const auto not_lifecycle = ParseLifecycleConfiguration(
      "<Error><Code>NoSuchLifecycleConfiguration</Code></Error>");
  ASSERT_FALSE(not_lifecycle.has_value());
  EXPECT_THAT(not_lifecycle.error().message, HasSubstr("the root element is <Error>"));
}

}  // namespace
}  // namespace s3prune::s3
