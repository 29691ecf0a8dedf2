#!/usr/bin/env bash
# The composite GitHub Action (action.yml) run against the local S3 server: run_action.py runs
# exactly the action's steps, with GITHUB_STEP_SUMMARY a temporary file, on a bucket of four
# deployments (d1..d4, two objects each) seeded with the AWS CLI. Checks that
#   - plan (config input, a policy file) deletes nothing and posts the Markdown plan;
#   - apply (target input) without max-delete is refused by the action, nothing deleted;
#   - apply whose plan exceeds max-delete is refused by s3prune (exit 1), nothing deleted;
#   - apply within max-delete deletes what the plan said (keep-last 1 plus keep d1: two of the
#     four deployments stay), posts what it deleted, and sets the exit-code output.
#
#   tests/deploy/action_test.sh build/s3prune        (ctest -L integration runs it)
#
# Needs a server: eval "$(scripts/s3-server env)". Without one it skips (exit 77) unless
# S3PRUNE_REQUIRE_INTEGRATION=1, which makes a missing server a failure.
set -euo pipefail

if (($# != 1)) || [[ ! -x "$1" ]]; then
  echo "usage: $0 PATH_TO_S3PRUNE_BINARY" >&2
  exit 2
fi
BIN=$(readlink -f -- "$1")
ROOT=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/../.." && pwd)
if [[ -z "${S3PRUNE_TEST_ENDPOINT:-}" ]]; then
  if [[ "${S3PRUNE_REQUIRE_INTEGRATION:-}" == 1 ]]; then
    echo "FAIL: S3PRUNE_TEST_ENDPOINT is not set: start a server (scripts/s3-server start) and eval its env" >&2
    exit 1
  fi
  echo "skip: no S3 server (S3PRUNE_TEST_ENDPOINT unset)"
  exit 77
fi
PYTHON=/usr/bin/python3
export PYTHONDONTWRITEBYTECODE=1 # no __pycache__ in the source tree
export AWS_ENDPOINT_URL=$S3PRUNE_TEST_ENDPOINT
aws() { command aws --endpoint-url "$S3PRUNE_TEST_ENDPOINT" "$@"; }

TMP=$(mktemp -d)
BUCKET="s3prune-action-$(date +%s)-$$"
cleanup() {
  aws s3 rb --force "s3://$BUCKET" >/dev/null 2>&1 || true
  rm -rf -- "$TMP"
}
trap cleanup EXIT

failures=0
ok() { echo "ok: $*"; }
fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}
# shellcheck disable=SC2016  # a JMESPath literal, not a shell expansion
objects() { aws s3api list-objects-v2 --bucket "$BUCKET" --query 'length(Contents || `[]`)' --output text; }
deployments() { aws s3api list-objects-v2 --bucket "$BUCKET" --delimiter / --query 'CommonPrefixes[].Prefix' --output text | tr '\t' '\n' | sort | tr '\n' ' '; }
# run_action NAME INPUT=VALUE...: runs the action with a fresh job summary; sets rc, and
# leaves the summary in $TMP/NAME.md, the log in $TMP/NAME.log, the outputs in $TMP/NAME.out.
run_action() {
  local name=$1
  shift
  : >"$TMP/$name.md"
  rc=0
  GITHUB_STEP_SUMMARY="$TMP/$name.md" RUNNER_TEMP="$TMP" \
    "$PYTHON" "$ROOT/tests/deploy/run_action.py" "$ROOT/action.yml" binary="$BIN" "$@" \
    >"$TMP/$name.out" 2>"$TMP/$name.log" || rc=$?
}
show() { sed 's/^/      /' "$TMP/$1.log" "$TMP/$1.md"; }

aws s3api create-bucket --bucket "$BUCKET" >/dev/null
mkdir -p "$TMP/site"
echo '<html>site</html>' >"$TMP/site/index.html"
echo 'console.log(1)' >"$TMP/site/app.js"
for deployment in d1 d2 d3 d4; do
  aws s3 cp --recursive --only-show-errors "$TMP/site" "s3://$BUCKET/$deployment/"
done
before=$(objects)
[[ "$before" == 8 ]] || { echo "FAIL: seeded $before objects, want 8"; exit 1; }

# 1. plan from a policy file: the Markdown plan in the summary, nothing deleted.
cat >"$TMP/prune.yaml" <<POLICY
targets:
  - target: s3://$BUCKET/
    keep_last: 1
    keep: [d1]
    max_delete: 100
POLICY
run_action plan config="$TMP/prune.yaml" mode=plan
if ((rc == 0)) && grep -q '^output exit-code=0$' "$TMP/plan.out"; then ok "action: plan with config exits 0, exit-code output 0"; else fail "action: plan exited $rc:"; show plan; fi
if grep -q '^|' "$TMP/plan.md" && grep -q 'd2' "$TMP/plan.md" && grep -qi 'delete' "$TMP/plan.md"; then
  ok "action: plan posts a Markdown table naming the doomed deployments to the job summary"
else
  fail "action: the job summary has no Markdown plan:"; show plan
fi
if [[ "$(objects)" == 8 ]]; then ok "action: plan deleted nothing"; else fail "action: plan left $(objects) of 8 objects"; fi

# 2. apply on a target without max-delete: refused by the action itself.
run_action nobound target="s3://$BUCKET/" keep-last=1 mode=apply
if ((rc == 2)) && grep -q 'needs max-delete' "$TMP/nobound.md"; then ok "action: apply on a target without max-delete is refused (exit 2, said in the summary)"; else fail "action: apply without max-delete exited $rc:"; show nobound; fi
if [[ "$(objects)" == 8 ]]; then ok "action: the refused apply deleted nothing"; else fail "action: the refused apply left $(objects) of 8 objects"; fi

# 3. apply over max-delete: s3prune refuses (exit 1) and deletes nothing.
run_action over target="s3://$BUCKET/" keep-last=1 keep=d1 max-delete=1 mode=apply
if ((rc == 1)) && grep -q '^output exit-code=1$' "$TMP/over.out" && grep -q 'exited 1' "$TMP/over.md"; then
  ok "action: apply over max-delete fails the step with s3prune's exit 1, said in the summary"
else
  fail "action: apply over max-delete exited $rc:"; show over
fi
if [[ "$(objects)" == 8 ]]; then ok "action: apply over max-delete deleted nothing"; else fail "action: apply over max-delete left $(objects) of 8 objects"; fi

# 4. apply within max-delete; keep is a multi-line input (blank lines and spaces ignored).
run_action apply target="s3://$BUCKET/" keep-last=1 keep=$'  d1 \n\n' max-delete=4 mode=apply
if ((rc == 0)) && grep -q '^output exit-code=0$' "$TMP/apply.out"; then ok "action: apply within max-delete exits 0"; else fail "action: apply exited $rc:"; show apply; fi
left=$(deployments)
if [[ "$(objects)" == 4 && "$left" == "d1/ "* && $(wc -w <<<"$left") == 2 ]]; then
  ok "action: apply deleted two deployments, kept d1 and the newest ($left)"
else
  fail "action: after apply $(objects) objects in deployments $left (want 4 in d1/ and the newest)"
fi
if grep -q '^|' "$TMP/apply.md" && grep -qi 'deleted' "$TMP/apply.md"; then ok "action: apply posts the Markdown report to the job summary"; else fail "action: no Markdown report in the summary:"; show apply; fi

if ((failures > 0)); then
  echo "action_test: $failures check(s) failed" >&2
  exit 1
fi
echo "action_test: all checks passed"
