"""Runs the steps of a composite GitHub Action (action.yml) here, as a runner would: each step's
`run` with its `shell` (bash only) and `env`, its `${{ }}` expressions evaluated, a fresh
GITHUB_OUTPUT file per step whose `name=value` lines become steps.ID.outputs, and
GITHUB_ACTION_PATH set to the folder of action.yml. It stops at the first step that fails.

  run_action.py ACTION_YML [INPUT=VALUE ...]

Expressions supported: inputs.NAME (the given value, else the input's default; an input the
action does not declare is an error, as GitHub warns), steps.ID.outputs.NAME and
github.action_path. Any other expression, `uses:` step or `if:` is an error: the test must run
exactly what the action runs. The environment (GITHUB_STEP_SUMMARY, AWS_*) is passed through.
Prints "output NAME=VALUE" for each of the action's outputs (also when a step failed); exits with
the failing step's code.
"""
import os
import re
import subprocess
import sys
import tempfile

import yaml


class Unsupported(Exception):
    pass


def evaluate(text, inputs, steps, action_path):
    def one(match):
        expression = match.group(1).strip()
        if m := re.fullmatch(r"inputs\.([A-Za-z0-9_-]+)", expression):
            if m.group(1) not in inputs:
                raise Unsupported(f"input {m.group(1)} is not declared in action.yml")
            return inputs[m.group(1)]
        if m := re.fullmatch(r"steps\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)", expression):
            return steps.get(m.group(1), {}).get(m.group(2), "")
        if expression == "github.action_path":
            return action_path
        raise Unsupported(f"expression not supported by this runner: {expression}")
    return re.sub(r"\$\{\{(.*?)\}\}", one, str(text))


def main():
    if len(sys.argv) < 2:
        print("usage: run_action.py ACTION_YML [INPUT=VALUE ...]", file=sys.stderr)
        return 2
    path = os.path.abspath(sys.argv[1])
    action = yaml.safe_load(open(path))
    action_path = os.path.dirname(path)
    declared = action.get("inputs") or {}
    inputs = {name: str(spec.get("default", "")) for name, spec in declared.items()}
    for pair in sys.argv[2:]:
        name, _, value = pair.partition("=")
        if name not in declared:
            print(f"run_action: the action has no input '{name}'", file=sys.stderr)
            return 2
        inputs[name] = value
    runs = action["runs"]
    if runs.get("using") != "composite":
        print("run_action: not a composite action", file=sys.stderr)
        return 2
    steps = {}
    code = 0
    for number, step in enumerate(runs["steps"], 1):
        label = step.get("name", step.get("id", f"step {number}"))
        extra = sorted(set(step) - {"name", "id", "shell", "env", "run"})
        if extra or step.get("shell") != "bash":
            raise Unsupported(f"step {label}: only `run` steps with shell: bash are run here (has {extra}, shell {step.get('shell')})")
        env = dict(os.environ, GITHUB_ACTION_PATH=action_path)
        for name, value in (step.get("env") or {}).items():
            env[name] = evaluate(value, inputs, steps, action_path)
        with tempfile.TemporaryDirectory() as scratch:
            output = os.path.join(scratch, "output")
            open(output, "w").close()
            script = os.path.join(scratch, "step.sh")
            with open(script, "w") as file:
                file.write(evaluate(step["run"], inputs, steps, action_path))
            env["GITHUB_OUTPUT"] = output
            print(f"run_action: step {number}: {label}", file=sys.stderr, flush=True)
            # GitHub's `shell: bash` is `bash --noprofile --norc -eo pipefail {0}`.
            code = subprocess.call(["bash", "--noprofile", "--norc", "-eo", "pipefail", script], env=env)
            values = {}
            for line in open(output):
                name, sep, value = line.rstrip("\n").partition("=")
                if sep:
                    values[name] = value
            if "id" in step:
                steps[step["id"]] = values
        if code != 0:
            print(f"run_action: step {label} failed with exit code {code}", file=sys.stderr)
            break
    # The action's outputs, also after a failed step (what that step wrote before failing).
    for name, spec in (action.get("outputs") or {}).items():
        print(f"output {name}={evaluate(spec.get('value', ''), inputs, steps, action_path)}")
    return code


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Unsupported as error:
        print(f"run_action: {error}", file=sys.stderr)
        sys.exit(2)
