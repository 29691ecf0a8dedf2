// --inventory s3://BUCKET/path/manifest.json: the deployment table from an S3 Inventory
// report instead of LIST requests (prune/inventory_report.h): the manifest and its gzip CSV
// data files are read with the run's credentials; the report must be of the bucket pruned.
#pragma once

#include "cli/options.h"
#include "prune/discovery.h"
#include "prune/inventory_report.h"
#include "s3/client.h"

namespace s3prune::cli {

struct InventoryRead {
  prune::Inventory inventory;
  policy::Timestamp created{};  // the time the report reflects
};

s3::Result<InventoryRead> ReadInventoryReport(const Options& options, s3::S3Client& client, prune::ListingMode mode);

}  // namespace s3prune::cli
