"""Offline checks of the composite GitHub Action (action.yml) and of the workflow that uses it
(deploy/github/prune.yml), beyond their schemas (action-validator checks those): one line per
check, "ok: ..." or "FAIL: ...". Exits 1 when a check failed.

  check_action.py ACTION_YML WORKFLOW_YML
"""
import os
import re
import sys

import yaml

failures = 0
REQUIRED_INPUTS = ("config", "target", "keep-last", "keep-within", "keep", "keep-from", "exclude",
                   "versions", "mode", "max-delete", "binary")


def check(condition, message, why=""):
    global failures
    if condition:
        print(f"ok: action: {message}")
    else:
        failures += 1
        print(f"FAIL: action: {message}{f' ({why})' if why else ''}")
    return condition


def main():
    if len(sys.argv) != 3:
        print("usage: check_action.py ACTION_YML WORKFLOW_YML", file=sys.stderr)
        return 2
    action_path, workflow_path = sys.argv[1], sys.argv[2]
    root = os.path.dirname(os.path.abspath(action_path))
    action = yaml.safe_load(open(action_path))
    runs = action.get("runs") or {}
    check(runs.get("using") == "composite", "runs.using: composite")
    inputs = action.get("inputs") or {}
    missing = [name for name in REQUIRED_INPUTS if name not in inputs]
    check(not missing, f"inputs {', '.join(REQUIRED_INPUTS)}", f"missing {missing}")
    check(str((inputs.get("mode") or {}).get("default")) == "plan", "mode defaults to plan (a dry run)")
    check("exit-code" in (action.get("outputs") or {}), "output exit-code")

    steps = runs.get("steps") or []
    used = set()
    for number, step in enumerate(steps, 1):
        label = step.get("name", f"step {number}")
        run = str(step.get("run", ""))
        check("${{" not in run, f"step {label}: no expression in run (inputs reach it through env)",
              f"run is {run!r}")
        script = re.fullmatch(r'"\$GITHUB_ACTION_PATH/(deploy/github/[a-z-]+\.sh)"', run.strip())
        if check(bool(script), f"step {label}: runs a script of deploy/github/", f"run is {run!r}"):
            path = os.path.join(root, script.group(1))
            check(os.path.isfile(path) and os.access(path, os.X_OK), f"step {label}: {script.group(1)} exists and is executable")
        for value in (step.get("env") or {}).values():
            used.update(re.findall(r"inputs\.([A-Za-z0-9_-]+)", str(value)))
    unused = sorted(set(inputs) - used)
    check(not unused, "every input reaches a step", f"unused {unused}")

    workflow = yaml.safe_load(open(workflow_path))
    uses = [step for job in (workflow.get("jobs") or {}).values() for step in job.get("steps", [])
            if re.fullmatch(r"[A-Za-z0-9_.-]+/s3prune@[A-Za-z0-9_.-]+", str(step.get("uses", "")))]
    modes = sorted(str((step.get("with") or {}).get("mode")) for step in uses)
    check(modes == ["apply", "plan"], "prune.yml uses OWNER/s3prune@REF for a plan and an apply", f"modes {modes}")
    applies = [step.get("with") or {} for step in uses if (step.get("with") or {}).get("mode") == "apply"]
    check(all(str(w.get("max-delete", "")).isdigit() for w in applies), "prune.yml's apply sets max-delete")
    check(all(w.get("config") or w.get("target") for w in (step.get("with") or {} for step in uses)),
          "prune.yml's s3prune steps name a config or a target")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
