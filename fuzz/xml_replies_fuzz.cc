// The other S3 replies s3prune reads: DeleteObjects results, error documents, versioning and
// lifecycle configurations, CreateMultipartUpload. The first byte picks the parser.
// Properties: a DeleteObjects failure always names its key; a lifecycle configuration that
// s3prune may write back survives a write and a read unchanged.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_check.h"
#include "s3/xml/xml_bucket.h"
#include "s3/xml/xml_delete.h"
#include "s3/xml/xml_error.h"
#include "s3/xml/xml_escape.h"
#include "s3/xml/xml_upload.h"

namespace {

using namespace s3prune::s3;

bool Writable(const LifecycleConfiguration& configuration) {
  for (const LifecycleRule& rule : configuration.rules) {
    if (!rule.unsupported_elements.empty()) return false;
    if (rule.expiration_days && rule.expired_object_delete_marker) return false;
    if (!XmlCanCarry(rule.id) || !XmlCanCarry(rule.prefix)) return false;
  }
  return true;
}

LifecycleConfiguration WithoutSources(LifecycleConfiguration configuration) {
  for (LifecycleRule& rule : configuration.rules) rule.source_xml.clear();
  return configuration;
}

// Rules written back from their source read as they did; rules s3prune builds itself (no
// source) survive a write and a read unchanged.
void CheckLifecycle(std::string_view xml) {
  const auto parsed = ParseLifecycleConfiguration(xml);
  if (!parsed) return;
  const auto from_source = ParseLifecycleConfiguration(BuildLifecycleConfiguration(*parsed));
  FUZZ_CHECK(from_source.has_value());
  FUZZ_CHECK(WithoutSources(*from_source) == WithoutSources(*parsed));
  const LifecycleConfiguration built = WithoutSources(*parsed);
  if (!Writable(built)) return;
  const auto reread = ParseLifecycleConfiguration(BuildLifecycleConfiguration(built));
  FUZZ_CHECK(reread.has_value());
  FUZZ_CHECK(WithoutSources(*reread) == built);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view xml(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 5) {
    case 0:
      if (const auto result = ParseDeleteObjectsResult(xml)) {
        for (const DeleteFailure& failure : result->failures) FUZZ_CHECK(!failure.object.key.empty());
      }
      break;
    case 1:
      if (const auto body = ParseErrorBody(xml)) FUZZ_CHECK(!body->code.empty());
      break;
    case 2:
      (void)ParseVersioningConfiguration(xml);
      break;
    case 3:
      CheckLifecycle(xml);
      break;
    default:
      (void)ParseInitiateMultipartUpload(xml);
  }
  return 0;
}
