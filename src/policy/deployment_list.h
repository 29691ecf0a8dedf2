// Lists of live deployment ids that users keep in an object (`--keep-from s3://b/current.txt`),
// and the parser for their text. The caller fetches the object; this code never does I/O.
// Pure functions and plain values; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace s3prune::policy {

// The ids one `--keep-from` object names, and where they came from.
struct NamedDeployments {
  std::string source{};  // shown in reasons and warnings, e.g. "s3://b/current.txt"
  std::vector<std::string> ids{};  // exact deployment ids, as returned by ParseDeploymentList
};

// One id per line. Ignored: blank lines, comments (a '#' at the start of a line or after a
// space or tab runs to the end of the line, so "build#12" is an id), a leading UTF-8 byte
// order mark. Each id is trimmed of spaces, tabs and CR, then of one trailing '/'.
// Returns the ids in file order without duplicates. Never fails: an id that names no
// deployment is reported by the planner as a warning.
std::vector<std::string> ParseDeploymentList(std::string_view text);

}  // namespace s3prune::policy
