#include "prune/inventory_report.h"

#include <zlib.h>

#include <charconv>
#include <nlohmann/json.hpp>

#include "prune/key_layout.h"
#include "s3/core/timestamp.h"
#include "s3/core/uri_encode.h"

namespace s3prune::prune {
namespace {

s3::Error Malformed(const std::string& what) { return s3::MakeError(s3::ErrorCode::kMalformedReply, what); }

std::string Trimmed(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return std::string(text);
}

// One CSV record from `text` at `at` (RFC 4180: quoted fields, "" for a quote); false at the end.
bool NextRecord(std::string_view text, std::size_t& at, std::vector<std::string>& fields, bool& broken) {
  fields.clear();
  if (at >= text.size()) return false;
  std::string field;
  bool quoted = false;
  while (at < text.size()) {
    const char c = text[at++];
    if (quoted) {
      if (c == '"' && at < text.size() && text[at] == '"') {
        field += '"';
        ++at;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.push_back(std::move(field));
      field.clear();
    } else if (c == '\n') {
      break;
    } else if (c != '\r') {
      field += c;
    }
  }
  broken = quoted;
  fields.push_back(std::move(field));
  return true;
}

bool ParseBool(const std::string& text, bool& out) {
  if (text == "true") return out = true, true;
  if (text == "false") return out = false, true;
  return false;
}

}  // namespace

s3::Result<InventoryManifest> ParseInventoryManifest(std::string_view json) {
  const auto document = nlohmann::json::parse(json, nullptr, false);
  if (document.is_discarded() || !document.is_object()) return std::unexpected(Malformed("the inventory manifest is not JSON"));
  auto text = [&](const char* name) -> std::string {
    const auto it = document.find(name);
    return it != document.end() && it->is_string() ? it->get<std::string>() : "";
  };
  InventoryManifest manifest;
  if (text("fileFormat") != "CSV") {
    return std::unexpected(s3::MakeError(s3::ErrorCode::kRefused,
        "the inventory's fileFormat is '" + text("fileFormat") + "': s3prune reads CSV inventories"));
  }
  manifest.source_bucket = text("sourceBucket");
  manifest.destination_bucket = text("destinationBucket");
  if (manifest.destination_bucket.starts_with("arn:aws:s3:::")) manifest.destination_bucket.erase(0, 13);
  const std::string created = text("creationTimestamp");
  std::int64_t ms = 0;
  const auto [end, error] = std::from_chars(created.data(), created.data() + created.size(), ms);
  if (created.empty() || error != std::errc{} || end != created.data() + created.size()) {
    return std::unexpected(Malformed("the inventory manifest has no creationTimestamp (milliseconds)"));
  }
  manifest.created = policy::Timestamp(std::chrono::milliseconds(ms));
  std::size_t at = 0;
  const std::string schema = text("fileSchema");
  while (at <= schema.size() && !schema.empty()) {
    const std::size_t comma = std::min(schema.find(',', at), schema.size());
    manifest.columns.push_back(Trimmed(std::string_view(schema).substr(at, comma - at)));
    at = comma + 1;
  }
  if (!document.contains("files") || !document["files"].is_array()) {
    return std::unexpected(Malformed("the inventory manifest lists no files"));
  }
  for (const auto& file : document["files"]) {
    if (!file.is_object() || !file.contains("key") || !file["key"].is_string()) {
      return std::unexpected(Malformed("an inventory manifest file has no key"));
    }
    manifest.files.push_back(file["key"].get<std::string>());
  }
  if (manifest.source_bucket.empty() || manifest.destination_bucket.empty() || manifest.columns.empty()) {
    return std::unexpected(Malformed("the inventory manifest needs sourceBucket, destinationBucket and fileSchema"));
  }
  return manifest;
}

s3::Result<std::string> Gunzip(std::string_view compressed) {
  z_stream stream{};
  if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK) return std::unexpected(Malformed("cannot start gzip decoding"));
  std::string out;
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  stream.avail_in = static_cast<uInt>(compressed.size());
  int status = Z_OK;
  while (status == Z_OK) {
    char buffer[1 << 16];
    stream.next_out = reinterpret_cast<Bytef*>(buffer);
    stream.avail_out = sizeof buffer;
    status = inflate(&stream, Z_NO_FLUSH);
    out.append(buffer, sizeof buffer - stream.avail_out);
    if (status == Z_BUF_ERROR && stream.avail_in == 0) break;
  }
  inflateEnd(&stream);
  if (status != Z_STREAM_END) return std::unexpected(Malformed("an inventory data file is not valid gzip"));
  return out;
}

s3::Result<std::vector<InventoryRow>> ParseInventoryCsv(std::string_view csv, const std::vector<std::string>& columns) {
  auto column = [&](std::string_view name) -> int {
    for (std::size_t i = 0; i < columns.size(); ++i) {
      if (columns[i] == name) return static_cast<int>(i);
    }
    return -1;
  };
  const int key = column("Key"), size = column("Size"), modified = column("LastModifiedDate");
  const int version = column("VersionId"), latest = column("IsLatest"), marker = column("IsDeleteMarker");
  if (key < 0 || size < 0 || modified < 0) {
    return std::unexpected(s3::MakeError(s3::ErrorCode::kRefused,
        "the inventory's fileSchema lacks Key, Size or LastModifiedDate: add Size and LastModifiedDate to the report"));
  }
  std::vector<InventoryRow> rows;
  std::vector<std::string> fields;
  std::size_t at = 0;
  std::size_t line = 0;
  bool broken = false;
  while (NextRecord(csv, at, fields, broken)) {
    ++line;
    if (fields.size() == 1 && fields[0].empty()) continue;
    const std::string where = "inventory row " + std::to_string(line);
    if (broken || fields.size() != columns.size()) return std::unexpected(Malformed(where + ": not " + std::to_string(columns.size()) + " fields"));
    InventoryRow row;
    auto decoded = s3::UriDecode(fields[key], s3::PlusDecoding::kPlusIsSpace);
    if (!decoded) return std::unexpected(Malformed(where + ": the key is not URL-encoded"));
    row.key = std::move(*decoded);
    if (version >= 0) row.version_id = fields[version];
    if (latest >= 0 && !ParseBool(fields[latest], row.is_latest)) return std::unexpected(Malformed(where + ": bad IsLatest"));
    if (marker >= 0 && !ParseBool(fields[marker], row.is_delete_marker)) {
      return std::unexpected(Malformed(where + ": bad IsDeleteMarker"));
    }
    const std::string& size_text = fields[size];
    if (!size_text.empty()) {
      const auto [end, error] = std::from_chars(size_text.data(), size_text.data() + size_text.size(), row.size);
      if (error != std::errc{} || end != size_text.data() + size_text.size()) return std::unexpected(Malformed(where + ": bad Size"));
    } else if (!row.is_delete_marker) {
      return std::unexpected(Malformed(where + ": no Size"));
    }
    auto time = s3::ParseTimestamp(fields[modified]);
    if (!time) return std::unexpected(Malformed(where + ": bad LastModifiedDate"));
    row.last_modified = *time;
    rows.push_back(std::move(row));
  }
  return rows;
}

void InventoryTally::Add(const InventoryRow& row) {
  if (!row.key.starts_with(prefix_)) return;
  const bool current = row.is_latest && !row.is_delete_marker;
  if (mode_ == ListingMode::kCurrentObjects && !current) return;
  const auto id = DeploymentIdOfKey(prefix_, row.key);
  if (!id) {
    if (current) ++root_objects_;
    return;
  }
  Tally& tally = tallies_[std::string(*id)];
  tally.deployment.id = std::string(*id);
  Count(tally, ListedEntry{row.key, mode_ == ListingMode::kAllVersions ? row.version_id : "", row.size,
                           row.last_modified, current, row.is_delete_marker, 0});
}

Inventory InventoryTally::Finish() {
  Inventory inventory;
  inventory.root_objects = root_objects_;
  std::vector<std::string> ids;
  for (const auto& [id, tally] : tallies_) ids.push_back(id);
  SortByKeyOrder(ids);
  for (const auto& id : ids) AddToInventory(inventory, std::move(tallies_[id]));
  return inventory;
}

}  // namespace s3prune::prune
