#!/usr/bin/env bash
# The rooms of ARCHITECTURE.md checked by their includes (ctest include_boundaries). The tables
# there are the rule; nothing here knows a room by name.
# - "The rooms" (the table with columns `folder` and `may use`): a file belongs to the room
#   with the longest folder that holds it; an `#include "P"` names the header src/P (or P,
#   for testing/), which belongs to a room the same way. A room may include its own headers
#   and those of the rooms its `may use` cell lists before any `;`, comma-separated, as they
#   appear in the folder column (`s3/xml` or `src/s3/xml/`); text in parentheses is a note.
# - "Include rules" (the table with columns `files`, `rule` and `headers`, each a
#   comma-separated list of globs on paths from the repository root, where `*` also matches
#   `/`): `may not include` forbids those headers even from a room that may use theirs;
#   `may also include` allows them although the room may not.
# Only files under src/ are checked. Prints one line per violation and exits 1; exits 2 when
# the tables cannot be read (an unknown room name, no rooms table).
#   check_includes.sh [ROOT]    ROOT holds ARCHITECTURE.md and src/ (default: this repository)
set -euo pipefail
root="${1:-$(cd "$(dirname "$0")/../.." && pwd)}"
cd "$root"
[[ -f ARCHITECTURE.md && -d src ]] || { echo "check_includes: no ARCHITECTURE.md and src/ in $root" >&2; exit 2; }
mapfile -t sources < <(find src -type f \( -name '*.h' -o -name '*.cc' \) | LC_ALL=C sort)

exec awk '
function trim(s) { gsub(/^[ \t]+|[ \t]+$/, "", s); return s }
function plain(s) { gsub(/`/, "", s); return trim(s) }
function short_name(folder) { sub(/^src\//, "", folder); sub(/\/$/, "", folder); return folder }
function glob_regex(glob,   re, i, c) {
  re = ""
  for (i = 1; i <= length(glob); i++) {
    c = substr(glob, i, 1)
    if (c == "*") re = re ".*"
    else if (index("\\^$.[]|()+?{}", c)) re = re "\\" c
    else re = re c
  }
  return "^" re "$"
}
function matches_any(path, globs,   list, n, i) {
  n = split(globs, list, ",")
  for (i = 1; i <= n; i++) if (path ~ glob_regex(plain(list[i]))) return 1
  return 0
}
# The room holding path: the longest folder that is a prefix of it; 0 for none.
function room_of(path,   r, best) {
  best = 0
  for (r = 1; r <= rooms; r++)
    if (index(path, folder[r]) == 1 && (best == 0 || length(folder[r]) > length(folder[best]))) best = r
  return best
}
function fail_table(message) { print "check_includes: ARCHITECTURE.md: " message > "/dev/stderr"; broken = 1; exit 2 }
function read_tables(   r, n, i, list, used, u, found) {
  if (rooms == 0) fail_table("no table with the columns \"folder\" and \"may use\"")
  for (r = 1; r <= rooms; r++) name[r] = short_name(folder[r])
  for (r = 1; r <= rooms; r++) {
    if (folder[r] !~ /^src\//) continue  # rows outside src/ only lend their folders
    used = uses[r]
    sub(/;.*/, "", used)
    gsub(/\([^)]*\)/, "", used)
    n = split(used, list, ",")
    for (i = 1; i <= n; i++) {
      u = short_name(plain(list[i]))
      if (u == "") continue
      found = 0
      for (found = rooms; found > 0 && name[found] != u; found--) {}
      if (!found) fail_table("room " name[r] " may use \"" u "\", which is no folder of the table")
      may_use[r, u] = 1
    }
  }
  for (i = 1; i <= rules; i++)
    if (rule_kind[i] != "may not include" && rule_kind[i] != "may also include")
      fail_table("include rule \"" rule_kind[i] "\" is neither \"may not include\" nor \"may also include\"")
  tables_read = 1
}
function violation(line) { print line; violations++ }

FILENAME == ARGV[1] {
  if ($0 !~ /^[ \t]*\|/) { table = ""; next }
  n = split($0, cell, "|")
  if (table == "") {
    delete column
    for (i = 2; i < n; i++) column[tolower(trim(cell[i]))] = i
    table = "other"
    if (("folder" in column) && ("may use" in column)) {
      table = "rooms"; folder_column = column["folder"]; uses_column = column["may use"]
    } else if (("files" in column) && ("rule" in column) && ("headers" in column)) {
      table = "rules"; files_column = column["files"]; kind_column = column["rule"]; headers_column = column["headers"]
    }
    next
  }
  if ($0 ~ /^[ \t]*\|[ \t:|-]*$/) next
  if (table == "rooms") { rooms++; folder[rooms] = plain(cell[folder_column]); uses[rooms] = cell[uses_column] }
  if (table == "rules") {
    rules++
    rule_files[rules] = cell[files_column]
    rule_kind[rules] = tolower(plain(cell[kind_column]))
    rule_headers[rules] = cell[headers_column]
  }
  next
}

FNR == 1 {
  if (!tables_read) read_tables()
  room = room_of(FILENAME)
  if (room == 0 && FILENAME ~ /^src\/[^\/]+\//) violation(FILENAME " is in no room of ARCHITECTURE.md")
}

/^[ \t]*#[ \t]*include[ \t]*"/ {
  included = $0
  sub(/^[^"]*"/, "", included)
  sub(/".*/, "", included)
  header = "src/" included
  target = room_of(header)
  if (target == 0) { header = included; target = room_of(header) }
  if (target == 0) { violation(FILENAME " includes " included ": no room of ARCHITECTURE.md holds it"); next }
  for (i = 1; i <= rules; i++)
    if (rule_kind[i] == "may also include" && matches_any(FILENAME, rule_files[i]) && matches_any(header, rule_headers[i])) next
  if (room != 0 && target != room && !((room, name[target]) in may_use))
    violation(FILENAME " includes " included ": room " name[room] " may not use " name[target])
  for (i = 1; i <= rules; i++)
    if (rule_kind[i] == "may not include" && matches_any(FILENAME, rule_files[i]) && matches_any(header, rule_headers[i]))
      violation(FILENAME " includes " included ": " plain(rule_files[i]) " may not include " plain(rule_headers[i]))
}

END {
  if (broken) exit 2
  if (!tables_read) read_tables()
  exit violations ? 1 : 0
}
' ARCHITECTURE.md "${sources[@]}"
