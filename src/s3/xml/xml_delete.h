// The XML of DeleteObjects: the <Delete> request body for one batch, and the <DeleteResult>
// reply with every <Deleted> and every per-key <Error>. A per-key error is a failure the
// caller must report; the parser never drops one.
// Thread-safety: pure functions.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "s3/core/error.h"
#include "s3/core/model.h"
#include "s3/xml/xml_escape.h"  // XmlCanCarry decides which keys may go in a batch

namespace s3prune::s3 {

// Always Quiet: the reply lists only failures, so a 1000-key batch gets a small reply.
// `<Delete xmlns=...><Quiet>true</Quiet><Object><Key>k</Key><VersionId>v</VersionId>
// </Object>...</Delete>`. VersionId is written only when not empty.
// REQUIRES: XmlCanCarry(key) and XmlCanCarry(version_id) for every object; other keys must
// be deleted one at a time with DeleteObject. At most kMaxKeysPerDelete objects.
std::string BuildDeleteObjectsBody(std::span<const ObjectIdentifier> objects);

// Reads a <DeleteResult>. Keys in this reply are never url-encoded. Entries without a <Key>
// make the whole reply malformed, since a failure that names no object cannot be reported.
Result<DeleteObjectsResult> ParseDeleteObjectsResult(std::string_view xml);

}  // namespace s3prune::s3
