#!/usr/bin/env bash
# Step "Run s3prune" of the composite action (action.yml): turns the action's inputs into one
# s3prune command line, runs it with --output markdown, and puts the report in the job log and
# in the job summary (GITHUB_STEP_SUMMARY). Writes `exit-code=N` to GITHUB_OUTPUT and exits with
# s3prune's code, so a refusal or a failed delete fails the step.
#
# The inputs come as environment variables (INPUT_CONFIG, INPUT_TARGET, INPUT_KEEP_LAST, ...,
# set by action.yml's `env:`), never pasted into the script, so no input can inject a command.
# Every rule is s3prune's to check; this script only refuses what would leave the run without
# a bound: apply on a target given here without max-delete (a policy file carries its own).
set -euo pipefail

die() {
  echo "::error title=s3prune::$*" >&2
  printf '**s3prune**: %s\n' "$*" >>"$GITHUB_STEP_SUMMARY"
  exit 2
}
# lines TEXT: the non-blank lines of TEXT, trimmed (a multi-line input is one value a line).
lines() {
  local line
  while IFS= read -r line || [[ -n "$line" ]]; do
    line=${line%$'\r'}
    line="${line#"${line%%[![:space:]]*}"}"
    line="${line%"${line##*[![:space:]]}"}"
    [[ -n "$line" ]] && printf '%s\n' "$line"
  done <<<"$1"
}

mode=${INPUT_MODE:-plan}
case "$mode" in
  plan | apply) ;;
  *) die "mode must be plan or apply (got '$mode')" ;;
esac
args=("$mode")
if [[ -n "${INPUT_CONFIG:-}" && -n "${INPUT_TARGET:-}" ]]; then
  die "give config (a policy file) or target, not both"
elif [[ -n "${INPUT_CONFIG:-}" ]]; then
  args+=(--config "$INPUT_CONFIG")
elif [[ -n "${INPUT_TARGET:-}" ]]; then
  args+=("$INPUT_TARGET")
  if [[ "$mode" == apply && -z "${INPUT_MAX_DELETE:-}" ]]; then
    die "apply on target $INPUT_TARGET needs max-delete (the most objects one run may delete)"
  fi
else
  die "give config (a policy file) or target (s3://BUCKET/PREFIX/)"
fi
[[ -n "${INPUT_KEEP_LAST:-}" ]] && args+=(--keep-last "$INPUT_KEEP_LAST")
[[ -n "${INPUT_KEEP_WITHIN:-}" ]] && args+=(--keep-within "$INPUT_KEEP_WITHIN")
while IFS= read -r value; do args+=(--keep "$value"); done < <(lines "${INPUT_KEEP:-}")
while IFS= read -r value; do args+=(--keep-from "$value"); done < <(lines "${INPUT_KEEP_FROM:-}")
while IFS= read -r value; do args+=(--exclude "$value"); done < <(lines "${INPUT_EXCLUDE:-}")
case "${INPUT_VERSIONS:-false}" in
  true) args+=(--versions) ;;
  false) ;;
  *) die "versions must be true or false (got '$INPUT_VERSIONS')" ;;
esac
[[ -n "${INPUT_MAX_DELETE:-}" ]] && args+=(--max-delete "$INPUT_MAX_DELETE")
[[ "$mode" == apply ]] && args+=(--yes)
args+=(--output markdown)

report=$(mktemp)
trap 'rm -f -- "$report"' EXIT
echo "s3prune ${args[*]}"
rc=0
"$S3PRUNE" "${args[@]}" >"$report" || rc=$?
cat -- "$report"
cat -- "$report" >>"$GITHUB_STEP_SUMMARY"
if ((rc != 0)); then
  printf '\n**s3prune %s exited %d** (README "Exit codes"); the job log has its messages.\n' "$mode" "$rc" \
    >>"$GITHUB_STEP_SUMMARY"
fi
echo "exit-code=$rc" >>"$GITHUB_OUTPUT"
exit "$rc"
