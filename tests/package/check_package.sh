#!/usr/bin/env bash
# The install and the .deb: `cmake --install` puts the binary, the man page and the bash
# completion where they belong; `cpack` makes a .deb that holds them and depends on the
# runtime libraries; the man page names every option the binary's --help shows.
#   tests/package/check_package.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build="$1"
source="$2"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

cmake --install "$build" --prefix "$work/prefix" >/dev/null
for file in bin/s3prune share/man/man1/s3prune.1 share/bash-completion/completions/s3prune; do
  [[ -f "$work/prefix/$file" ]] || fail "cmake --install did not install $file"
done
"$work/prefix/bin/s3prune" --version | grep -q '^s3prune ' || fail "the installed binary does not run"
echo "ok: cmake --install: binary, man page, bash completion"

(cd "$work" && cpack --config "$build/CPackConfig.cmake" -B "$work/deb" >/dev/null)
deb="$(ls "$work"/deb/*.deb)"
contents="$(dpkg-deb -c "$deb")"
for file in ./usr/bin/s3prune ./usr/share/man/man1/s3prune.1 ./usr/share/bash-completion/completions/s3prune; do
  grep -q " $file\$" <<<"$contents" || fail "$deb does not hold $file"
done
depends="$(dpkg-deb -f "$deb" Depends)"
for library in libcurl4 libssl3 libpugixml1v5 libyaml-cpp0.7 ca-certificates; do
  grep -q "$library" <<<"$depends" || fail "$deb does not depend on $library (Depends: $depends)"
done
echo "ok: $(basename "$deb"): files and Depends ($depends)"

for command in ls plan apply ""; do
  for option in $("$build/s3prune" help $command | grep -oE '^ +(-[a-z],)?--[a-z-]+' | sed 's/.*--/--/' | sort -u); do
    grep -q -- "$(sed 's/-/\\\\-/g' <<<"$option")" "$source/doc/s3prune.1" || fail "the man page does not name $option"
  done
done
echo "ok: the man page names every option of --help"
bash -n "$source/completion/s3prune.bash" || fail "the bash completion does not parse"
echo "ok: bash completion parses"
