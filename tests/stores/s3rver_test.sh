#!/usr/bin/env bash
# s3prune against s3rver (scripts/s3rver-server), a real store without versioning, multipart
# listing or lifecycle, where CliStores.* imitates those answers with the fault proxy in front
# of RGW. On a bucket of four deployments (d1..d4, two objects each), checks that
#   - ls and plan work and plan deletes nothing;
#   - apply deletes the doomed deployments and succeeds (exit 0), with the note that no
#     incomplete upload was aborted (ListMultipartUploads: 501);
#   - --versions is refused, nothing deleted, "drop --versions" (ListObjectVersions: 405);
#   - --via lifecycle is refused, nothing deleted, "use --via delete" (lifecycle: 501).
#
#   tests/stores/s3rver_test.sh build/s3prune        (ctest -L integration runs it)
#
# It starts its own s3rver on S3PRUNE_S3RVER_PORT (default: S3PRUNE_S3_PORT + 300, else 7780)
# and stops it. Without s3rver installed (scripts/setup test) it skips (exit 77) unless
# S3PRUNE_REQUIRE_INTEGRATION=1.
set -euo pipefail

if (($# != 1)) || [[ ! -x "$1" ]]; then
  echo "usage: $0 PATH_TO_S3PRUNE_BINARY" >&2
  exit 2
fi
BIN=$(readlink -f -- "$1")
ROOT=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/../.." && pwd)
if [[ ! -x "$ROOT/.tools/npm/node_modules/.bin/s3rver" ]]; then
  if [[ "${S3PRUNE_REQUIRE_INTEGRATION:-}" == 1 ]]; then
    echo "FAIL: s3rver is not installed: run scripts/setup test" >&2
    exit 1
  fi
  echo "skip: s3rver is not installed (scripts/setup test)"
  exit 77
fi
export S3PRUNE_S3_SERVER=s3rver
export S3PRUNE_S3_PORT=${S3PRUNE_S3RVER_PORT:-$((${S3PRUNE_S3_PORT:-7480} + 300))}
TMP=$(mktemp -d)
cleanup() {
  "$ROOT/scripts/s3-server" stop >/dev/null 2>&1 || true
  rm -rf -- "$TMP"
}
trap cleanup EXIT
"$ROOT/scripts/s3-server" start
eval "$("$ROOT/scripts/s3-server" env)"
aws() { command aws --endpoint-url "$S3PRUNE_TEST_ENDPOINT" "$@"; }
BUCKET=s3prune-s3rver

failures=0
ok() { echo "ok: $*"; }
fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}
# shellcheck disable=SC2016  # a JMESPath literal, not a shell expansion
objects() { aws s3api list-objects-v2 --bucket "$BUCKET" --query 'length(Contents || `[]`)' --output text; }
# run NAME ARGS...: s3prune ARGS, stdout and stderr in $TMP/NAME.out; sets rc.
run() {
  local name=$1
  shift
  rc=0
  "$BIN" "$@" >"$TMP/$name.out" 2>&1 || rc=$?
}
show() { sed 's/^/      /' "$TMP/$1.out"; }

aws s3api create-bucket --bucket "$BUCKET" >/dev/null
mkdir -p "$TMP/site"
echo '<html>site</html>' >"$TMP/site/index.html"
echo 'console.log(1)' >"$TMP/site/app.js"
for deployment in d1 d2 d3 d4; do
  aws s3 cp --recursive --only-show-errors "$TMP/site" "s3://$BUCKET/$deployment/"
done
[[ "$(objects)" == 8 ]] || { echo "FAIL: seeded $(objects) objects, want 8"; exit 1; }

run ls ls "s3://$BUCKET/"
if ((rc == 0)) && [[ $(grep -cE '^d[1-4] ' "$TMP/ls.out") == 4 ]]; then ok "s3rver: ls lists the four deployments"; else fail "s3rver: ls exited $rc:"; show ls; fi

run plan plan "s3://$BUCKET/" --keep-last 1 --keep d1
if ((rc == 0)) && [[ "$(objects)" == 8 ]] && grep -q '^DELETE ' "$TMP/plan.out"; then ok "s3rver: plan exits 0, deletes nothing"; else fail "s3rver: plan exited $rc, $(objects) objects left:"; show plan; fi

run versions apply "s3://$BUCKET/" --keep-last 1 --keep d1 --versions --max-delete 10 --yes
if ((rc == 1)) && grep -q 'drop --versions' "$TMP/versions.out" && [[ "$(objects)" == 8 ]]; then
  ok "s3rver: --versions is refused (405 for ?versions): exit 1, 'drop --versions', nothing deleted"
else
  fail "s3rver: apply --versions exited $rc, $(objects) objects left:"; show versions
fi

run lifecycle apply "s3://$BUCKET/" --keep-last 1 --keep d1 --via lifecycle --max-delete 10 --yes
if ((rc == 1)) && grep -q 'use --via delete' "$TMP/lifecycle.out" && [[ "$(objects)" == 8 ]]; then
  ok "s3rver: --via lifecycle is refused (501 for ?lifecycle): exit 1, 'use --via delete', nothing deleted"
else
  fail "s3rver: apply --via lifecycle exited $rc, $(objects) objects left:"; show lifecycle
fi

run apply apply "s3://$BUCKET/" --keep-last 1 --keep d1 --max-delete 10 --yes
if ((rc == 0)) && [[ "$(objects)" == 4 ]] && grep -q 'no incomplete multipart upload was aborted' "$TMP/apply.out"; then
  ok "s3rver: apply deletes two deployments and succeeds, saying no incomplete upload was aborted (501 for ?uploads)"
else
  fail "s3rver: apply exited $rc, $(objects) objects left:"; show apply
fi

if ((failures > 0)); then
  echo "s3rver_test: $failures check(s) failed" >&2
  exit 1
fi
echo "s3rver_test: all checks passed"
