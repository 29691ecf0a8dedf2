// Where a deployment's time comes from (--time-from), and the pure readers of each source: a
// timestamp pattern matched against the id, the ids' natural order, the text of a marker
// object. LastModified is often not when a deployment was made (`aws s3 sync`, copies and
// restores reset it; one re-uploaded file makes an old deployment look new), so a deploy tool
// that names its releases by time, or writes a marker, can date them itself.
//
// Id times are UTC unless the pattern has an offset field (%z): ids are written by machines
// in many zones, and UTC is the only reading that does not depend on where s3prune runs.
// The I/O of the marker sources (a GET or HEAD per deployment) is the use case's
// (usecase/marker_times.h); what it read is kept on the Deployment (MarkerReading).
// Pure functions; thread-safe.
#pragma once

#include <compare>
#include <expected>
#include <string>
#include <string_view>
#include <vector>

#include "util/timestamp.h"

namespace s3prune::policy {

using util::Timestamp;

enum class TimeFrom {
  kObjects,       // objects: LastModified of the newest or oldest object (--age-by)
  kIdPattern,     // id:PATTERN: a timestamp in the id
  kNaturalOrder,  // order:natural: no time; the ids' own order (build 10 after build 9)
  kMarkerObject,  // object:NAME: the time written in PREFIX/ID/NAME (or its LastModified if empty)
  kMarkerMeta,    // meta:KEY[@NAME]: the x-amz-meta-KEY header of PREFIX/ID/NAME (.deployed-at)
};

// One field of a compiled id pattern: literal text, '*' (any text), or a number field.
struct PatternPart {
  enum class Kind { kLiteral, kAnyText, kYear, kMonth, kDay, kHour, kMinute, kSecond, kEpochSeconds, kOffset };
  Kind kind = Kind::kLiteral;
  std::string literal{};  // kLiteral only

  bool operator==(const PatternPart&) const = default;
};

struct TimeSource {
  TimeFrom from = TimeFrom::kObjects;
  // The PATTERN, NAME or KEY after the colon ("" for objects and order:natural).
  std::string argument{};
  std::string marker{};  // object:NAME and meta:KEY[@NAME]: the marker's key under PREFIX/ID/
  std::vector<PatternPart> pattern{};  // kIdPattern: the argument compiled

  bool operator==(const TimeSource&) const = default;
};

// The marker object whose headers meta:KEY reads when no @NAME is given.
inline constexpr std::string_view kMetaMarkerName = ".deployed-at";

// Parses the value of --time-from: "objects", "id:PATTERN", "order:natural", "object:NAME",
// "meta:KEY" (the marker is kMetaMarkerName) or "meta:KEY@NAME" (its marker is NAME). KEY is
// lower-cased (S3 lower-cases metadata names). An id
// pattern holds literal text, '*' (any text, also none), "%%" (a '%'), and the fields %Y (4
// digits), %m %d %H %M %S (2 digits each), %s (epoch seconds: 1 to 12 digits, alone) and %z
// (an offset: Z, +HHMM or +HH:MM). It needs %s, or %Y with %m and %d; each field at most once.
// The error is one line naming the problem.
std::expected<TimeSource, std::string> ParseTimeSource(std::string_view text);

// The value as --time-from takes it: ParseTimeSource(FormatTimeSource(s)) == s.
std::string FormatTimeSource(const TimeSource& source);

// The time in `id` under the compiled pattern (the whole id must match), or why there is none:
// it does not match, or names no such date (February 30, hour 24).
// REQUIRES: `pattern` came from ParseTimeSource.
std::expected<Timestamp, std::string> TimeInId(const std::vector<PatternPart>& pattern, std::string_view id);

// Natural order of ids: runs of digits compare as numbers ("v1.2.10" after "v1.2.9", "build-10"
// after "build-9"), the rest byte by byte; ids equal that way ("07" and "7") fall back to
// bytes, so the order is total.
std::strong_ordering NaturalCompare(std::string_view a, std::string_view b);

// The time written in a marker object: its first non-blank line, trimmed, as epoch seconds
// ("1733529600"), RFC 3339 ("2024-12-07T01:20:00Z", fractions and offsets allowed), or
// "YYYY-MM-DD HH:MM:SS" / "YYYY-MM-DD" in UTC. The error says why it is not one.
// REQUIRES: text is not blank (a blank marker holds no time: its LastModified dates it).
std::expected<Timestamp, std::string> ParseMarkerTime(std::string_view text);

}  // namespace s3prune::policy
