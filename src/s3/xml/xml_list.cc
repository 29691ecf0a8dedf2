#include "s3/xml/xml_list.h"

#include <initializer_list>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <pugixml.hpp>

#include "s3/core/uri_encode.h"
#include "s3/xml/xml_reply.h"

namespace s3prune::s3 {
namespace {

constexpr const char* kObjectsRoot = "ListBucketResult";
constexpr const char* kVersionsRoot = "ListVersionsResult";
constexpr const char* kUploadsRoot = "ListMultipartUploadsResult";

enum class KeyEncoding { kNone, kUrl };

// S3 echoes <EncodingType> only when the request asked for it; any value but "url" would
// leave keys we cannot decode, so it is refused rather than guessed. Without the element,
// `unstated` says what the caller knows the server does.
Result<KeyEncoding> ReadKeyEncoding(pugi::xml_node root, UnstatedKeyEncoding unstated) {
  const auto encoding = ChildText(root, "EncodingType");
  if (!encoding) return unstated == UnstatedKeyEncoding::kUrl ? KeyEncoding::kUrl : KeyEncoding::kNone;
  if (*encoding == "url") return KeyEncoding::kUrl;
  return std::unexpected(
      MalformedReply(root.name(), "unknown <EncodingType> '" + *encoding + "'"));
}

// S3 writes a space as '+' and a literal '+' as %2B (botocore decodes with unquote_plus).
// nullopt for a broken %-escape: a guessed key could name another object.
std::optional<std::string> DecodeKey(std::string_view text, KeyEncoding encoding) {
  if (encoding == KeyEncoding::kNone) return std::string(text);
  return UriDecode(text, PlusDecoding::kPlusIsSpace);
}

std::string BadEncoding(const char* field) {
  return std::string("<") + field + "> is not valid url encoding";
}

// The key the next page starts after, decoded; "" on the last page, whose marker (RGW sends
// one) is never used. AWS url-encodes <NextKeyMarker> like the keys, but Ceph RGW (pacific)
// sends it raw while encoding the keys, so decoding it blindly would turn '+' into a space
// or "%41" into "A" and the next page would repeat or skip keys. The marker always names the
// page's last key or last common prefix, so when its text matches one of them, raw or
// decoded, that entry (already decoded) is the marker.
Result<std::string> ResolveKeyMarker(pugi::xml_node root, KeyEncoding encoding, bool is_truncated,
                                     std::initializer_list<const std::string*> last_entries) {
  if (!is_truncated) return std::string();
  const std::string text = ChildText(root, "NextKeyMarker").value_or("");
  if (encoding == KeyEncoding::kNone) return text;
  const auto decoded = DecodeKey(text, encoding);
  for (const std::string* entry : last_entries) {
    if (entry != nullptr && (text == *entry || decoded == *entry)) return *entry;
  }
  if (!decoded) {
    return std::unexpected(
        MalformedReply(root.name(), BadEncoding("NextKeyMarker") + ": '" + text + "'"));
  }
  return std::move(*decoded);
}

// The last element's key (or the last string), or nullptr for an empty list.
template <class Entry>
const std::string* LastOrNull(const std::vector<Entry>& entries, std::string Entry::*key) {
  return entries.empty() ? nullptr : &(entries.back().*key);
}
const std::string* LastOrNull(const std::vector<std::string>& strings) {
  return strings.empty() ? nullptr : &strings.back();
}

// S3 quotes ETags (`"9b2cf5..."`); callers compare the bare hex.
std::string StripQuotes(std::string etag) {
  if (etag.size() >= 2 && etag.front() == '"' && etag.back() == '"') {
    return etag.substr(1, etag.size() - 2);
  }
  return etag;
}

// Names the entry in a message: "<Contents> #3 (key 'a/b'): <Size> is missing".
Error EntryError(pugi::xml_node entry, std::size_t index, std::string_view key,
                 std::string_view problem) {
  std::string detail = std::string("<") + entry.name() + "> #" + std::to_string(index);
  if (!key.empty()) detail.append(" (key '").append(key).append("')");
  detail.append(": ").append(problem);
  return MalformedReply(entry.parent().name(), detail);
}

Result<std::vector<std::string>> ReadCommonPrefixes(pugi::xml_node root, KeyEncoding encoding) {
  std::vector<std::string> prefixes;
  std::size_t index = 0;
  for (const pugi::xml_node group : root.children("CommonPrefixes")) {
    ++index;
    EntryReader reader(group);
    const std::string prefix = reader.NonEmptyText("Prefix");
    if (reader.problem()) return std::unexpected(EntryError(group, index, "", *reader.problem()));
    auto decoded = DecodeKey(prefix, encoding);
    if (!decoded) return std::unexpected(EntryError(group, index, prefix, BadEncoding("Prefix")));
    prefixes.push_back(std::move(*decoded));
  }
  return prefixes;
}

// The page-level fields every listing has.
struct PageHeader {
  KeyEncoding encoding = KeyEncoding::kNone;
  bool is_truncated = false;
};

// IsTruncated is required: without it a cut-short page would pass for the last one.
Result<PageHeader> ReadPageHeader(pugi::xml_node root,
                                  UnstatedKeyEncoding unstated = UnstatedKeyEncoding::kRaw) {
  auto encoding = ReadKeyEncoding(root, unstated);
  if (!encoding) return std::unexpected(std::move(encoding.error()));
  EntryReader reader(root);
  PageHeader header{.encoding = *encoding, .is_truncated = reader.Bool("IsTruncated")};
  if (reader.problem()) return std::unexpected(MalformedReply(root.name(), *reader.problem()));
  return header;
}

// A truncated page must say where the next one starts; otherwise the listing cannot go on
// and must fail rather than end early.
std::optional<Error> CheckContinuation(pugi::xml_node root, bool is_truncated,
                                       std::initializer_list<const char*> markers) {
  if (!is_truncated) return std::nullopt;
  for (const char* marker : markers) {
    if (ChildText(root, marker).value_or("").empty()) {
      return MalformedReply(root.name(), std::string("<IsTruncated> is true but <") + marker +
                                             "> is missing or empty");
    }
  }
  return std::nullopt;
}

Result<ObjectSummary> ReadContents(pugi::xml_node entry, std::size_t index,
                                   KeyEncoding encoding) {
  EntryReader reader(entry);
  ObjectSummary object{
      .key = reader.NonEmptyText("Key"),
      .last_modified = reader.Time("LastModified"),
      .size = reader.Uint("Size"),
      .etag = StripQuotes(reader.OptionalText("ETag")),
  };
  if (reader.problem()) {
    return std::unexpected(EntryError(entry, index, object.key, *reader.problem()));
  }
  auto key = DecodeKey(object.key, encoding);
  if (!key) return std::unexpected(EntryError(entry, index, object.key, BadEncoding("Key")));
  object.key = std::move(*key);
  return object;
}

// <Version> and <DeleteMarker> share a shape; delete markers have no Size.
Result<ObjectVersion> ReadVersion(pugi::xml_node entry, std::size_t index,
                                  KeyEncoding encoding) {
  const bool is_delete_marker = std::string_view(entry.name()) == "DeleteMarker";
  EntryReader reader(entry);
  ObjectVersion version{
      .key = reader.NonEmptyText("Key"),
      // Deleting with an empty version id would add a delete marker instead of removing
      // this version, so a missing VersionId is refused.
      .version_id = reader.NonEmptyText("VersionId"),
      .is_latest = reader.Bool("IsLatest"),
      .is_delete_marker = is_delete_marker,
      .last_modified = reader.Time("LastModified"),
      .size = is_delete_marker ? 0 : reader.Uint("Size"),
      .etag = is_delete_marker ? std::string() : StripQuotes(reader.OptionalText("ETag")),
  };
  if (reader.problem()) {
    return std::unexpected(EntryError(entry, index, version.key, *reader.problem()));
  }
  auto key = DecodeKey(version.key, encoding);
  if (!key) return std::unexpected(EntryError(entry, index, version.key, BadEncoding("Key")));
  version.key = std::move(*key);
  return version;
}

Result<MultipartUpload> ReadUpload(pugi::xml_node entry, std::size_t index,
                                   KeyEncoding encoding) {
  EntryReader reader(entry);
  MultipartUpload upload{
      .key = reader.NonEmptyText("Key"),
      .upload_id = reader.NonEmptyText("UploadId"),
      .initiated = reader.OptionalTime("Initiated"),  // only the snapshot check reads it
  };
  if (reader.problem()) {
    return std::unexpected(EntryError(entry, index, upload.key, *reader.problem()));
  }
  auto key = DecodeKey(upload.key, encoding);
  if (!key) return std::unexpected(EntryError(entry, index, upload.key, BadEncoding("Key")));
  upload.key = std::move(*key);
  return upload;
}

}  // namespace

Result<ListObjectsPage> ParseListObjectsV2(std::string_view xml) {
  pugi::xml_document document;
  const auto root = ParseReply(document, xml, kObjectsRoot);
  if (!root) return std::unexpected(root.error());
  const auto header = ReadPageHeader(*root);
  if (!header) return std::unexpected(header.error());
  if (auto error = CheckContinuation(*root, header->is_truncated, {"NextContinuationToken"})) {
    return std::unexpected(std::move(*error));
  }

  ListObjectsPage page;
  page.is_truncated = header->is_truncated;
  // The token is opaque and never url-encoded.
  page.next_continuation_token = ChildText(*root, "NextContinuationToken").value_or("");
  std::size_t index = 0;
  for (const pugi::xml_node entry : root->children("Contents")) {
    auto object = ReadContents(entry, ++index, header->encoding);
    if (!object) return std::unexpected(std::move(object.error()));
    page.objects.push_back(std::move(*object));
  }
  auto prefixes = ReadCommonPrefixes(*root, header->encoding);
  if (!prefixes) return std::unexpected(std::move(prefixes.error()));
  page.common_prefixes = std::move(*prefixes);
  return page;
}

Result<ListVersionsPage> ParseListObjectVersions(std::string_view xml) {
  pugi::xml_document document;
  const auto root = ParseReply(document, xml, kVersionsRoot);
  if (!root) return std::unexpected(root.error());
  const auto header = ReadPageHeader(*root);
  if (!header) return std::unexpected(header.error());
  if (auto error = CheckContinuation(*root, header->is_truncated, {"NextKeyMarker"})) {
    return std::unexpected(std::move(*error));
  }

  ListVersionsPage page;
  page.is_truncated = header->is_truncated;
  page.next_version_id_marker = ChildText(*root, "NextVersionIdMarker").value_or("");
  std::size_t versions = 0;
  std::size_t delete_markers = 0;
  for (const pugi::xml_node entry : root->children()) {
    const std::string_view name = entry.name();
    if (name != "Version" && name != "DeleteMarker") continue;
    const std::size_t index = name == "Version" ? ++versions : ++delete_markers;
    auto version = ReadVersion(entry, index, header->encoding);
    if (!version) return std::unexpected(std::move(version.error()));
    page.versions.push_back(std::move(*version));
  }
  auto prefixes = ReadCommonPrefixes(*root, header->encoding);
  if (!prefixes) return std::unexpected(std::move(prefixes.error()));
  page.common_prefixes = std::move(*prefixes);
  auto next_key_marker =
      ResolveKeyMarker(*root, header->encoding, page.is_truncated,
                       {LastOrNull(page.versions, &ObjectVersion::key), LastOrNull(page.common_prefixes)});
  if (!next_key_marker) return std::unexpected(std::move(next_key_marker.error()));
  page.next_key_marker = std::move(*next_key_marker);
  // Both markers are needed when the page stops inside a key's versions: with the key marker
  // alone the next page would skip that key's remaining versions. A page that stops on a
  // common prefix has no version to resume from, and S3 may send no version marker then.
  const bool stopped_on_prefix = !page.common_prefixes.empty() && page.next_key_marker == page.common_prefixes.back();
  if (page.is_truncated && !stopped_on_prefix) {
    if (auto error = CheckContinuation(*root, page.is_truncated, {"NextVersionIdMarker"})) {
      return std::unexpected(std::move(*error));
    }
  }
  return page;
}

Result<ListUploadsPage> ParseListMultipartUploads(std::string_view xml,
                                                  UnstatedKeyEncoding unstated) {
  pugi::xml_document document;
  const auto root = ParseReply(document, xml, kUploadsRoot);
  if (!root) return std::unexpected(root.error());
  const auto header = ReadPageHeader(*root, unstated);
  if (!header) return std::unexpected(header.error());
  ListUploadsPage page;
  page.is_truncated = header->is_truncated;
  page.next_upload_id_marker = ChildText(*root, "NextUploadIdMarker").value_or("");
  std::size_t index = 0;
  for (const pugi::xml_node entry : root->children("Upload")) {
    auto upload = ReadUpload(entry, ++index, header->encoding);
    if (!upload) return std::unexpected(std::move(upload.error()));
    page.uploads.push_back(std::move(*upload));
  }
  // As for versions: the key marker alone would skip the remaining uploads of that key.
  // OpenStack Swift (2.30.1) sends both markers empty on some truncated pages (measured with
  // max-uploads=1); the page's last upload still names the position, and the paginator
  // continues from it (its key and upload id), so only a page without one is malformed.
  const bool both_markers_empty =
      ChildText(*root, "NextKeyMarker").value_or("").empty() && page.next_upload_id_marker.empty();
  if (!(both_markers_empty && !page.uploads.empty())) {
    if (auto error = CheckContinuation(*root, header->is_truncated, {"NextKeyMarker", "NextUploadIdMarker"})) {
      return std::unexpected(std::move(*error));
    }
  }
  auto prefixes = ReadCommonPrefixes(*root, header->encoding);
  if (!prefixes) return std::unexpected(std::move(prefixes.error()));
  page.common_prefixes = std::move(*prefixes);
  auto next_key_marker =
      ResolveKeyMarker(*root, header->encoding, page.is_truncated,
                       {LastOrNull(page.uploads, &MultipartUpload::key), LastOrNull(page.common_prefixes)});
  if (!next_key_marker) return std::unexpected(std::move(next_key_marker.error()));
  page.next_key_marker = std::move(*next_key_marker);
  return page;
}

}  // namespace s3prune::s3
