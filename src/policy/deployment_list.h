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
  std::string source{};  // shown in reasons and problems, e.g. "s3://b/current.txt"
  std::vector<std::string> ids{};  // deployment ids, as returned by ParseDeploymentList
  std::vector<std::size_t> lines{};  // the 1-based line of each id; may be empty (hand-built lists)
  // The deployment id of the prefix that holds the pointer object itself, when the object lies
  // inside a deployment of the target ("live" for s3://b/live/current.txt pruned at s3://b/).
  // That prefix is never a deployment: deleting it would delete the pointer.
  std::string holder_id{};
};

// Where the deployments a list names live, so that a line may name an id the ways people
// write it: "d1", "d1/", "PREFIX/d1/" or "s3://BUCKET/PREFIX/d1/".
struct ListTarget {
  std::string bucket{};
  std::string prefix{};  // "" or ending in '/'
};

// One id per line. Ignored: blank lines, comments (a '#' at the start of a line or after a
// space or tab runs to the end of the line, so "build#12" is an id), a leading UTF-8 byte
// order mark. Each line is trimmed of spaces, tabs and CR; then "s3://BUCKET/" (the target's
// bucket only), the target's prefix and one trailing '/' are taken off, in that order.
// What is left is the id, kept as written even when it cannot be one ("a/b", "d1,d2"): the
// planner reports ids that name no deployment. Returns the ids in file order without
// duplicates, each with its line. Never fails.
NamedDeployments ParseDeploymentList(std::string_view text, const ListTarget& target);

}  // namespace s3prune::policy
