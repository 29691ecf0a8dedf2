#!/usr/bin/env bash
# Step "Build s3prune" of the composite action (action.yml at the repository root): the binary
# named by the `binary` input, or one built from the action's own source (GITHUB_ACTION_PATH,
# the s3prune repository at the ref the workflow `uses:`) as the README's "Build" says. Nothing
# is downloaded but Debian's (or Ubuntu's) packages. Writes `path=BINARY` to GITHUB_OUTPUT.
#
# Environment: S3PRUNE_BINARY (the input), GITHUB_ACTION_PATH, GITHUB_OUTPUT, RUNNER_TEMP.
set -euo pipefail

if [[ -n "${S3PRUNE_BINARY:-}" ]]; then
  if [[ ! -f "$S3PRUNE_BINARY" || ! -x "$S3PRUNE_BINARY" ]]; then
    echo "::error title=s3prune::binary '$S3PRUNE_BINARY' is not an executable file" >&2
    exit 1
  fi
  binary=$(readlink -f -- "$S3PRUNE_BINARY")
else
  source_dir=$GITHUB_ACTION_PATH
  build_dir="${RUNNER_TEMP:-/tmp}/s3prune-build"
  "$source_dir/scripts/setup" build
  cmake -S "$source_dir" -B "$build_dir" -G Ninja -DBUILD_TESTING=OFF -DS3PRUNE_BUILD_BENCH=OFF \
    -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$build_dir" --target s3prune -j"$(nproc)"
  binary="$build_dir/s3prune"
fi
"$binary" --version
echo "path=$binary" >>"$GITHUB_OUTPUT"
