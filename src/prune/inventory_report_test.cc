// Inventory reports generated in the documented format (manifest.json, CSV with every field
// quoted, keys URL-encoded with '+' for a space), including awkward keys and versioned reports.
#include "testing/gzip.h"
#include "prune/inventory_report.h"

#include <gtest/gtest.h>

#include "s3/core/timestamp.h"

namespace s3prune::prune {
namespace {

constexpr const char* kManifest = R"({
  "sourceBucket": "my-site",
  "destinationBucket": "arn:aws:s3:::inventory-bucket",
  "version": "2016-11-30",
  "creationTimestamp": "1796083200000",
  "fileFormat": "CSV",
  "fileSchema": "Bucket, Key, VersionId, IsLatest, IsDeleteMarker, Size, LastModifiedDate, ETag",
  "files": [{"key": "my-site/daily/2026-12-01T00-00Z/files/a.csv.gz", "size": 100, "MD5checksum": "x"}]
})";

const std::vector<std::string> kColumns = {"Bucket", "Key", "VersionId", "IsLatest", "IsDeleteMarker", "Size",
                                           "LastModifiedDate", "ETag"};

TEST(InventoryManifest, ReadsTheDocumentedFields) {
  auto manifest = ParseInventoryManifest(kManifest);
  ASSERT_TRUE(manifest) << manifest.error().message;
  EXPECT_EQ(manifest->source_bucket, "my-site");
  EXPECT_EQ(manifest->destination_bucket, "inventory-bucket");
  EXPECT_EQ(manifest->columns, kColumns);
  EXPECT_EQ(manifest->files, (std::vector<std::string>{"my-site/daily/2026-12-01T00-00Z/files/a.csv.gz"}));
  EXPECT_EQ(s3::FormatTimestamp(manifest->created), "2026-12-01T00:00:00Z");
  auto parquet = ParseInventoryManifest(R"({"fileFormat": "Parquet"})");
  ASSERT_FALSE(parquet);
  EXPECT_NE(parquet.error().message.find("reads CSV inventories"), std::string::npos);
}

TEST(InventoryCsv, AwkwardKeysAreDecodedAndQuotesUnescaped) {
  const std::string csv =
      "\"my-site\",\"d1/a+b%2Bc.html\",\"v1\",\"true\",\"false\",\"10\",\"2026-11-30T10:00:00.000Z\",\"e\"\n"
      "\"my-site\",\"d1/caf%C3%A9%22q%22%2C.txt\",\"v2\",\"true\",\"false\",\"5\",\"2026-11-30T11:00:00.000Z\",\"\"\"e\"\"\"\r\n";
  auto rows = ParseInventoryCsv(Gunzip(s3::fake::Gzip(csv)).value(), kColumns);
  ASSERT_TRUE(rows) << rows.error().message;
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].key, "d1/a b+c.html");
  EXPECT_EQ((*rows)[1].key, "d1/caf\xC3\xA9\"q\",.txt");
  EXPECT_EQ((*rows)[1].size, 5u);
  EXPECT_FALSE(ParseInventoryCsv("\"b\",\"k\"\n", kColumns)) << "a row with too few fields";
  EXPECT_FALSE(ParseInventoryCsv("\"b\",\"bad%zz\",\"\",\"true\",\"false\",\"1\",\"2026-11-30T10:00:00Z\",\"e\"\n", kColumns));
  EXPECT_FALSE(Gunzip("not gzip"));
}

TEST(InventoryTally, AddsUpAsDiscoveryDoesWithResidueAndRootObjects) {
  const std::string csv =
      "\"s\",\"www/index.html\",\"r1\",\"true\",\"false\",\"7\",\"2026-11-30T10:00:00Z\",\"e\"\n"
      "\"s\",\"www/d1/a\",\"v2\",\"true\",\"false\",\"10\",\"2026-11-30T12:00:00Z\",\"e\"\n"
      "\"s\",\"www/d1/a\",\"v1\",\"false\",\"false\",\"4\",\"2026-11-29T12:00:00Z\",\"e\"\n"
      "\"s\",\"www/d1/b\",\"v3\",\"true\",\"false\",\"1\",\"2026-11-30T08:00:00Z\",\"e\"\n"
      "\"s\",\"www/gone/x\",\"m1\",\"true\",\"true\",\"\",\"2026-11-30T09:00:00Z\",\"\"\n"
      "\"s\",\"www/gone/x\",\"v4\",\"false\",\"false\",\"3\",\"2026-11-20T09:00:00Z\",\"e\"\n"
      "\"s\",\"other/d9/x\",\"v5\",\"true\",\"false\",\"1\",\"2026-11-30T09:00:00Z\",\"e\"\n";
  auto rows = ParseInventoryCsv(csv, kColumns);
  ASSERT_TRUE(rows) << rows.error().message;
  InventoryTally versions("www/", ListingMode::kAllVersions);
  for (const auto& row : *rows) versions.Add(row);
  const Inventory all = versions.Finish();
  ASSERT_EQ(all.deployments.size(), 1u);
  EXPECT_EQ(all.deployments[0].id, "d1");
  EXPECT_EQ(all.deployments[0].objects, 2u);
  EXPECT_EQ(all.deployments[0].bytes, 11u);
  EXPECT_EQ(all.deployments[0].noncurrent_versions, 1u);
  EXPECT_EQ(s3::FormatTimestamp(all.deployments[0].newest), "2026-11-30T12:00:00Z");
  EXPECT_EQ(s3::FormatTimestamp(all.deployments[0].oldest), "2026-11-30T08:00:00Z");
  ASSERT_EQ(all.residue.size(), 1u);
  EXPECT_EQ(all.residue[0].id, "gone");
  EXPECT_EQ(s3::FormatTimestamp(all.residue[0].newest), "2026-11-30T09:00:00Z") << "dated by its delete marker";
  EXPECT_EQ(all.root_objects, 1u);

  InventoryTally current("www/", ListingMode::kCurrentObjects);
  for (const auto& row : *rows) current.Add(row);
  const Inventory objects = current.Finish();
  ASSERT_EQ(objects.deployments.size(), 1u);
  EXPECT_EQ(objects.deployments[0].noncurrent_versions, 0u);
  EXPECT_TRUE(objects.residue.empty());
}

}  // namespace
}  // namespace s3prune::prune
