// Text from a bucket (deployment ids, keys) made safe and aligned for a terminal table.
//
// An id may hold any bytes S3 allows in a key: a carriage return or an escape sequence could
// rewrite the row it is printed in (a DELETE row drawn as keep), a right-to-left override
// could reorder it, and wide or combining characters shift columns when padded by bytes.
// Printable escapes all of these the way `ls -b` and Go's %q do, DisplayWidth counts the
// columns a terminal uses, and FitWidth shortens long ids with an ellipsis. JSON output keeps
// ids whole and unescaped. Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace s3prune::report {

// Control characters as \t \n \r or \xNN, a backslash as \\, bytes that are not UTF-8 as
// \xNN, and the invisible or reordering format characters (U+200B-U+200F, U+202A-U+202E,
// U+2060-U+2069, U+FEFF) as \u{XXXX}. Everything else is kept.
std::string Printable(std::string_view text);

// The terminal columns of printable UTF-8 text: 2 for wide (East Asian) characters, 0 for
// combining marks, 1 otherwise.
std::size_t DisplayWidth(std::string_view text);

// `text` (printable) if it fits in `columns`, else its longest prefix that fits in
// `columns - 1` followed by "…". REQUIRES: columns >= 1.
std::string FitWidth(std::string_view text, std::size_t columns);

}  // namespace s3prune::report
