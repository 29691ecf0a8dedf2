"""Offline checks of deploy/nomad/s3prune.nomad.hcl, one line per check: "ok: ..." or
"FAIL: ...". Exits 1 when a check failed.

  check_nomad.py JOB_JSON [POLICY_OUT]

JOB_JSON is the job file as JSON (hcl2json.js: HashiCorp's HCL parser, so a syntax error has
already failed). The checks are the fields that keep a prune safe: a periodic batch job that
never overlaps, no retries of a refusal, the policy file (with max_delete) where the arguments
read it, credentials from a workload identity or Vault and never a key, a non-root read-only
container, and memory limits. POLICY_OUT receives the policy file of the template block, so
check_deploy.sh can compare its keys with the binary's options.
"""
import json
import re
import sys

import yaml

failures = 0


def check(condition, message, why=""):
    global failures
    if condition:
        print(f"ok: nomad: {message}")
    else:
        failures += 1
        print(f"FAIL: nomad: {message}{f' ({why})' if why else ''}")
    return condition


def only(blocks, what):
    """The single block of a list of HCL blocks (hcl2json gives every block as a list)."""
    if not check(isinstance(blocks, list) and len(blocks) == 1, f"one {what} block",
                 f"found {len(blocks) if isinstance(blocks, list) else 0}"):
        raise SystemExit(1)
    return blocks[0]


def main():
    if len(sys.argv) not in (2, 3):
        print("usage: check_nomad.py JOB_JSON [POLICY_OUT]", file=sys.stderr)
        return 2
    spec = json.load(open(sys.argv[1]))
    jobs = spec.get("job", {})
    check(len(jobs) == 1, "one job", f"found {sorted(jobs)}")
    job = only(next(iter(jobs.values()), []), "job")
    check(job.get("type") == "batch", 'type = "batch"', f"got {job.get('type')!r}")

    periodic = only(job.get("periodic", []), "periodic")
    crons = periodic.get("crons") or ([periodic["cron"]] if "cron" in periodic else [])
    check(bool(crons) and all(len(str(c).split()) == 5 for c in crons),
          f"periodic has a 5-field cron spec ({crons})", f"got {crons}")
    check(periodic.get("prohibit_overlap") is True, "periodic prohibit_overlap = true (runs never overlap)")
    check(bool(periodic.get("time_zone")), f"periodic time_zone ({periodic.get('time_zone')})")

    groups = job.get("group", {})
    check(len(groups) == 1, "one group", f"found {sorted(groups)}")
    group = only(next(iter(groups.values()), []), "group")
    restart = only(group.get("restart", []), "restart")
    check(restart.get("attempts") == 0 and restart.get("mode") == "fail",
          'restart attempts = 0, mode = "fail" (a refusal is not retried)', f"got {restart}")
    reschedule = only(group.get("reschedule", []), "reschedule")
    check(reschedule.get("attempts") == 0 and reschedule.get("unlimited") is False,
          "reschedule attempts = 0, unlimited = false", f"got {reschedule}")

    tasks = group.get("task", {})
    check(len(tasks) == 1, "one task", f"found {sorted(tasks)}")
    task = only(next(iter(tasks.values()), []), "task")
    check(task.get("driver") == "docker", 'driver = "docker"', f"got {task.get('driver')!r}")
    config = only(task.get("config", []), "config")
    check(bool(re.fullmatch(r"[a-z0-9./-]+/s3prune:[A-Za-z0-9._-]+", str(config.get("image", "")))),
          f"the image is s3prune's, with a tag ({config.get('image')})")
    check(config.get("readonly_rootfs") is True, "readonly_rootfs = true")
    check(str(task.get("user", "root")) not in ("root", "0", ""), f"runs as a non-root user ({task.get('user')})")

    args = config.get("args", [])
    config_path = args[args.index("--config") + 1] if "--config" in args[:-1] else None
    check(args[:1] == ["apply"] and config_path and "--yes" in args,
          f"args: apply --config FILE --yes ({' '.join(args)})")
    templates = [t for t in task.get("template", []) if config_path and "/" + t.get("destination", "") == config_path]
    policy = None
    if check(len(templates) == 1, f"a template block writes {config_path} (local/ is /local in the container)"):
        try:
            policy = yaml.safe_load(templates[0].get("data", ""))
        except yaml.YAMLError as error:
            check(False, "the policy template is YAML", str(error))
    if policy is not None:
        targets = policy.get("targets") or []
        defaults = policy.get("defaults") or {}
        check(bool(targets), f"the policy has targets ({len(targets)})")
        check(all("max_delete" in t or "max_delete" in defaults for t in targets),
              "every target has max_delete (its own or the defaults')")
        check(all({"keep_last", "keep_within"} & (set(t) | set(defaults)) for t in targets),
              "every target has keep_last or keep_within")
        check(all(str(t.get("target", "")).startswith("s3://") for t in targets), "every target is an s3:// URL")
        if len(sys.argv) == 3:
            with open(sys.argv[2], "w") as out:
                out.write(templates[0]["data"])

    env = {k: v for block in task.get("env", []) for k, v in block.items()}
    keys = sorted(k for k in env if k in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"))
    check(not keys, "no AWS key in env", f"sets {keys}")
    text = json.dumps(spec)
    check(not re.search(r"AKIA[0-9A-Z]{16}", text), "no access key id anywhere in the job")
    identities = {i.get("name", "default"): i for i in task.get("identity", [])}
    token_file = env.get("AWS_WEB_IDENTITY_TOKEN_FILE", "")
    named = re.fullmatch(r"/secrets/nomad_(.+)\.jwt", token_file)
    identity = identities.get(named.group(1)) if named else None
    uses_identity = bool(identity and identity.get("file") is True and "sts.amazonaws.com" in identity.get("aud", [])
                         and env.get("AWS_ROLE_ARN", "").startswith("arn:aws"))
    uses_vault = bool(task.get("vault") or group.get("vault")) and any(
        t.get("env") is True and "AWS_SECRET_ACCESS_KEY" in t.get("data", "") for t in task.get("template", []))
    check(uses_identity or uses_vault,
          "credentials from a workload identity (aud sts.amazonaws.com, file = true, AWS_ROLE_ARN, "
          "AWS_WEB_IDENTITY_TOKEN_FILE = /secrets/nomad_NAME.jwt) or a Vault template",
          f"identity blocks {sorted(identities)}, AWS_WEB_IDENTITY_TOKEN_FILE {token_file!r}")

    resources = only(task.get("resources", []), "resources")
    memory, memory_max = resources.get("memory"), resources.get("memory_max", resources.get("memory"))
    check(isinstance(memory, int) and 64 <= memory and isinstance(memory_max, int) and memory_max >= memory,
          f"resources memory = {memory} MB, memory_max = {memory_max} MB (at least the measured 36 MB peak)")
    check(isinstance(resources.get("cpu"), int), f"resources cpu = {resources.get('cpu')} MHz")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
