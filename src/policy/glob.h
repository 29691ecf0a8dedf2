// The shell globs of --keep and --exclude, matched against deployment ids.
//
// Matching is POSIX fnmatch without flags: ids hold no '/', and a leading '.' is an ordinary
// character. fnmatch reads a '[' that is never closed as a literal '[', so `--keep 'v1.[0-9'`
// would silently match nothing the user meant: CheckGlob refuses such globs first. One
// trailing '/' is ignored, as in --keep-from pointer lines, so `--exclude live/` means `live`.
// Pure functions; thread-safe.
#pragma once

#include <expected>
#include <string>
#include <string_view>

namespace s3prune::policy {

// Succeeds when `glob` is one fnmatch reads as the user wrote it: not empty (nor only "/"),
// no NUL byte, every '[' closed by a ']' (or escaped as "\["), no '\' at the end, and every
// "[:class:]" one of the POSIX classes. The error is one line that quotes the glob and says
// how to write it; `option` ("--keep") names the flag it came from.
std::expected<void, std::string> CheckGlob(std::string_view glob, std::string_view option);

// Whether `id` matches `glob` (without its trailing '/').
// REQUIRES: CheckGlob(glob) succeeded.
bool MatchesGlob(std::string_view glob, std::string_view id);

}  // namespace s3prune::policy
