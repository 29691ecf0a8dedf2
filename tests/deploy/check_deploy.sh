#!/usr/bin/env bash
# Checks the deployment recipes in deploy/ without deploying anything and without any network:
# systemd-analyze verify on the units, structural checks (grep/awk) of the Kubernetes manifest,
# the Dockerfile, the Terraform module and the GitHub workflow, terraform fmt when terraform is
# installed, and whether the given s3prune binary knows --config. Then check_recipes.sh: the
# Nomad job, the SAM template and the GitHub Action, with their parsers and validators.
#
#   tests/deploy/check_deploy.sh build/s3prune
#
# One line per check: "ok: ...", "skip: ..." or "FAIL: ...". Exits 1 if any check failed,
# 2 on a usage error.
set -euo pipefail

if (($# != 1)); then
  echo "usage: $0 PATH_TO_S3PRUNE_BINARY" >&2
  exit 2
fi
if [[ ! -f "$1" || ! -x "$1" ]]; then
  echo "check_deploy: '$1' is not an executable file (give the path of a built s3prune)" >&2
  exit 2
fi
BIN=$(readlink -f -- "$1")
ROOT=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/../.." && pwd)
DEPLOY="$ROOT/deploy"

SERVICE="$DEPLOY/systemd/s3prune.service"
TIMER="$DEPLOY/systemd/s3prune.timer"
POLICY_EXAMPLE="$DEPLOY/systemd/prune.yaml.example"
CRONJOB="$DEPLOY/kubernetes/cronjob.yaml"
DOCKERFILE="$DEPLOY/docker/Dockerfile"
TF_DIR="$DEPLOY/terraform"
TF_MODULE="$TF_DIR/lambda"
WORKFLOW="$DEPLOY/github/prune.yml"

# Runtime libraries the image installs, and the build packages (as in scripts/setup).
RUNTIME_PACKAGES=(libcurl4 libssl3 libpugixml1v5 libyaml-cpp0.7 zlib1g ca-certificates)
BUILD_PACKAGES=(cmake ninja-build g++ pkg-config libcurl4-openssl-dev libssl-dev libpugixml-dev
  nlohmann-json3-dev libcli11-dev libyaml-cpp-dev zlib1g-dev)
# In every debian:12 image already: the C and C++ runtimes.
# The C/C++ runtimes are in every Debian image; the sanitizer runtimes only link into the
# test builds of scripts/sanitize, never into an image.
BASE_IMAGE_PACKAGES=(libc6 libstdc++6 libgcc-s1 libasan8 libubsan1)
S3_BUCKET_ACTIONS=(s3:ListBucket s3:ListBucketVersions s3:ListBucketMultipartUploads
  s3:GetBucketVersioning s3:GetLifecycleConfiguration s3:PutLifecycleConfiguration)
S3_OBJECT_ACTIONS=(s3:DeleteObject s3:DeleteObjectVersion s3:AbortMultipartUpload)
S3_POINTER_ACTIONS=(s3:GetObject)

TMP=$(mktemp -d)
trap 'rm -rf -- "$TMP"' EXIT

failures=0
ok() { echo "ok: $*"; }
skip() { echo "skip: $*"; }
fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}

# has FILE ERE DESCRIPTION: ok when a line of FILE matches the extended regex.
# The name of a checked file in messages: its path in the repository.
shown() {
  if [[ "$1" == "$TMP/all.tf" ]]; then echo "deploy/terraform/lambda/*.tf"; else echo "${1#"$ROOT"/}"; fi
}
has() {
  if grep -Eq -- "$2" "$1"; then ok "$3"; else fail "$3 (no line matching /$2/ in $(shown "$1"))"; fi
}
# lacks FIXED-STRING DESCRIPTION FILE...: ok when no FILE contains the string.
lacks() {
  local needle=$1 what=$2 hit
  shift 2
  if hit=$(grep -HnF -- "$needle" "$@"); then
    hit=${hit%%$'\n'*}
    fail "$what (${hit#"$ROOT"/})"
  else
    ok "$what"
  fi
}

for file in "$SERVICE" "$TIMER" "$POLICY_EXAMPLE" "$CRONJOB" "$DOCKERFILE" "$TF_MODULE/main.tf" \
  "$TF_MODULE/variables.tf" "$TF_MODULE/outputs.tf" "$TF_MODULE/versions.tf" "$WORKFLOW" \
  "$DEPLOY/README.md" "$DEPLOY/nomad/s3prune.nomad.hcl" "$DEPLOY/sam/template.yaml" "$ROOT/action.yml" \
  "$DEPLOY/github/action-build.sh" "$DEPLOY/github/action-run.sh"; do
  if [[ ! -s "$file" ]]; then
    echo "FAIL: ${file#"$ROOT"/} is missing or empty"
    exit 1
  fi
done

# --- systemd ---------------------------------------------------------------------------------

if command -v systemd-analyze >/dev/null 2>&1; then
  cp -- "$SERVICE" "$TIMER" "$TMP/"
  # systemd-analyze verify checks that ExecStart's executable exists: point it at the binary.
  awk -v bin="$BIN" '
    /^ExecStart=\/usr\/local\/bin\/s3prune( |$)/ { sub(/^ExecStart=\/usr\/local\/bin\/s3prune/, ""); $0 = "ExecStart=" bin $0 }
    { print }' "$SERVICE" >"$TMP/s3prune.service"
  if ! grep -qF "ExecStart=$BIN " "$TMP/s3prune.service"; then
    fail "systemd: s3prune.service has no 'ExecStart=/usr/local/bin/s3prune ...' line to verify"
  else
    rc=0
    SYSTEMD_LOG_COLOR=0 systemd-analyze verify --man=no "$TMP/s3prune.service" "$TMP/s3prune.timer" \
      >"$TMP/verify.out" 2>&1 || rc=$?
    ours=$(grep -E 's3prune\.(service|timer)' "$TMP/verify.out" || true)
    others=$(grep -vE 's3prune\.(service|timer)' "$TMP/verify.out" || true)
    if [[ -n "$ours" ]]; then
      fail "systemd-analyze verify reports problems in our units (exit $rc):"
      printf '      %s\n' "$ours"
    elif ((rc != 0)); then
      # Exit status without a line about our units: a unit of this machine is at fault.
      ok "systemd-analyze verify: nothing about s3prune.service/.timer (exit $rc from other units, ignored)"
    else
      ok "systemd-analyze verify s3prune.service s3prune.timer: no warnings"
    fi
    if [[ -n "$others" ]]; then
      printf 'note: systemd-analyze, about other units: %s\n' "$others"
    fi
    # The hardening, scored by systemd itself (0 best, 10 worst); offline: the unit file alone.
    exposure=$(systemd-analyze security --offline=true --no-pager "$TMP/s3prune.service" 2>/dev/null |
      sed -n 's/.*Overall exposure level for s3prune\.service: \([0-9.]*\).*/\1/p' || true)
    if [[ -z "$exposure" ]]; then
      skip "systemd-analyze security --offline not supported here"
    elif awk -v e="$exposure" 'BEGIN { exit !(e <= 2.0) }'; then
      ok "systemd-analyze security: exposure $exposure (at most 2.0)"
    else
      fail "systemd-analyze security: exposure $exposure, want at most 2.0"
    fi
  fi
else
  skip "systemd-analyze not installed"
fi

has "$SERVICE" '^Type=oneshot$' "systemd: the service is Type=oneshot"
has "$SERVICE" '^ExecStart=/usr/local/bin/s3prune apply --config /etc/s3prune/prune.yaml --yes --log-format json$' \
  "systemd: ExecStart runs apply --config /etc/s3prune/prune.yaml --yes --log-format json"
has "$SERVICE" '^DynamicUser=yes$' "systemd: DynamicUser=yes"
has "$SERVICE" '^ProtectSystem=strict$' "systemd: ProtectSystem=strict"
has "$SERVICE" '^NoNewPrivileges=yes$' "systemd: NoNewPrivileges=yes"
has "$SERVICE" '^CapabilityBoundingSet=$' "systemd: CapabilityBoundingSet= (empty)"
has "$SERVICE" '^RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX$' "systemd: RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX"
has "$SERVICE" '^EnvironmentFile=-/etc/s3prune/env$' "systemd: optional EnvironmentFile=-/etc/s3prune/env"
has "$TIMER" '^Persistent=true$' "systemd: timer Persistent=true"
has "$TIMER" '^RandomizedDelaySec=[0-9]+[a-z]*$' "systemd: timer RandomizedDelaySec"
has "$TIMER" '^OnCalendar=' "systemd: timer OnCalendar"
has "$TIMER" '^Unit=s3prune\.service$' "systemd: timer Unit=s3prune.service"
has "$TIMER" '^WantedBy=timers\.target$' "systemd: timer WantedBy=timers.target"
has "$POLICY_EXAMPLE" '^targets:' "systemd: prune.yaml.example has targets:"

# --- Kubernetes ------------------------------------------------------------------------------

if grep -q $'\t' "$CRONJOB"; then
  fail "kubernetes: cronjob.yaml contains a tab (YAML indentation must be spaces)"
else
  ok "kubernetes: no tabs in cronjob.yaml"
fi
# Kinds, one per document (documents separated by ---).
kinds=$(awk '/^---[[:space:]]*$/ { doc++ } /^kind:[[:space:]]/ { print doc ":" $2 }' "$CRONJOB")
for kind in ServiceAccount ConfigMap CronJob; do
  count=$(printf '%s\n' "$kinds" | grep -c ":$kind\$" || true)
  if ((count == 1)); then ok "kubernetes: one $kind"; else fail "kubernetes: $count documents of kind $kind (want 1)"; fi
done
docs=$(printf '%s\n' "$kinds" | cut -d: -f1 | sort -u | wc -l)
kind_lines=$(printf '%s\n' "$kinds" | grep -c . || true)
if ((docs == kind_lines)); then ok "kubernetes: one kind per YAML document"; else fail "kubernetes: some document has two kinds (missing ---?)"; fi
has "$CRONJOB" '^apiVersion: batch/v1$' "kubernetes: CronJob is batch/v1"
has "$CRONJOB" '^  concurrencyPolicy: Forbid$' "kubernetes: concurrencyPolicy: Forbid"
has "$CRONJOB" '^  startingDeadlineSeconds: [0-9]+$' "kubernetes: startingDeadlineSeconds"
has "$CRONJOB" '^      backoffLimit: [0-2]$' "kubernetes: backoffLimit 0 to 2"
has "$CRONJOB" '^ +restartPolicy: Never$' "kubernetes: restartPolicy: Never"
has "$CRONJOB" '^    eks\.amazonaws\.com/role-arn: arn:aws:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/-]+$' \
  "kubernetes: ServiceAccount has the IRSA role-arn annotation"
has "$CRONJOB" '^ +serviceAccountName: s3prune$' "kubernetes: the pod runs as ServiceAccount s3prune"
has "$CRONJOB" '^ +runAsNonRoot: true$' "kubernetes: runAsNonRoot: true"
has "$CRONJOB" '^ +readOnlyRootFilesystem: true$' "kubernetes: readOnlyRootFilesystem: true"
has "$CRONJOB" '^ +allowPrivilegeEscalation: false$' "kubernetes: allowPrivilegeEscalation: false"
has "$CRONJOB" '^ +drop: \["ALL"\]$|^ +- ALL$' "kubernetes: capabilities drop ALL"
has "$CRONJOB" '^ +limits:$' "kubernetes: resource limits"
has "$CRONJOB" '^ +requests:$' "kubernetes: resource requests"
has "$CRONJOB" '^ +mountPath: /etc/s3prune$' "kubernetes: policy mounted at /etc/s3prune"
# The container's args, in order.
args=$(awk '/^ +args:$/ { on = 1; next } on && /^ +- / { sub(/^ +- /, ""); printf "%s ", $0; next } on { exit }' "$CRONJOB")
if [[ "$args" == "apply --config /etc/s3prune/prune.yaml --yes --log-format json " ]]; then
  ok "kubernetes: args are apply --config /etc/s3prune/prune.yaml --yes --log-format json"
else
  fail "kubernetes: args are '$args'"
fi
# The /etc/s3prune volume mount is read-only.
mount_ro=$(awk '/mountPath: \/etc\/s3prune$/ { on = 1; next } on && /^ +- / { exit } on && /readOnly: true/ { print "yes"; exit }' "$CRONJOB")
if [[ "$mount_ro" == yes ]]; then ok "kubernetes: /etc/s3prune mounted readOnly"; else fail "kubernetes: /etc/s3prune mount is not readOnly: true"; fi
# The ConfigMap's prune.yaml (a literal block) holds a policy with targets:.
policy=$(awk '
  /^---/ { in_cm = 0 }
  /^kind: ConfigMap$/ { in_cm = 1 }
  in_cm && /^  prune\.yaml: \|/ { block = 1; next }
  block && /^    / { print; next }
  block && /^ ?[^ ]|^  [^ ]/ { block = 0 }' "$CRONJOB")
if grep -q '^    targets:$' <<<"$policy"; then
  ok "kubernetes: ConfigMap prune.yaml has targets:"
else
  fail "kubernetes: ConfigMap has no prune.yaml block with a top-level targets:"
fi
if grep -Eq '^      - target: s3://' <<<"$policy"; then
  ok "kubernetes: ConfigMap prune.yaml names an s3:// target"
else
  fail "kubernetes: ConfigMap prune.yaml has no '- target: s3://...'"
fi

# --- Docker ----------------------------------------------------------------------------------

from_count=$(grep -Ec '^FROM debian:12([[:space:]]|$)' "$DOCKERFILE" || true)
other_from=$(grep -E '^FROM ' "$DOCKERFILE" | grep -Evc '^FROM debian:12([[:space:]]|$)' || true)
if ((from_count == 2 && other_from == 0)); then
  ok "docker: two stages, both FROM debian:12"
else
  fail "docker: $from_count 'FROM debian:12' stages and $other_from other FROM lines (want 2 and 0)"
fi
user=$(awk '/^USER[[:space:]]/ { u = $2 } END { print u }' "$DOCKERFILE")
uid=${user%%:*}
if [[ "$uid" =~ ^[0-9]+$ ]] && ((uid != 0)); then
  ok "docker: USER $user (numeric, not root)"
else
  fail "docker: the last USER is '${user:-none}' (want a numeric non-zero uid)"
fi
has "$DOCKERFILE" '^ENTRYPOINT \["s3prune"\]$' 'docker: ENTRYPOINT ["s3prune"]'
has "$DOCKERFILE" '^COPY --from=[a-z]+ [^ ]*/s3prune /usr/local/bin/s3prune$' "docker: binary copied to /usr/local/bin/s3prune"
has "$DOCKERFILE" '-DBUILD_TESTING=OFF' "docker: builds with -DBUILD_TESTING=OFF"
# Split the stages; package names are matched as whole words of the install lines.
awk '/^FROM / { n++ } n == 1' "$DOCKERFILE" >"$TMP/stage1"
awk '/^FROM / { n++ } n == 2' "$DOCKERFILE" >"$TMP/stage2"
in_stage() { grep -Eq "(^|[[:space:]])$(printf '%s' "$2" | sed 's/[.+]/\\&/g')([[:space:]]|\\\\|$)" "$1"; }
missing=()
for pkg in "${BUILD_PACKAGES[@]}"; do in_stage "$TMP/stage1" "$pkg" || missing+=("$pkg"); done
if ((${#missing[@]} == 0)); then ok "docker: build stage installs ${BUILD_PACKAGES[*]}"; else fail "docker: build stage lacks ${missing[*]}"; fi
missing=()
for pkg in "${RUNTIME_PACKAGES[@]}"; do in_stage "$TMP/stage2" "$pkg" || missing+=("$pkg"); done
if ((${#missing[@]} == 0)); then ok "docker: runtime stage installs ${RUNTIME_PACKAGES[*]}"; else fail "docker: runtime stage lacks ${missing[*]}"; fi
extra=$(grep -Eo '[a-z0-9.+-]+-dev([[:space:]]|$)' "$TMP/stage2" || true)
if [[ -z "$extra" ]]; then ok "docker: no -dev package in the runtime stage"; else fail "docker: runtime stage installs $extra"; fi
# The packages of the libraries the given binary links against (NEEDED) are all in the image.
if command -v readelf >/dev/null 2>&1 && command -v dpkg >/dev/null 2>&1; then
  needed_pkgs=()
  unknown=()
  ldconfig -p >"$TMP/ldconfig" 2>/dev/null || true
  while read -r soname; do
    path=$(awk -v so="$soname" '$1 == so && /x86-64/ && !found { print $NF; found = 1 }' "$TMP/ldconfig")
    pkg=""
    if [[ -n "$path" ]]; then
      # dpkg knows a library under the path its package ships, /lib or /usr/lib (merged /usr).
      real=$(readlink -f -- "$path")
      for candidate in "$path" "$real" "${real#/usr}" "/usr${path}"; do
        pkg=$(dpkg -S "$candidate" 2>/dev/null | awk -F: 'NR == 1 { print $1 }' || true)
        [[ -n "$pkg" ]] && break
      done
    fi
    if [[ -n "$pkg" ]]; then needed_pkgs+=("$pkg"); else unknown+=("$soname"); fi
  done < <(readelf -d "$BIN" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
  missing=()
  for pkg in $(printf '%s\n' "${needed_pkgs[@]}" | sort -u); do
    [[ " ${BASE_IMAGE_PACKAGES[*]} " == *" $pkg "* ]] && continue
    in_stage "$TMP/stage2" "$pkg" || missing+=("$pkg")
  done
  if ((${#unknown[@]} > 0)); then
    fail "docker: no Debian package found for the binary's libraries ${unknown[*]}"
  elif ((${#missing[@]} == 0)); then
    ok "docker: runtime stage covers every library the binary links ($(printf '%s\n' "${needed_pkgs[@]}" | sort -u | tr '\n' ' ' | sed 's/ $//'))"
  else
    fail "docker: the binary links libraries of ${missing[*]}, not installed in the runtime stage"
  fi
else
  skip "docker: readelf or dpkg not installed, the binary's libraries not compared with the image"
fi

# --- Terraform -------------------------------------------------------------------------------

if command -v terraform >/dev/null 2>&1; then
  rc=0
  # No CLI configuration is needed for fmt; /dev/null spares a warning about ~/.terraformrc.
  TF_CLI_CONFIG_FILE=/dev/null terraform fmt -check -recursive -diff "$TF_DIR" >"$TMP/fmt.out" 2>&1 || rc=$?
  if ((rc == 0)); then
    ok "terraform fmt -check -recursive deploy/terraform"
  else
    fail "terraform fmt -check -recursive deploy/terraform (exit $rc); run terraform fmt -recursive deploy/terraform:"
    sed 's/^/      /' "$TMP/fmt.out"
  fi
else
  skip "terraform not installed: terraform fmt not run"
fi
cat "$TF_MODULE"/*.tf >"$TMP/all.tf"
has "$TMP/all.tf" '^resource "aws_lambda_function" ' "terraform: aws_lambda_function"
has "$TMP/all.tf" '^ +runtime += "provided\.al2023"$' 'terraform: runtime = "provided.al2023"'
has "$TMP/all.tf" '^ +handler += "bootstrap"$' 'terraform: handler = "bootstrap"'
has "$TMP/all.tf" '^ +architectures += \["x86_64"\]$' 'terraform: architectures = ["x86_64"]'
has "$TMP/all.tf" '^ +timeout += 900$' "terraform: timeout = 900"
has "$TMP/all.tf" '^ +source_code_hash += filebase64sha256\(' "terraform: source_code_hash"
has "$TMP/all.tf" '^ +memory_size += var\.memory_size$' "terraform: memory_size from a variable"
has "$TMP/all.tf" 's3prune-lambda\.zip' "terraform: package defaults to the s3prune-lambda.zip of scripts/package-lambda"
has "$TMP/all.tf" '"lambda\.amazonaws\.com"' "terraform: role assumable by lambda.amazonaws.com"
has "$TMP/all.tf" '^resource "aws_cloudwatch_log_group" ' "terraform: aws_cloudwatch_log_group"
has "$TMP/all.tf" '^ +retention_in_days += ' "terraform: log retention"
has "$TMP/all.tf" '^resource "aws_cloudwatch_event_rule" ' "terraform: aws_cloudwatch_event_rule"
has "$TMP/all.tf" '^ +schedule_expression += var\.schedule_expression$' "terraform: schedule_expression from a variable"
has "$TMP/all.tf" '^ +default += "rate\(1 day\)"$' 'terraform: schedule defaults to "rate(1 day)"'
has "$TMP/all.tf" '^resource "aws_cloudwatch_event_target" ' "terraform: aws_cloudwatch_event_target"
has "$TMP/all.tf" 'jsonencode\(' "terraform: the event input is jsonencode(...)"
has "$TMP/all.tf" '^ +mode += var\.mode$' "terraform: the event carries mode"
has "$TMP/all.tf" '^ +max_delete += var\.max_delete$' "terraform: the event carries max_delete"
has "$TMP/all.tf" '^resource "aws_lambda_permission" ' "terraform: aws_lambda_permission"
has "$TMP/all.tf" '"events\.amazonaws\.com"' "terraform: invoke permission for events.amazonaws.com"
lacks 's3:*' 'terraform: no "s3:*"' "$TF_MODULE"/*.tf
lacks '"*"' 'terraform: no "*" resource' "$TF_MODULE"/*.tf
for action in "${S3_BUCKET_ACTIONS[@]}" "${S3_OBJECT_ACTIONS[@]}" "${S3_POINTER_ACTIONS[@]}"; do
  has "$TMP/all.tf" "\"$action\"" "terraform: $action granted"
done
# Each statement's S3 actions go with the right resources: split main.tf at each sid.
awk '
  /^ +sid += / { n++ }
  n > 0 { print > (dir "/stmt." n) }
  /^}/ { n = 0 }' dir="$TMP" "$TF_MODULE/main.tf"
placement_ok=1
for stmt in "$TMP"/stmt.*; do
  [[ -e "$stmt" ]] || continue
  sid=$(sed -n 's/^ *sid *= *"\(.*\)".*/\1/p;T;q' "$stmt")
  resources=$(sed -n 's/^ *resources *= *//p;T;q' "$stmt")
  actions=$(grep -Eo '"s3:[A-Za-z*]+"' "$stmt" | tr -d '"' | tr '\n' ' ' || true)
  [[ -n "$actions" ]] || continue
  for action in $actions; do
    want=""
    [[ " ${S3_BUCKET_ACTIONS[*]} " == *" $action "* ]] && want='[local.bucket_arn]'
    [[ " ${S3_OBJECT_ACTIONS[*]} " == *" $action "* ]] && want='[local.deployment_objects_arn]'
    [[ " ${S3_POINTER_ACTIONS[*]} " == *" $action "* ]] && want='local.pointer_object_arns'
    if [[ -z "$want" ]]; then
      fail "terraform: statement $sid grants $action, which s3prune does not need"
      placement_ok=0
    elif [[ "$resources" != "$want" ]]; then
      fail "terraform: statement $sid grants $action on $resources (want $want)"
      placement_ok=0
    fi
  done
done
if ((placement_ok)); then ok "terraform: bucket actions on the bucket ARN, deletes on bucket/prefix*, GetObject on the pointers only"; fi
has "$TF_MODULE/main.tf" '^ +deployment_objects_arn += "arn:\$\{local\.partition\}:s3:::\$\{var\.bucket\}/\$\{var\.prefix\}\*"$' \
  'terraform: delete resource is arn:...:s3:::BUCKET/PREFIX*'
has "$TF_MODULE/main.tf" '^ +resources += \["\$\{aws_cloudwatch_log_group\.this\.arn\}:\*"\]$' \
  "terraform: log writes only to the function's log group"
has "$TF_MODULE/versions.tf" 'source += "hashicorp/aws"' "terraform: versions.tf requires hashicorp/aws"

# --- GitHub Actions --------------------------------------------------------------------------

if grep -q $'\t' "$WORKFLOW"; then fail "github: prune.yml contains a tab"; else ok "github: no tabs in prune.yml"; fi
has "$WORKFLOW" '^  id-token: write' "github: permissions id-token: write"
has "$WORKFLOW" '^  contents: read$' "github: permissions contents: read"
has "$WORKFLOW" 'uses: aws-actions/configure-aws-credentials@' "github: aws-actions/configure-aws-credentials"
has "$WORKFLOW" '^ +role-to-assume: ' "github: role-to-assume (OIDC)"
has "$WORKFLOW" '^  pull_request:' "github: runs on pull_request"
has "$WORKFLOW" '^  schedule:' "github: runs on schedule"
has "$WORKFLOW" '^    - cron: ' "github: schedule has a cron"
has "$WORKFLOW" '^  workflow_dispatch:' "github: runs on workflow_dispatch"
has "$WORKFLOW" '^concurrency:' "github: concurrency group"
# The workflow runs s3prune through the action (action.yml); check_recipes.sh checks both.
has "$DEPLOY/github/action-build.sh" '-DBUILD_TESTING=OFF' "github: the action builds s3prune with -DBUILD_TESTING=OFF"
has "$DEPLOY/github/action-run.sh" '^args\+=\(--output markdown\)$' "github: the action runs s3prune with --output markdown"
# shellcheck disable=SC2016  # a literal $GITHUB_STEP_SUMMARY
has "$DEPLOY/github/action-run.sh" '>>"\$GITHUB_STEP_SUMMARY"$' "github: the action appends the report to the job summary"

# --- The binary ------------------------------------------------------------------------------

plan_help=$("$BIN" plan --help 2>&1 || true)
if grep -q -- '--config' <<<"$plan_help"; then
  # Running a plan would contact S3 (and the credential chain, IMDS): not done here. Offline,
  # every key of the policy files must name an option of plan or apply (keep_last: --keep-last).
  ok "binary: $("$BIN" --version 2>/dev/null || echo s3prune) supports plan --config"
  apply_help=$("$BIN" apply --help 2>&1 || true)
  printf '%s\n' "$policy" >"$TMP/configmap-prune.yaml"
  for file in "$POLICY_EXAMPLE" "$TMP/configmap-prune.yaml"; do
    name="the ConfigMap's prune.yaml"
    if [[ "$file" == "$POLICY_EXAMPLE" ]]; then name=$(shown "$file"); fi
    unknown=()
    while read -r key; do
      case "$key" in defaults | targets | target) continue ;; esac
      grep -Eq -- "--${key//_/-}([ ,]|$)" <<<"$plan_help"$'\n'"$apply_help" || unknown+=("$key")
    done < <(sed -n 's/^[[:space:]]*\(- \)\{0,1\}\([a-z_][a-z0-9_]*\):.*/\2/p' "$file" | sort -u)
    if ((${#unknown[@]} == 0)); then
      ok "binary: every key of $name is an option of s3prune plan/apply"
    else
      fail "binary: $name has keys that are no option of s3prune plan/apply: ${unknown[*]}"
    fi
  done
else
  skip "binary: $("$BIN" --version 2>/dev/null || echo s3prune) has no --config yet (policy files not checked against it)"
fi

# --- Nomad, SAM, the GitHub Action ------------------------------------------------------------

rc=0
bash "$ROOT/tests/deploy/check_recipes.sh" "$BIN" || rc=$?
((rc == 0)) || failures=$((failures + 1))

if ((failures > 0)); then
  echo "check_deploy: $failures check(s) failed" >&2
  exit 1
fi
echo "check_deploy: all checks passed"
