#!/usr/bin/env bash
# The include check on a tree of three files (ctest include_boundaries_check_fails): it must
# fail with one line per forbidden include, pass once they are gone, and refuse a table that
# names a room no folder has. Without this, a check that can never fail would look green.
set -euo pipefail
checker="$(cd "$(dirname "$0")" && pwd)/check_includes.sh"
tree="$(mktemp -d)"
trap 'rm -rf "$tree"' EXIT
mkdir -p "$tree/src/low/deep" "$tree/src/high"
cat >"$tree/ARCHITECTURE.md" <<'EOF'
| folder | target | owns | may use |
|---|---|---|---|
| `src/low/` | `low` | the bottom | (nothing); the standard library |
| `src/low/deep/` | `deep` | below the bottom | low |
| `src/high/` | `high` | the top | low, low/deep; zlib (private) |

| files | rule | headers | why |
|---|---|---|---|
| `src/high/*` | may not include | `src/low/*_secret.h` | a finer rule |
EOF
printf '#include "high/top.h"\n#include "low/deep/under.h"\n' >"$tree/src/low/base.h"
printf '#include "low/base.h"\n' >"$tree/src/low/deep/under.h"
printf '#include "low/base.h"\n#include "low/deep/under.h"\n#include "low/base_secret.h"\n' >"$tree/src/high/top.h"
touch "$tree/src/low/base_secret.h"

expected='src/high/top.h includes low/base_secret.h: src/high/* may not include src/low/*_secret.h
src/low/base.h includes high/top.h: room low may not use high
src/low/base.h includes low/deep/under.h: room low may not use low/deep'
status=0
actual="$(bash "$checker" "$tree")" || status=$?
if [[ $status -ne 1 || "$actual" != "$expected" ]]; then
  printf 'expected exit 1 with\n%s\ngot exit %d with\n%s\n' "$expected" "$status" "$actual" >&2
  exit 1
fi

printf '' >"$tree/src/low/base.h"
sed -i '/secret/d' "$tree/src/high/top.h"
bash "$checker" "$tree" || { echo "expected a clean tree to pass" >&2; exit 1; }

sed -i 's/| low, low\/deep;/| low, middle;/' "$tree/ARCHITECTURE.md"
status=0
bash "$checker" "$tree" 2>/dev/null || status=$?
[[ $status -eq 2 ]] || { echo "expected exit 2 for a room named in no folder, got $status" >&2; exit 1; }
echo "check_includes: fails on forbidden includes, passes without them, refuses an unknown room"
