// --inventory s3://BUCKET/path/manifest.json: the deployment table from an S3 Inventory
// report instead of LIST requests (prune/inventory_report.h): the manifest and its gzip CSV
// data files are read with the run's credentials; the report must be of the bucket pruned.
#pragma once

#include "prune/discovery.h"
#include "prune/inventory_report.h"
#include "s3/client.h"
#include "usecase/s3_url.h"

namespace s3prune::usecase {

struct InventoryRead {
  prune::Inventory inventory;
  policy::Timestamp created{};  // the time the report reflects
};

// `manifest` is the report's manifest.json; `root` the deployments it must describe.
s3::Result<InventoryRead> ReadInventoryReport(const S3Url& manifest, const S3Url& root, s3::S3Client& client,
                                              prune::ListingMode mode);

}  // namespace s3prune::usecase
