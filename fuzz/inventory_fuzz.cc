// S3 Inventory reports: the manifest, the gzip layer and the CSV rows, all bytes from a bucket.
// The first byte picks the reader. Properties: parsed rows add up without a crash, and a row's
// key is never empty of its decoding (a key that does not decode is an error, not a guess).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_check.h"
#include "prune/inventory_report.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace s3prune::prune;
  if (size == 0) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 3) {
    case 0:
      if (auto manifest = ParseInventoryManifest(text)) FUZZ_CHECK(!manifest->columns.empty());
      break;
    case 1:
      (void)Gunzip(text);
      break;
    default: {
      const std::vector<std::string> columns = {"Bucket", "Key", "VersionId", "IsLatest", "IsDeleteMarker", "Size",
                                                "LastModifiedDate"};
      auto rows = ParseInventoryCsv(text, columns);
      if (!rows) break;
      InventoryTally tally("", ListingMode::kAllVersions);
      for (const auto& row : *rows) tally.Add(row);
      const Inventory inventory = tally.Finish();
      for (const auto& deployment : inventory.deployments) FUZZ_CHECK(deployment.objects > 0);
    }
  }
  return 0;
}
