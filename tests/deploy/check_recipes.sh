#!/usr/bin/env bash
# Checks the Nomad job, the SAM template and the GitHub Action offline (check_deploy.sh runs it
# after its own checks). Parsers and validators, installed by scripts/setup test into .tools/:
#   nomad   HashiCorp's HCL parser (hcl2json.js) -> check_nomad.py; terraform fmt -check on it
#           when terraform is installed (nomad fmt's formatter); the policy file of its template
#           block against the binary's options
#   sam     CloudFormation YAML with its short-form tags -> check_sam.py, which compares the
#           role with deploy/terraform/lambda/main.tf (parsed with the same HCL parser)
#   action  action-validator (the published JSON schemas of action and workflow files) on
#           action.yml and deploy/github/prune.yml -> check_action.py; shellcheck on the
#           action's scripts when installed
#
#   tests/deploy/check_recipes.sh build/s3prune [nomad|sam|action ...]     (default: all three)
#
# S3PRUNE_TOOLS_DIR: where the npm tools are (default .tools of the repository). One line per
# check: "ok: ...", "skip: ..." or "FAIL: ...". Exits 1 if a check failed, 2 on a usage error.
set -euo pipefail

if (($# < 1)) || [[ ! -x "$1" ]]; then
  echo "usage: $0 PATH_TO_S3PRUNE_BINARY [nomad|sam|action ...]" >&2
  exit 2
fi
BIN=$(readlink -f -- "$1")
shift
SECTIONS=" ${*:-nomad sam action} "
HERE=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd -- "$HERE/../.." && pwd)
TOOLS=${S3PRUNE_TOOLS_DIR:-$ROOT/.tools}
NODE_MODULES="$TOOLS/npm/node_modules"
# Debian's python3 and python3-yaml (scripts/setup test), whatever python3 comes first on PATH.
PYTHON=/usr/bin/python3
export PYTHONDONTWRITEBYTECODE=1 # no __pycache__ in the source tree
NOMAD_JOB="$ROOT/deploy/nomad/s3prune.nomad.hcl"
SAM_TEMPLATE="$ROOT/deploy/sam/template.yaml"
TF_MAIN="$ROOT/deploy/terraform/lambda/main.tf"
ACTION="$ROOT/action.yml"
WORKFLOW="$ROOT/deploy/github/prune.yml"

TMP=$(mktemp -d)
trap 'rm -rf -- "$TMP"' EXIT
failures=0
ok() { echo "ok: $*"; }
skip() { echo "skip: $*"; }
fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}
want() { [[ "$SECTIONS" == *" $1 "* ]]; }
# run_check COMMAND...: its lines as they are; its failure counted once per FAIL line.
run_check() {
  local out rc=0
  out=$("$@" 2>&1) || rc=$?
  printf '%s\n' "$out"
  if ((rc != 0)); then
    local count
    count=$(grep -c '^FAIL: ' <<<"$out" || true)
    ((count > 0)) || fail "$(basename "$1"): exit $rc without a FAIL line"
    failures=$((failures + count))
  fi
}
# hcl_json FILE OUT: FILE parsed by HashiCorp's HCL parser into OUT (JSON); a FAIL on error.
hcl_json() {
  if NODE_PATH="$NODE_MODULES" node "$HERE/hcl2json.js" "$1" >"$2" 2>"$TMP/hcl.err"; then
    ok "${1#"$ROOT"/} parses as HCL"
  else
    fail "${1#"$ROOT"/} does not parse as HCL: $(cat "$TMP/hcl.err")"
    return 1
  fi
}

for tool in node "$PYTHON"; do
  command -v "$tool" >/dev/null 2>&1 || { fail "$tool is not installed: run scripts/setup test"; exit 1; }
done
if ! "$PYTHON" -c 'import yaml' 2>/dev/null; then fail "python3-yaml is not installed: run scripts/setup test"; exit 1; fi
for package in @cdktf/hcl2json @action-validator/cli; do
  [[ -f "$NODE_MODULES/$package/package.json" ]] || { fail "$package is not in $TOOLS: run scripts/setup test"; exit 1; }
done

if want nomad; then
  if hcl_json "$NOMAD_JOB" "$TMP/job.json"; then
    run_check "$PYTHON" "$HERE/check_nomad.py" "$TMP/job.json" "$TMP/nomad-prune.yaml"
    if [[ -s "$TMP/nomad-prune.yaml" ]]; then
      # Every key of the policy file names an option of plan or apply (--keep-last: keep_last).
      help=$("$BIN" plan --help 2>&1 || true)$'\n'$("$BIN" apply --help 2>&1 || true)
      unknown=()
      while read -r key; do
        case "$key" in defaults | targets | target) continue ;; esac
        grep -Eq -- "--${key//_/-}([ ,]|$)" <<<"$help" || unknown+=("$key")
      done < <(sed -n 's/^[[:space:]]*\(- \)\{0,1\}\([a-z_][a-z0-9_]*\):.*/\2/p' "$TMP/nomad-prune.yaml" | sort -u)
      if ((${#unknown[@]} == 0)); then ok "nomad: every key of the template's prune.yaml is an option of s3prune plan/apply"; else fail "nomad: the template's prune.yaml has keys that are no option of s3prune: ${unknown[*]}"; fi
    fi
  fi
  if command -v terraform >/dev/null 2>&1; then
    cp -- "$NOMAD_JOB" "$TMP/nomad.tf" # terraform fmt formats .tf files only; the syntax is the same
    if TF_CLI_CONFIG_FILE=/dev/null terraform fmt -check -diff "$TMP/nomad.tf" >"$TMP/fmt.out" 2>&1; then
      ok "nomad: terraform fmt -check (canonical HCL layout)"
    else
      fail "nomad: not in canonical HCL layout (run terraform fmt on a .tf copy, or nomad fmt):"
      sed 's/^/      /' "$TMP/fmt.out"
    fi
  else
    skip "nomad: terraform not installed, layout not checked"
  fi
fi

if want sam; then
  if hcl_json "$TF_MAIN" "$TMP/main.json"; then
    run_check "$PYTHON" "$HERE/check_sam.py" "$SAM_TEMPLATE" "$TMP/main.json"
  fi
fi

if want action; then
  for file in "$ACTION" "$WORKFLOW"; do
    # action-validator tells an action from a workflow by the file name (action.yml).
    if "$NODE_MODULES/.bin/action-validator" "$file" >"$TMP/validator.out" 2>&1; then
      ok "action: action-validator ${file#"$ROOT"/}: valid against the $([[ "$file" == "$ACTION" ]] && echo action || echo workflow) schema"
    else
      fail "action: action-validator ${file#"$ROOT"/}:"
      sed 's/^/      /' "$TMP/validator.out" | head -40
    fi
  done
  run_check "$PYTHON" "$HERE/check_action.py" "$ACTION" "$WORKFLOW"
  if command -v shellcheck >/dev/null 2>&1; then
    if shellcheck "$ROOT"/deploy/github/action-*.sh >"$TMP/shellcheck.out" 2>&1; then
      ok "action: shellcheck deploy/github/action-*.sh"
    else
      fail "action: shellcheck deploy/github/action-*.sh:"
      sed 's/^/      /' "$TMP/shellcheck.out"
    fi
  else
    skip "action: shellcheck not installed"
  fi
fi

if ((failures > 0)); then
  echo "check_recipes: $failures check(s) failed" >&2
  exit 1
fi
echo "check_recipes: all checks passed"
