// The S3 client library against a real server (Ceph RGW, scripts/s3-server): versions and
// delete markers, the version listing across page boundaries, and the bucket configuration
// s3prune reads and writes (versioning status, lifecycle rules). The AWS CLI, an
// independent client, confirms what the server holds.
#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include <nlohmann/json.hpp>

#include "s3/bucket_operations.h"
#include "s3/delete_operations.h"
#include "s3/list_operations.h"
#include "s3/object_operations.h"
#include "s3/paginator.h"
#include "test_server.h"

namespace s3prune::testing {
namespace {

using s3::VersioningStatus;

// key | version id | latest | marker: one entry as both clients can describe it.
using VersionRow = std::tuple<std::string, std::string, bool, bool>;

std::vector<VersionRow> Rows(const std::vector<s3::ObjectVersion>& versions) {
  std::vector<VersionRow> rows;
  for (const auto& v : versions) rows.emplace_back(v.key, v.version_id, v.is_latest, v.is_delete_marker);
  std::ranges::sort(rows);
  return rows;
}

// Every version and delete marker as `aws s3api list-object-versions` sees them.
std::vector<VersionRow> AwsListVersions(const TestServer& server, const std::string& bucket) {
  const auto listed = RunAws(server, {"s3api", "list-object-versions", "--bucket", bucket});
  EXPECT_EQ(listed.exit_code, 0) << listed.err;
  std::vector<VersionRow> rows;
  if (listed.exit_code != 0 || listed.out.empty()) return rows;
  const auto document = nlohmann::json::parse(listed.out);
  for (const auto& [field, is_marker] : {std::pair{"Versions", false}, std::pair{"DeleteMarkers", true}}) {
    if (!document.contains(field)) continue;
    for (const auto& entry : document[field]) {
      rows.emplace_back(entry["Key"].get<std::string>(), entry["VersionId"].get<std::string>(),
                        entry["IsLatest"].get<bool>(), is_marker);
    }
  }
  std::ranges::sort(rows);
  return rows;
}

std::string Describe(const std::vector<s3::ObjectVersion>& versions) {
  std::string text;
  for (const auto& v : versions) {
    text += "[" + v.key + " " + v.version_id + (v.is_latest ? " latest" : "") +
            (v.is_delete_marker ? " marker" : "") + "]";
  }
  return text;
}

// Sorted, and without the XML a rule read from the bucket carries (compared by meaning).
std::vector<s3::LifecycleRule> SortedById(std::vector<s3::LifecycleRule> rules) {
  std::ranges::sort(rules, {}, &s3::LifecycleRule::id);
  for (auto& rule : rules) rule.source_xml.clear();
  return rules;
}

std::string Days(const std::optional<int>& days) { return days ? std::to_string(*days) : "-"; }

// One line per rule, sorted by ID, so a failure shows every field.
std::string DescribeRules(const std::vector<s3::LifecycleRule>& rules) {
  std::string text;
  for (const auto& r : SortedById(rules)) {
    text += r.id + " prefix='" + r.prefix + "' " + (r.enabled ? "on" : "off") +
            " expire=" + Days(r.expiration_days) + " markers=" + (r.expired_object_delete_marker ? "y" : "n") +
            " noncurrent=" + Days(r.noncurrent_version_expiration_days) +
            " abort=" + Days(r.abort_incomplete_multipart_days) + " unsupported=";
    for (const auto& element : r.unsupported_elements) text += element + ",";
    text += "\n";
  }
  return text;
}

TEST(S3ClientVersionsTest, OverwritesAndADeleteMarkerAreListedAndRemovedByVersionId) {
  S3PRUNE_REQUIRE_SERVER(server);
  ScopedBucket bucket(server, "versions", ScopedBucket::Versioning::kEnabled);
  s3::S3Client& client = bucket.client();
  const std::string key = "site/index.html";
  for (const std::string body : {"v1", "v22", "v333"}) {
    ASSERT_TRUE(s3::PutObject(client, bucket.name(), key, body).has_value()) << body;
  }
  ASSERT_TRUE(s3::DeleteObject(client, bucket.name(), {key, ""}).has_value());
  EXPECT_TRUE(ListAllKeys(client, bucket.name()).empty()) << "the delete marker hides the key";

  const auto versions = ListAllVersions(client, bucket.name());
  ASSERT_EQ(versions.size(), 4u) << Describe(versions);
  // Newest first within a key: the marker, then v333, v22, v1.
  EXPECT_TRUE(versions[0].is_delete_marker) << Describe(versions);
  EXPECT_TRUE(versions[0].is_latest) << Describe(versions);
  const std::uint64_t sizes[] = {4, 3, 2};
  for (std::size_t i = 1; i < 4; ++i) {
    EXPECT_EQ(versions[i].key, key) << Describe(versions);
    EXPECT_FALSE(versions[i].is_delete_marker) << i << ": " << Describe(versions);
    EXPECT_FALSE(versions[i].is_latest) << i << ": " << Describe(versions);
    EXPECT_EQ(versions[i].size, sizes[i - 1]) << i << ": " << Describe(versions);
  }
  std::set<std::string> ids;
  for (const auto& v : versions) ids.insert(v.version_id);
  EXPECT_EQ(ids.size(), 4u) << Describe(versions);
  EXPECT_EQ(Rows(versions), AwsListVersions(server, bucket.name()));

  std::vector<s3::ObjectIdentifier> objects;
  for (const auto& v : versions) objects.push_back({v.key, v.version_id});
  auto deleted = s3::DeleteObjects(client, bucket.name(), objects);
  ASSERT_TRUE(deleted.has_value()) << deleted.error().message;
  EXPECT_TRUE(deleted->failures.empty()) << deleted->failures.size() << " failures, first: "
                                         << deleted->failures.front().code;
  EXPECT_EQ(deleted->deleted.size(), 4u);
  EXPECT_EQ(Describe(ListAllVersions(client, bucket.name())), "");
  EXPECT_TRUE(AwsListVersions(server, bucket.name()).empty());
}

// The contract on every server: through the paginator, pages of any size list every version
// exactly once, in the order of the whole listing, also when a page stops inside a key's
// versions. The markers themselves differ: RGW names the page's last version; Swift (2.30.1)
// sends NextVersionIdMarker "null" whatever that version's id, which the paginator continues
// from the last entry's own key and id (src/s3/paginator.cc).
TEST(S3ClientVersionsTest, PagesCarryBothMarkersAcrossAKeysVersions) {
  S3PRUNE_REQUIRE_SERVER(server);
  ScopedBucket bucket(server, "vpages", ScopedBucket::Versioning::kEnabled);
  s3::S3Client& client = bucket.client();
  // The middle key has several versions and needs url encoding in the key marker.
  const std::vector<std::pair<std::string, int>> writes = {{"a", 1}, {"b b+%", 4}, {"c", 2}};
  for (const auto& [key, count] : writes) {
    for (int i = 0; i < count; ++i) {
      ASSERT_TRUE(s3::PutObject(client, bucket.name(), key, std::to_string(i)).has_value()) << key;
    }
  }
  const auto all = ListAllVersions(client, bucket.name());
  ASSERT_EQ(all.size(), 7u) << Describe(all);

  for (const int max_keys : {1, 2, 3}) {
    SCOPED_TRACE("max-keys " + std::to_string(max_keys));
    std::vector<s3::ObjectVersion> paged;
    bool boundary_inside_a_key = false;
    std::size_t pages = 0;
    const auto listed = s3::PageVersions(client, {bucket.name(), "", "", "", "", max_keys}, [&](s3::ListVersionsPage& page) {
      ++pages;
      EXPECT_LE(page.versions.size(), static_cast<std::size_t>(max_keys));
      if (page.is_truncated && !page.versions.empty()) {
        const s3::ObjectVersion& last = page.versions.back();
        EXPECT_EQ(page.next_key_marker, last.key);
        EXPECT_EQ(page.next_version_id_marker, server.kind == ServerKind::kSwift ? "null" : last.version_id);
        boundary_inside_a_key |= page.next_key_marker == "b b+%";
      }
      for (auto& version : page.versions) paged.push_back(std::move(version));
      return s3::PageControl::kContinue;
    });
    ASSERT_TRUE(listed) << listed.error().message;
    EXPECT_GE(pages, all.size() / max_keys);
    EXPECT_TRUE(boundary_inside_a_key);
    EXPECT_EQ(Describe(paged), Describe(all));
  }
}

// A page can end on a common prefix. RGW then names that prefix, raw, as the key marker, and
// the listing goes on to every prefix and key once. Swift (2.30.1, measured) names the prefix
// with NextVersionIdMarker "null", and a versions listing continued from a prefix with that
// marker lists the later prefixes but never the plain keys after them, and ends untruncated:
// the key "x y" is not seen there. (For s3prune such keys are root objects beside the
// deployments, never deleted; the listing of deployments, the prefixes, stays whole. The
// page boundary needs more than 1,000 entries at the target's level to arise in a real run.)
TEST(S3ClientVersionsTest, DelimiterPagesEndingOnAPrefixThatNeedsEncoding) {
  S3PRUNE_REQUIRE_SERVER(server);
  ScopedBucket bucket(server, "vprefix", ScopedBucket::Versioning::kEnabled);
  PutObjects(bucket.client(), bucket.name(), {"w+1/a", "w+1/b", "w+2/a", "w%41/a", "x y"});
  std::vector<std::string> prefixes;
  std::vector<std::string> keys;
  std::size_t pages = 0;
  const auto listed = s3::PageVersions(bucket.client(), {bucket.name(), "", "/", "", "", 1}, [&](s3::ListVersionsPage& page) {
    ++pages;
    if (page.is_truncated && !page.common_prefixes.empty()) {
      EXPECT_EQ(page.next_key_marker, page.common_prefixes.back()) << "page " << pages;
    }
    for (auto& prefix : page.common_prefixes) prefixes.push_back(std::move(prefix));
    for (auto& version : page.versions) keys.push_back(std::move(version.key));
    return s3::PageControl::kContinue;
  });
  ASSERT_TRUE(listed) << listed.error().message;
  EXPECT_EQ(prefixes, (std::vector<std::string>{"w%41/", "w+1/", "w+2/"}));
  if (server.kind == ServerKind::kSwift) {
    EXPECT_EQ(keys, std::vector<std::string>{}) << "Swift now lists the key after the prefixes: update this test";
    // In one page, the same listing has them all.
    std::vector<std::string> whole;
    ASSERT_TRUE(s3::PageVersions(bucket.client(), {bucket.name(), "", "/", "", "", 1000}, [&](s3::ListVersionsPage& page) {
      for (auto& version : page.versions) whole.push_back(std::move(version.key));
      return s3::PageControl::kContinue;
    }));
    EXPECT_EQ(whole, std::vector<std::string>{"x y"});
  } else {
    EXPECT_EQ(keys, std::vector<std::string>{"x y"});
  }
}

TEST(S3ClientBucketTest, VersioningStatusNeverEnabledEnabledSuspended) {
  S3PRUNE_REQUIRE_SERVER(server);
  ScopedBucket bucket(server, "vstatus");
  s3::S3Client& client = bucket.client();
  auto status = s3::GetBucketVersioning(client, bucket.name());
  ASSERT_TRUE(status.has_value()) << status.error().message;
  EXPECT_EQ(*status, VersioningStatus::kNeverEnabled);
  for (const auto wanted : {VersioningStatus::kEnabled, VersioningStatus::kSuspended}) {
    ASSERT_TRUE(s3::PutBucketVersioning(client, bucket.name(), wanted).has_value());
    status = s3::GetBucketVersioning(client, bucket.name());
    ASSERT_TRUE(status.has_value()) << status.error().message;
    EXPECT_EQ(*status, wanted);
  }
  const auto aws = RunAws(server, {"s3api", "get-bucket-versioning", "--bucket", bucket.name()});
  ASSERT_EQ(aws.exit_code, 0) << aws.err;
  EXPECT_EQ(nlohmann::json::parse(aws.out)["Status"], "Suspended");
}

TEST(S3ClientBucketTest, LifecycleRulesReadBackEqualAndDelete) {
  S3PRUNE_REQUIRE_SERVER(server);
  ScopedBucket bucket(server, "lifecycle");
  s3::S3Client& client = bucket.client();
  if (!MissingFeature(server, Feature::kLifecycle).empty()) {
    // Swift answers GET ?lifecycle with a bucket listing: an error, never a configuration
    // (and never "no rules", which would let a caller go on to DELETE ?lifecycle).
    auto refused = s3::GetBucketLifecycle(client, bucket.name());
    EXPECT_FALSE(refused.has_value()) << refused->rules.size() << " rules read from a server without lifecycle";
    return;
  }
  auto none = s3::GetBucketLifecycle(client, bucket.name());
  ASSERT_TRUE(none.has_value()) << none.error().message;
  EXPECT_TRUE(none->rules.empty());

  // One rule per action s3prune models; each starts from a rule with no action.
  auto rule = [](std::string id, std::string prefix) {
    s3::LifecycleRule r;
    r.id = std::move(id);
    r.prefix = std::move(prefix);
    return r;
  };
  s3::LifecycleConfiguration configuration;
  configuration.rules = {rule("expire-deploys", "deploys/"), rule("noncurrent", ""), rule("uploads", "tmp/"),
                         rule("markers", "old/")};
  configuration.rules[0].expiration_days = 30;
  configuration.rules[1].noncurrent_version_expiration_days = 7;
  configuration.rules[2].enabled = false;
  configuration.rules[2].abort_incomplete_multipart_days = 3;
  configuration.rules[3].expired_object_delete_marker = true;
  auto put = s3::PutBucketLifecycle(client, bucket.name(), configuration);
  ASSERT_TRUE(put.has_value()) << put.error().message << " (" << put.error().s3_code << ")";
  auto read = s3::GetBucketLifecycle(client, bucket.name());
  ASSERT_TRUE(read.has_value()) << read.error().message;
  // Rules have no order in S3; RGW returns them sorted by ID.
  EXPECT_EQ(DescribeRules(read->rules), DescribeRules(configuration.rules));
  EXPECT_EQ(SortedById(read->rules), SortedById(configuration.rules));
  const auto aws = RunAws(server, {"s3api", "get-bucket-lifecycle-configuration", "--bucket", bucket.name()});
  ASSERT_EQ(aws.exit_code, 0) << aws.err;
  EXPECT_EQ(nlohmann::json::parse(aws.out)["Rules"].size(), configuration.rules.size()) << aws.out;

  ASSERT_TRUE(s3::DeleteBucketLifecycle(client, bucket.name()).has_value());
  auto after = s3::GetBucketLifecycle(client, bucket.name());
  ASSERT_TRUE(after.has_value()) << after.error().message;
  EXPECT_TRUE(after->rules.empty()) << after->rules.size() << " rules left";
}

}  // namespace
}  // namespace s3prune::testing
