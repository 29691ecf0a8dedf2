// RFC 3339 timestamps as S3 writes them in XML (`2009-10-12T17:50:30.000Z`) and as our JSON
// output writes them. Timestamps are UTC with millisecond precision, the precision S3 keeps.
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "s3/core/model.h"

namespace s3prune::s3 {

// Parses `YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)`. Digits of the fraction beyond
// milliseconds are truncated. Returns nullopt for anything else, including impossible dates
// such as February 30, so a garbled LastModified is never read as some other time.
std::optional<Timestamp> ParseTimestamp(std::string_view text);

// Parses an HTTP Date header in the IMF-fixdate form every S3 server sends
// (`Sun, 06 Nov 1994 08:49:37 GMT`, RFC 9110 section 5.6.7); nullopt for anything else.
std::optional<Timestamp> ParseHttpDate(std::string_view text);

// Formats as `2009-10-12T17:50:30Z`, or `2009-10-12T17:50:30.123Z` when the milliseconds are
// not zero. ParseTimestamp(FormatTimestamp(t)) == t.
// REQUIRES: t is in the years 0000 to 9999.
std::string FormatTimestamp(Timestamp t);

}  // namespace s3prune::s3
