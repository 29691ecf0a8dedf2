#include "policy/glob.h"

#include <fnmatch.h>

#include <array>
#include <algorithm>

namespace s3prune::policy {
namespace {

constexpr std::array<std::string_view, 12> kPosixClasses = {
    "alnum", "alpha", "blank", "cntrl", "digit", "graph",
    "lower", "print", "punct", "space", "upper", "xdigit"};

std::string_view WithoutTrailingSlash(std::string_view glob) {
  if (glob.ends_with('/')) glob.remove_suffix(1);
  return glob;
}

std::unexpected<std::string> Refuse(std::string_view glob, std::string_view option,
                                    std::string_view problem) {
  std::string message = "invalid ";
  message += option;
  message += " '";
  message += glob;
  message += "': ";
  message += problem;
  return std::unexpected(std::move(message));
}

// The position just past the ']' that closes the bracket expression opening at `open`, or
// npos when it is never closed (as glibc's fnmatch reads it). Inside, "[:name:]", "[=c=]" and "[.c.]" are single items, and a
// ']' right after the '[' (or "[!", "[^") is a literal.
std::size_t BracketEnd(std::string_view glob, std::size_t open, bool& bad_class) {
  std::size_t at = open + 1;
  if (at < glob.size() && (glob[at] == '!' || glob[at] == '^')) ++at;
  if (at < glob.size() && glob[at] == ']') ++at;
  while (at < glob.size()) {
    const char c = glob[at];
    if (c == ']') return at + 1;
    if (c == '\\') {  // fnmatch escapes inside a set too: "[\\]]" is the set of ']'
      at += 2;
      continue;
    }
    if (c == '[' && at + 1 < glob.size() &&
        (glob[at + 1] == ':' || glob[at + 1] == '=' || glob[at + 1] == '.')) {
      const char kind = glob[at + 1];
      const std::size_t close = glob.find(std::string{kind, ']'}, at + 2);
      if (close == std::string_view::npos) return std::string_view::npos;
      const std::string_view name = glob.substr(at + 2, close - at - 2);
      if (kind == ':' && std::ranges::find(kPosixClasses, name) == kPosixClasses.end()) {
        bad_class = true;
      }
      at = close + 2;
      continue;
    }
    ++at;
  }
  return std::string_view::npos;
}

}  // namespace

std::expected<void, std::string> CheckGlob(std::string_view glob, std::string_view option) {
  const std::string_view pattern = WithoutTrailingSlash(glob);
  if (pattern.empty()) return Refuse(glob, option, "needs a non-empty glob");
  if (pattern.find('\0') != std::string_view::npos) {
    return Refuse(glob, option, "holds a NUL byte, which no id can contain");
  }
  for (std::size_t at = 0; at < pattern.size();) {
    const char c = pattern[at];
    if (c == '\\') {
      if (at + 1 == pattern.size()) {
        return Refuse(glob, option, "ends in '\\', which escapes nothing (write \\\\ for a backslash)");
      }
      at += 2;
      continue;
    }
    if (c != '[') {
      ++at;
      continue;
    }
    bool bad_class = false;
    const std::size_t end = BracketEnd(pattern, at, bad_class);
    if (end == std::string_view::npos) {
      return Refuse(glob, option, "'[' is never closed: end the set with ']' or match a literal '[' with \\[");
    }
    if (bad_class) {
      return Refuse(glob, option, "unknown character class: use one of [:alnum:] [:alpha:] [:digit:] [:lower:] [:upper:] ...");
    }
    at = end;
  }
  return {};
}

bool MatchesGlob(std::string_view glob, std::string_view id) {
  // No FNM_PATHNAME: ids have no '/'. No FNM_PERIOD: a leading '.' is an ordinary character.
  const std::string pattern{WithoutTrailingSlash(glob)};
  const std::string subject{id};
  return fnmatch(pattern.c_str(), subject.c_str(), 0) == 0;
}

}  // namespace s3prune::policy
