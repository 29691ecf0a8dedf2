#!/usr/bin/env bash
# Shows that check_recipes.sh fails on broken recipes: for each case, a copy of the repository's
# recipes with one line changed (sed), the section of check_recipes.sh that covers it, and the
# FAIL line it must print. The unchanged copy must pass first, and each change must change the
# file, so no case passes by accident.
#
#   tests/deploy/check_recipes_test.sh build/s3prune        (ctest: deploy_recipes_checks_fail)
set -euo pipefail

if (($# != 1)) || [[ ! -x "$1" ]]; then
  echo "usage: $0 PATH_TO_S3PRUNE_BINARY" >&2
  exit 2
fi
BIN=$(readlink -f -- "$1")
ROOT=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/../.." && pwd)
export S3PRUNE_TOOLS_DIR=${S3PRUNE_TOOLS_DIR:-$ROOT/.tools}
TMP=$(mktemp -d)
trap 'rm -rf -- "$TMP"' EXIT

NOMAD=deploy/nomad/s3prune.nomad.hcl
SAM=deploy/sam/template.yaml
TF=deploy/terraform/lambda/main.tf
ACTION=action.yml
WORKFLOW=deploy/github/prune.yml
# file | sed expression | section | the FAIL line it must cause (extended regex)
CASES=(
  "$NOMAD|s/prohibit_overlap = true/prohibit_overlap = false/|nomad|FAIL: nomad: periodic prohibit_overlap"
  "$NOMAD|s/^job \"s3prune\" \\{\$/job \"s3prune\" {{/|nomad|FAIL: .*does not parse as HCL"
  "$NOMAD|s/type = \"batch\"/type = \"service\"/|nomad|FAIL: nomad: type = \"batch\""
  "$NOMAD|/max_delete: 5000/d|nomad|FAIL: nomad: every target has max_delete"
  "$NOMAD|s/AWS_EC2_METADATA_DISABLED   = \"true\"/AWS_SECRET_ACCESS_KEY = \"x\"/|nomad|FAIL: nomad: no AWS key in env"
  "$NOMAD|s/nomad_aws\\.jwt/token/|nomad|FAIL: nomad: credentials from a workload identity"
  "$NOMAD|s/keep_last: 5/keep_lats: 5/|nomad|FAIL: nomad: .*keys that are no option of s3prune: keep_lats"
  "$SAM|s/ReservedConcurrentExecutions: 1/ReservedConcurrentExecutions: 5/|sam|FAIL: sam: ReservedConcurrentExecutions: 1"
  "$SAM|/- s3:DeleteObjectVersion/d|sam|FAIL: sam: statement DeleteUnderThePrefix"
  "$TF|s/\"s3:AbortMultipartUpload\",/\"s3:AbortMultipartUpload\", \"s3:PutObject\",/|sam|FAIL: sam: statement DeleteUnderThePrefix.*Terraform only \\['s3:PutObject'\\]"
  "$SAM|s/!Ref LogRetentionDays/!Ref LogRetention/|sam|FAIL: sam: every !Ref.*undefined: Ref LogRetention"
  "$SAM|s/!GetAtt Role.Arn/!GetAttr Role.Arn/|sam|FAIL: sam: .*does not parse as CloudFormation YAML"
  "$SAM|s/, \"max_delete\": \\\$\\{MaxDelete\\}//|sam|FAIL: sam: the schedule's Input.*max_delete None"
  "$ACTION|0,/^      shell: bash\$/{/^      shell: bash\$/d}|action|FAIL: action: action-validator action.yml"
  "$ACTION|/^  mode:\$/,/default:/s/default: plan/default: apply/|action|FAIL: action: mode defaults to plan"
  "$ACTION|s/run: '\"\\\$GITHUB_ACTION_PATH\\/deploy\\/github\\/action-run.sh\"'/run: echo \${{ inputs.target }}/|action|FAIL: action: step Run s3prune: no expression in run"
  "$WORKFLOW|s/runs-on:/runs-onn:/|action|FAIL: action: action-validator deploy/github/prune.yml"
  "$WORKFLOW|/max-delete: 5000/d|action|FAIL: action: prune.yml's apply sets max-delete"
)

copy() {
  rm -rf "$TMP/root"
  mkdir -p "$TMP/root/tests"
  cp -r "$ROOT/deploy" "$TMP/root/"
  cp -r "$ROOT/tests/deploy" "$TMP/root/tests/"
  cp "$ROOT/action.yml" "$TMP/root/"
}

failures=0
copy
if bash "$TMP/root/tests/deploy/check_recipes.sh" "$BIN" >"$TMP/out" 2>&1; then
  echo "ok: the unchanged recipes pass"
else
  echo "FAIL: the unchanged recipes fail; nothing below would mean anything:"
  grep '^FAIL' "$TMP/out" | sed 's/^/      /'
  exit 1
fi
for case in "${CASES[@]}"; do
  IFS='|' read -r file expression section expected <<<"$case"
  copy
  cp "$TMP/root/$file" "$TMP/before"
  sed -E -i -e "$expression" "$TMP/root/$file"
  if cmp -s "$TMP/before" "$TMP/root/$file"; then
    echo "FAIL: sed '$expression' changed nothing in $file (the case tests nothing)"
    failures=$((failures + 1))
    continue
  fi
  rc=0
  bash "$TMP/root/tests/deploy/check_recipes.sh" "$BIN" "$section" >"$TMP/out" 2>&1 || rc=$?
  if ((rc == 1)) && grep -Eq -- "$expected" "$TMP/out"; then
    echo "ok: $file with sed '$expression': $(grep -Em1 -- "$expected" "$TMP/out" | cut -c1-150)"
  else
    echo "FAIL: $file with sed '$expression': exit $rc, no line matching /$expected/:"
    grep -E '^(FAIL|skip)' "$TMP/out" | sed 's/^/      /'
    failures=$((failures + 1))
  fi
done
if ((failures > 0)); then
  echo "check_recipes_test: $failures case(s) failed" >&2
  exit 1
fi
echo "check_recipes_test: all ${#CASES[@]} broken recipes were caught"
