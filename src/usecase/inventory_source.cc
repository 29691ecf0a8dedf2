#include "usecase/inventory_source.h"

#include <algorithm>

#include "s3/object_operations.h"

namespace s3prune::usecase {
namespace {

constexpr std::size_t kMaxManifestBytes = 16u << 20;
constexpr std::size_t kMaxDataFileBytes = std::size_t{4} << 30;

s3::Error Named(s3::Error error, const std::string& what) {
  error.subject = what;
  error.message = what + ": " + error.message;
  return error;
}

}  // namespace

s3::Result<InventoryRead> ReadInventoryReport(const S3Url& url, const S3Url& root, s3::S3Client& client,
                                              prune::ListingMode mode) {
  const std::string manifest_name = "inventory manifest " + s3::ObjectUri(url.bucket, url.key);
  auto text = s3::GetObject(client, url.bucket, url.key, kMaxManifestBytes);
  if (!text) return std::unexpected(Named(text.error(), manifest_name));
  auto manifest = prune::ParseInventoryManifest(*text);
  if (!manifest) return std::unexpected(Named(manifest.error(), manifest_name));
  if (manifest->source_bucket != root.bucket) {
    return std::unexpected(s3::MakeError(s3::ErrorCode::kRefused,
        manifest_name + " is a report of bucket '" + manifest->source_bucket + "', not of '" + root.bucket + "'"));
  }
  const bool versioned_report = std::ranges::find(manifest->columns, "IsLatest") != manifest->columns.end();
  if (mode == prune::ListingMode::kAllVersions && !versioned_report) {
    return std::unexpected(s3::MakeError(s3::ErrorCode::kRefused,
        manifest_name + " lists current objects only: --versions needs a report with all versions "
                        "(IncludedObjectVersions: All)"));
  }
  prune::InventoryTally tally(root.key, mode);
  for (const auto& key : manifest->files) {
    const std::string file_name = "inventory file " + s3::ObjectUri(manifest->destination_bucket, key);
    auto compressed = s3::GetObject(client, manifest->destination_bucket, key, kMaxDataFileBytes);
    if (!compressed) return std::unexpected(Named(compressed.error(), file_name));
    auto csv = prune::Gunzip(*compressed);
    if (!csv) return std::unexpected(Named(csv.error(), file_name));
    auto rows = prune::ParseInventoryCsv(*csv, manifest->columns);
    if (!rows) return std::unexpected(Named(rows.error(), file_name));
    for (const auto& row : *rows) tally.Add(row);
  }
  return InventoryRead{tally.Finish(), manifest->created};
}

}  // namespace s3prune::usecase
