// Parsing listing pages: s3::ParseListObjectsV2 on full 1000-key pages as S3 sends them with
// EncodingType=url (keys percent-encoded), and ParseListObjectVersions on a 1000-version
// page. Every listed object passes through these, twice per apply (discovery, then deletion).
#include <benchmark/benchmark.h>

#include <cstdio>
#include <string>

#include "s3/xml/xml_list.h"

namespace s3prune::s3 {
namespace {

constexpr int kKeysPerPage = 1000;

std::string Key(int i) {
  char key[96];
  std::snprintf(key, sizeof key, "deploy-%04d%%2Fstatic%%2Fchunk-%07d.%s", i / 500 + 1, i,
                i % 3 == 0 ? "js" : i % 3 == 1 ? "css" : "map");
  return key;
}

std::string ObjectsPage() {
  std::string xml = R"(<?xml version="1.0" encoding="UTF-8"?>)"
                    R"(<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">)"
                    "<Name>deploy-bucket</Name><Prefix></Prefix><MaxKeys>1000</MaxKeys>"
                    "<EncodingType>url</EncodingType><IsTruncated>true</IsTruncated>"
                    "<KeyCount>1000</KeyCount><NextContinuationToken>1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM="
                    "</NextContinuationToken>";
  for (int i = 0; i < kKeysPerPage; ++i) {
    xml += "<Contents><Key>" + Key(i) +
           "</Key><LastModified>2024-05-01T12:34:56.789Z</LastModified>"
           "<ETag>&quot;9b2cf535f27731c974343645a3985328&quot;</ETag><Size>" +
           std::to_string(1000 + i) + "</Size><StorageClass>STANDARD</StorageClass></Contents>";
  }
  return xml + "</ListBucketResult>";
}

std::string VersionsPage() {
  std::string xml = R"(<?xml version="1.0" encoding="UTF-8"?>)"
                    R"(<ListVersionsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">)"
                    "<Name>deploy-bucket</Name><Prefix></Prefix><KeyMarker></KeyMarker>"
                    "<VersionIdMarker></VersionIdMarker><MaxKeys>1000</MaxKeys>"
                    "<EncodingType>url</EncodingType><IsTruncated>true</IsTruncated>"
                    "<NextKeyMarker>deploy-0003%2Fstatic%2Fchunk-0001000.js</NextKeyMarker>"
                    "<NextVersionIdMarker>3sL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY</NextVersionIdMarker>";
  for (int i = 0; i < kKeysPerPage; ++i) {
    const bool marker = i % 10 == 9;
    xml += std::string(marker ? "<DeleteMarker>" : "<Version>") + "<Key>" + Key(i) +
           "</Key><VersionId>3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbr" + std::to_string(i) +
           "</VersionId><IsLatest>" + (i % 2 == 0 ? "true" : "false") +
           "</IsLatest><LastModified>2024-05-01T12:34:56.789Z</LastModified>";
    if (!marker) xml += "<ETag>&quot;9b2cf535f27731c974343645a3985328&quot;</ETag><Size>1234</Size>";
    xml += marker ? "</DeleteMarker>" : "</Version>";
  }
  return xml + "</ListVersionsResult>";
}

void BM_ParseListObjectsV2(benchmark::State& state) {
  const std::string xml = ObjectsPage();
  for (auto _ : state) {
    auto page = ParseListObjectsV2(xml);
    if (!page || page->objects.size() != kKeysPerPage) state.SkipWithError("page did not parse");
    benchmark::DoNotOptimize(page);
  }
  state.SetItemsProcessed(state.iterations() * kKeysPerPage);
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(xml.size()));
}

void BM_ParseListObjectVersions(benchmark::State& state) {
  const std::string xml = VersionsPage();
  for (auto _ : state) {
    auto page = ParseListObjectVersions(xml);
    if (!page || page->versions.size() != kKeysPerPage) state.SkipWithError("page did not parse");
    benchmark::DoNotOptimize(page);
  }
  state.SetItemsProcessed(state.iterations() * kKeysPerPage);
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(xml.size()));
}

BENCHMARK(BM_ParseListObjectsV2)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_ParseListObjectVersions)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace s3prune::s3

BENCHMARK_MAIN();
