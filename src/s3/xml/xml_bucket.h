// The XML of a bucket's versioning and lifecycle configurations: GetBucketVersioning's
// reply, the PutBucketVersioning body, and both directions of the lifecycle configuration.
//
// LifecycleRule models only what s3prune writes. A rule read from a bucket may hold more
// (transitions, tag filters, an expiration date); the parser lists those in
// `unsupported_elements` rather than dropping them unseen, because writing such a rule back
// would delete the transition or widen the filter.
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "s3/core/error.h"
#include "s3/core/model.h"

namespace s3prune::s3 {

// A <VersioningConfiguration> without <Status> is a bucket that was never versioned.
Result<VersioningStatus> ParseVersioningConfiguration(std::string_view xml);

// `<VersioningConfiguration xmlns=...><Status>Enabled</Status></VersioningConfiguration>`.
// REQUIRES: status != kNeverEnabled (a bucket can only be suspended, never un-versioned).
std::string BuildVersioningConfiguration(VersioningStatus status);

// `<LifecycleConfiguration xmlns=...><Rule><ID>..</ID><Filter><Prefix>..</Prefix></Filter>
// <Status>Enabled</Status><Expiration><Days>N</Days></Expiration>...</Rule>...`.
// <ID> is omitted when empty (S3 then names the rule).
// A rule with source_xml (read from a bucket) is written as that XML, verbatim.
// REQUIRES: every rule without source_xml has no unsupported_elements, and none has both
// expiration_days and expired_object_delete_marker (S3 refuses that combination).
std::string BuildLifecycleConfiguration(const LifecycleConfiguration& configuration);

// Reads the rule forms S3 accepts: <Filter><Prefix>, <Filter><And><Prefix>, and the legacy
// <Prefix> directly under <Rule>. An empty <Filter/> applies to the whole bucket.
Result<LifecycleConfiguration> ParseLifecycleConfiguration(std::string_view xml);

}  // namespace s3prune::s3
