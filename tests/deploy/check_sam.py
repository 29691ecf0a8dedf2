"""Offline checks of deploy/sam/template.yaml (AWS SAM), one line per check: "ok: ..." or
"FAIL: ...". Exits 1 when a check failed.

  check_sam.py TEMPLATE TERRAFORM_MAIN_JSON

TERRAFORM_MAIN_JSON is deploy/terraform/lambda/main.tf as JSON (hcl2json.js): the role of the
SAM template must grant, statement by statement (Sid), the actions of the Terraform module's,
so the two recipes cannot drift apart. The template is read with CloudFormation's short-form
tags (cfn_yaml), every !Ref, !GetAtt, ${} and !If must name something the template defines,
and the schedule's input is evaluated for sample parameters and checked as a Lambda event.
"""
import json
import os
import re
import sys

import cfn_yaml

PSEUDO = {"AWS::Partition": "aws", "AWS::Region": "us-east-1", "AWS::AccountId": "123456789012",
          "AWS::StackName": "s3prune", "AWS::StackId": "stack", "AWS::URLSuffix": "amazonaws.com",
          "AWS::NotificationARNs": [], "AWS::NoValue": None}
NO_VALUE = object()
# Sample parameters the template is evaluated with (every optional rule set, and none).
ALL_RULES = {"Bucket": "my-site", "Prefix": "web/", "KeepWithin": "30d",
             "PointerObject": "my-site/live/current.txt"}
NO_RULES = {"Bucket": "my-site"}

failures = 0


def ok(message):
    print(f"ok: sam: {message}")


def fail(message):
    global failures
    failures += 1
    print(f"FAIL: sam: {message}")


def check(condition, message, why=""):
    if condition:
        ok(message)
    else:
        fail(f"{message}{f' ({why})' if why else ''}")
    return condition


class Template:
    """The template, and its parameters, conditions and intrinsics evaluated for one set of
    parameter values (the defaults, overridden)."""

    def __init__(self, data, overrides):
        self.data = data
        self.resources = data.get("Resources") or {}
        self.params = {name: str(spec["Default"]) for name, spec in (data.get("Parameters") or {}).items()
                       if "Default" in spec}
        self.params.update(overrides)
        self.conditions = {}
        for name, expression in (data.get("Conditions") or {}).items():
            self.conditions[name] = bool(self.eval(expression))

    def ref(self, name):
        if name in self.params:
            return self.params[name]
        if name in PSEUDO:
            return NO_VALUE if name == "AWS::NoValue" else PSEUDO[name]
        if name in self.resources:
            return f"<{name}>"
        raise KeyError(name)

    def sub(self, text):
        def one(match):
            name = match.group(1)
            if name.startswith("!"):
                return "${" + name[1:] + "}"
            if "." in name and name.split(".", 1)[0] in self.resources:
                return f"<{name}>"
            return str(self.ref(name))
        return re.sub(r"\$\{([^}]+)\}", one, text)

    def eval(self, node):
        if isinstance(node, list):
            return [v for v in (self.eval(item) for item in node) if v is not NO_VALUE]
        if not isinstance(node, dict):
            return node
        if len(node) == 1:
            (key, arg), = node.items()
            if key == "Ref":
                return self.ref(arg)
            if key == "Fn::Sub":
                return self.sub(arg if isinstance(arg, str) else arg[0])
            if key == "Fn::GetAtt":
                return f"<{arg[0]}.{arg[1]}>"
            if key == "Fn::Join":
                return arg[0].join(str(v) for v in self.eval(arg[1]))
            if key == "Fn::If":
                return self.eval(arg[1] if self.conditions[arg[0]] else arg[2])
            if key == "Fn::Equals":
                left, right = self.eval(arg)
                return str(left) == str(right)
            if key == "Fn::Not":
                return not self.eval(arg[0])
            if key == "Condition":
                return self.conditions[arg]
        return {k: v for k, v in ((k, self.eval(v)) for k, v in node.items()) if v is not NO_VALUE}


def references(node, found):
    """Every name the template's intrinsics refer to: (kind, name)."""
    if isinstance(node, list):
        for item in node:
            references(item, found)
    elif isinstance(node, dict):
        for key, arg in node.items():
            if key == "Ref":
                found.append(("Ref", arg))
            elif key == "Fn::GetAtt":
                found.append(("GetAtt", arg[0]))
            elif key == "Fn::Sub":
                for name in re.findall(r"\$\{([^!}][^}]*)\}", arg if isinstance(arg, str) else arg[0]):
                    found.append(("GetAtt", name.split(".")[0]) if "." in name else ("Ref", name))
            elif key == "Fn::If":
                found.append(("Condition", arg[0]))
            elif key == "Condition" and isinstance(arg, str):
                found.append(("Condition", arg))
            references(arg, found)


def terraform_statements(main_json):
    """Sid -> set of actions of the Terraform module's prune policy (plain and dynamic)."""
    documents = main_json["data"]["aws_iam_policy_document"]["prune"]
    statements = {}
    for document in documents:
        bodies = list(document.get("statement", []))
        for dynamic in document.get("dynamic", {}).get("statement", []):
            bodies.extend(dynamic["content"])
        for body in bodies:
            statements[body["sid"]] = set(body["actions"])
    return statements


def role_statements(template, role_name):
    role = template.eval(template.resources[role_name]["Properties"])
    statements = {}
    for policy in role.get("Policies", []):
        for statement in policy["PolicyDocument"]["Statement"]:
            actions = statement["Action"]
            statements[statement["Sid"]] = (set([actions] if isinstance(actions, str) else actions),
                                            statement["Resource"], statement.get("Effect"))
    return role, statements


def main():
    if len(sys.argv) != 3:
        print("usage: check_sam.py TEMPLATE TERRAFORM_MAIN_JSON", file=sys.stderr)
        return 2
    path, tf_path = sys.argv[1], sys.argv[2]
    try:
        data = cfn_yaml.load(path)
    except Exception as error:  # a YAML error, or an unknown tag
        fail(f"{path} does not parse as CloudFormation YAML: {error}")
        return 1
    ok("the template parses with CloudFormation's short-form tags")
    check(data.get("Transform") == "AWS::Serverless-2016-10-31", "Transform: AWS::Serverless-2016-10-31")

    resources = data.get("Resources") or {}
    names = set(data.get("Parameters") or {}) | set(resources) | set(PSEUDO)
    found = []
    references(data, found)
    unknown = sorted({f"{kind} {name}" for kind, name in found
                      if (kind == "Ref" and name not in names)
                      or (kind == "GetAtt" and name not in resources)
                      or (kind == "Condition" and name not in (data.get("Conditions") or {}))})
    check(not unknown, f"every !Ref, !GetAtt, ${{}} and !If names something defined ({len(found)} references)",
          f"undefined: {', '.join(unknown)}")

    functions = [n for n, r in resources.items() if r.get("Type") == "AWS::Serverless::Function"]
    if not check(len(functions) == 1, "one AWS::Serverless::Function", f"found {len(functions)}"):
        return 1
    template = Template(data, NO_RULES)
    function = template.eval(resources[functions[0]]["Properties"])
    check(function.get("Runtime") == "provided.al2023", "Runtime: provided.al2023", f"got {function.get('Runtime')}")
    check(function.get("Handler") == "bootstrap", "Handler: bootstrap")
    check(function.get("Architectures") == ["x86_64"], "Architectures: [x86_64] (what scripts/package-lambda bundles)",
          f"got {function.get('Architectures')}")
    code = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(path)), str(function.get("CodeUri"))))
    root = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
    check(code == os.path.join(root, "build", "lambda", "s3prune-lambda.zip"),
          "CodeUri is build/lambda/s3prune-lambda.zip of scripts/package-lambda", f"it is {code}")
    timeout = function.get("Timeout")
    check(isinstance(timeout, int) and 60 <= timeout <= 900, "Timeout between 60 and Lambda's 900 s", f"got {timeout}")
    memory = function.get("MemorySize")
    check(str(memory).isdigit() and 128 <= int(memory) <= 10240, "MemorySize between 128 and 10240 MB", f"got {memory}")
    check(function.get("ReservedConcurrentExecutions") == 1, "ReservedConcurrentExecutions: 1 (runs never overlap)",
          f"got {function.get('ReservedConcurrentExecutions')}")
    retries = (function.get("EventInvokeConfig") or {}).get("MaximumRetryAttempts")
    check(retries == 0, "EventInvokeConfig MaximumRetryAttempts: 0 (a refusal is not retried)", f"got {retries}")

    # The log group: the function's, with a retention.
    log_groups = [n for n, r in resources.items() if r.get("Type") == "AWS::Logs::LogGroup"]
    if check(len(log_groups) == 1, "one AWS::Logs::LogGroup", f"found {len(log_groups)}"):
        group = template.eval(resources[log_groups[0]]["Properties"])
        check(group.get("LogGroupName") == f"/aws/lambda/{function.get('FunctionName')}",
              "the log group is /aws/lambda/<the function's name>", f"{group.get('LogGroupName')}")
        retention = group.get("RetentionInDays")
        check(str(retention).isdigit() and int(retention) > 0, "the log group has a RetentionInDays", f"got {retention}")

    # The schedule, and its input evaluated as the event the function gets.
    events = function.get("Events") or {}
    schedules = [e for e in events.values() if e.get("Type") == "Schedule"]
    check(len(schedules) == 1 and len(events) == 1, "one event, of Type Schedule", f"events: {events}")
    event_keys = set(json.load(open(tf_path))["locals"][0]["event_settings"]) if tf_path else set()
    for label, overrides in (("no optional rule", NO_RULES), ("every rule", ALL_RULES)):
        if not schedules:
            break
        scenario = Template(data, overrides)
        properties = scenario.eval(resources[functions[0]]["Properties"]["Events"])
        schedule = next(iter(properties.values()))["Properties"]
        try:
            event = json.loads(schedule.get("Input", ""))
        except (TypeError, json.JSONDecodeError) as error:
            fail(f"the schedule's Input ({label}) is not JSON: {error}: {schedule.get('Input')!r}")
            continue
        problems = []
        if event.get("mode") not in ("plan", "apply"):
            problems.append(f"mode {event.get('mode')!r}")
        if not str(event.get("target", "")).startswith(f"s3://{overrides['Bucket']}/"):
            problems.append(f"target {event.get('target')!r}")
        if not (isinstance(event.get("max_delete"), int) and event["max_delete"] >= 1):
            problems.append(f"max_delete {event.get('max_delete')!r}")
        if "keep_last" not in event and "keep_within" not in event:
            problems.append("neither keep_last nor keep_within")
        if set(event) - event_keys:
            problems.append(f"keys the Terraform module's event has not: {sorted(set(event) - event_keys)}")
        if label == "every rule" and not {"keep_within", "keep_from"} <= set(event):
            problems.append("keep_within/keep_from left out although set")
        check(not problems, f"the schedule's Input ({label}) is an event with mode, target, a rule and max_delete: {json.dumps(event)}",
              "; ".join(problems))

    # The role: the Terraform module's statements, actions and resources.
    role_ref = (resources[functions[0]]["Properties"].get("Role") or {}).get("Fn::GetAtt", [None])[0]
    if not check(role_ref in resources and resources[role_ref].get("Type") == "AWS::IAM::Role",
                 "the function's Role is the template's own AWS::IAM::Role (no SAM policy templates)"):
        return 1
    terraform = terraform_statements(json.load(open(tf_path)))
    role, statements = role_statements(Template(data, ALL_RULES), role_ref)
    trust = json.dumps(role.get("AssumeRolePolicyDocument"))
    check('"lambda.amazonaws.com"' in trust, "the role is assumable by lambda.amazonaws.com")
    check(set(statements) == set(terraform), "the role has the Terraform module's statements (Sid)",
          f"SAM {sorted(statements)}, Terraform {sorted(terraform)}")
    for sid in sorted(set(statements) & set(terraform)):
        actions = statements[sid][0]
        check(actions == terraform[sid], f"statement {sid}: the Terraform module's actions ({', '.join(sorted(actions))})",
              f"SAM only {sorted(actions - terraform[sid])}, Terraform only {sorted(terraform[sid] - actions)}")
    wildcards = sorted(a for actions, _, _ in statements.values() for a in actions if "*" in a)
    check(not wildcards, 'no wildcard action ("s3:*", "*")', ", ".join(wildcards))
    check(all(e == "Allow" for _, _, e in statements.values()), "every statement is Effect: Allow")
    want = {"ListTheBucket": "arn:aws:s3:::my-site", "LifecycleConfiguration": "arn:aws:s3:::my-site",
            "DeleteUnderThePrefix": "arn:aws:s3:::my-site/web/*",
            "ReadThePointers": "arn:aws:s3:::my-site/live/current.txt", "WriteTheLog": f"<{log_groups[0]}.Arn>"}
    wrong = [f"{sid} on {statements[sid][1]} (want {want.get(sid)})" for sid in statements if statements[sid][1] != want.get(sid)]
    check(not wrong, "bucket actions on the bucket, deletes on BUCKET/PREFIX*, GetObject on the pointer only, logs on the log group",
          "; ".join(wrong))
    _, without = role_statements(Template(data, NO_RULES), role_ref)
    check("ReadThePointers" not in without, "no PointerObject: no s3:GetObject at all")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
