"""Schemathesis against the served OpenAPI document, as one demo role per run.

    fuzz.py role NAME --url URL --work DIR [--examples N] [--seconds T] [--min-requests N]
    fuzz.py summary --work DIR [--min-requests N]

`role` signs in (before any fuzzing, so no generated sign-in can lock the account out),
gives schemathesis the ids of every demo migration and of their Schedule As, extract
requests, notices and action items (so generated requests reach real records as well as
unknown ones), runs it under `timeout`, reads what it sent from its NDJSON event stream
(written as it goes, so a run stopped at the time bound still counts) and writes
DIR/NAME.json. `summary` prints the table and the final line and sets the exit code.

A role fails on: any 5xx, any failed check (not_a_server_error, status_code_conformance,
content_type_conformance, response_schema_conformance), any schemathesis error, fewer
requests than --min-requests, or the server not answering /healthz at the end.
"""

import argparse
import collections
import json
import os
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lib  # noqa: E402

SCHEMATHESIS_VERSION = "4.32.5"
CHECKS = "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance"
# DELETE /api/v1/auth/token revokes the token the run authenticates with: the rest of
# the run would only see 401s. It is checked once, by hand, at the end of each role.
EXCLUDED_OPERATION = "revokeToken"


def toml_list(values):
    return "[" + ", ".join(json.dumps(v) for v in values) + "]"


def collect_ids(url):
    """Every migration id and item id in the region, read as the national administrator."""
    admin = lib.Api.sign_in(url, lib.ROLES["national"])
    migrations, items = [], []
    for summary in admin.all_items("/api/v1/migrations"):
        migrations.append(summary["id"])
        detail = admin.get_json(f"/api/v1/migrations/{summary['id']}")
        for key in ("scheduleAs", "extractRequests", "notices", "actionItems"):
            items.extend(entry["id"] for entry in detail.get(key) or [])
    return migrations, items


def write_config(path, migrations, items):
    with open(path, "w") as out:
        out.write("# Written by scripts/checks/fuzz.py for one run.\n")
        out.write(f"[dictionaries.migrations]\nvalues = {toml_list(migrations)}\n\n")
        out.write(f"[dictionaries.items]\nvalues = {toml_list(items)}\n\n")
        # Most generated ids are real ones; the rest stay random (unknown ids, 404).
        out.write("[parameters]\n")
        out.write('"path.migrationID" = { dictionary = "migrations", probability = 0.8 }\n')
        out.write('"path.itemID" = { dictionary = "items", probability = 0.8 }\n')


def read_events(path):
    """Counts from schemathesis's NDJSON event stream; a last line cut short is ignored."""
    result = {
        "requests": 0, "statuses": collections.Counter(), "server_errors": [], "no_response": 0,
        "failures": {}, "errors": [], "transitions": None, "stop_reason": None, "phases": {},
    }
    if not os.path.exists(path):
        return result
    with open(path, encoding="utf-8", errors="replace") as stream:
        for line in stream:
            try:
                event = json.loads(line)
            except ValueError:
                continue
            kind, body = next(iter(event.items()))
            if kind == "LoadingFinished":
                result["transitions"] = (body.get("statistic") or {}).get("transitions", {}).get("total")
            elif kind == "PhaseFinished":
                result["phases"][body["phase"]["name"]] = body.get("status")
            elif kind == "PhaseStarted" and body["phase"]["name"] == "stateful":
                payload = body.get("payload") or {}
                result["inferred_transitions"] = payload.get("inferred_transitions")
            elif kind == "EngineFinished":
                result["stop_reason"] = body.get("stop_reason")
            elif kind in ("NonFatalError", "FatalError"):
                info = body.get("info") or body.get("value") or body
                result["errors"].append(f"{kind}: {json.dumps(info)[:300]}")
            elif kind == "ScenarioFinished":
                recorder = body.get("recorder") or {}
                label = recorder.get("label", "?")
                for case_id, interaction in (recorder.get("interactions") or {}).items():
                    result["requests"] += 1
                    response = interaction.get("response")
                    if not response:
                        result["no_response"] += 1
                        continue
                    status = response.get("status_code")
                    result["statuses"][status] += 1
                    if isinstance(status, int) and status >= 500:
                        request = interaction.get("request") or {}
                        result["server_errors"].append(f"{status} {request.get('method')} {request.get('uri')}")
                for case_id, checks in (recorder.get("checks") or {}).items():
                    for check in checks:
                        if check.get("status") != "failure":
                            continue
                        failure = (check.get("failure_info") or {}).get("failure") or {}
                        message = (failure.get("message") or "").split("\n")
                        key = f"{failure.get('operation') or label}: {check.get('name')}: {failure.get('title', '')}: {' / '.join(message[:2])}"
                        result["failures"][key] = result["failures"].get(key, 0) + 1
    return result


def failed_cases(path):
    """How many test cases had at least one failed check."""
    count = 0
    if not os.path.exists(path):
        return 0
    with open(path, encoding="utf-8", errors="replace") as stream:
        for line in stream:
            try:
                kind, body = next(iter(json.loads(line).items()))
            except ValueError:
                continue
            if kind != "ScenarioFinished":
                continue
            for checks in ((body.get("recorder") or {}).get("checks") or {}).values():
                if any(c.get("status") == "failure" for c in checks):
                    count += 1
    return count


def run_role(args):
    role = args.name
    email = lib.ROLES[role]
    os.makedirs(args.work, exist_ok=True)
    run_dir = os.path.join(args.work, role)
    shutil.rmtree(run_dir, ignore_errors=True)
    os.makedirs(run_dir)
    token = lib.issue_token(args.url, email)  # before anything can lock the account out
    migrations, items = collect_ids(args.url)
    config = os.path.join(run_dir, "schemathesis.toml")
    write_config(config, migrations, items)
    events = os.path.join(run_dir, "events.ndjson")
    command = [
        "timeout", "--signal=INT", "--kill-after=15", str(args.seconds),
        "schemathesis", "--config-file", config, "run", f"{args.url}/api/openapi.json",
        "--header", f"Authorization: Bearer {token}",
        "--exclude-operation-id", EXCLUDED_OPERATION,
        "--checks", CHECKS,
        "--phases", "examples,coverage,fuzzing,stateful",
        "--max-examples", str(args.examples),
        "--seed", str(args.seed),
        "--request-timeout", "10",
        "--generation-database", "none",
        "--no-color",
        "--report", "ndjson", "--report-ndjson-path", events,
    ]
    started = time.monotonic()
    with open(os.path.join(run_dir, "schemathesis.log"), "w") as log:
        code = subprocess.call(command, cwd=run_dir, stdout=log, stderr=subprocess.STDOUT, env=dict(os.environ, NO_COLOR="1"))
    elapsed = time.monotonic() - started
    counts = read_events(events)
    result = {
        "role": role, "email": email, "seconds": round(elapsed, 1), "exit_code": code,
        "stopped_at_time_bound": code in (124, 137),
        "requests": counts["requests"], "statuses": {str(k): v for k, v in sorted(counts["statuses"].items(), key=lambda kv: str(kv[0]))},
        "server_errors": counts["server_errors"], "no_response": counts["no_response"],
        "failures": counts["failures"], "failed_cases": failed_cases(events), "errors": counts["errors"],
        "transitions": counts["transitions"], "inferred_transitions": counts.get("inferred_transitions"),
        "phases": counts["phases"], "stop_reason": counts["stop_reason"], "seed": args.seed,
    }
    # The excluded operation, once: revoking this run's token answers 204, then the token is refused.
    result["alive"] = lib.alive(args.url)
    revoke = []
    if result["alive"]:
        api = lib.Api(args.url, token)
        first = api.request("DELETE", "/api/v1/auth/token", lib.ANY)
        after = api.get("/api/v1/migrations", lib.ANY)
        revoke = [first.status_code, after.status_code]
        result["alive"] = lib.alive(args.url)
    result["revoke"] = revoke
    with open(os.path.join(args.work, f"{role}.json"), "w") as out:
        json.dump(result, out, indent=1)
    print(f"{role}: {result['requests']} requests in {result['seconds']} s, "
          f"{len(result['server_errors'])} 5xx, {len(result['failures'])} distinct failures"
          f"{' (stopped at the time bound)' if result['stopped_at_time_bound'] else ''}", flush=True)
    return 0


def summary(args):
    tally = lib.Tally("fuzz", quiet=True)
    results = []
    for role in args.roles.split():
        path = os.path.join(args.work, f"{role}.json")
        if os.path.exists(path):
            with open(path) as stream:
                results.append(json.load(stream))
        else:
            tally.fail(role, "no result (the run did not finish, or the server did not start)")
    print(f"{'role':14s} {'requests':>8s} {'5xx':>5s} {'failed cases':>12s} {'failures':>8s} {'errors':>6s} {'seconds':>7s}  end")
    for r in results:
        role = r["role"]
        counts = tally.groups.setdefault(role, {"passed": 0, "failed": 0})
        # Each request is one check: passed unless a check failed on it or it got no answer.
        counts["passed"] += max(0, r["requests"] - r["failed_cases"] - r["no_response"])
        counts["failed"] += r["failed_cases"] + r["no_response"]
        for key, n in r["failures"].items():
            tally.failures.append((role, f"{key} (x{n})"))
        for error in r["server_errors"][:10]:
            tally.failures.append((role, f"server error: {error}"))
        if r["no_response"]:
            tally.failures.append((role, f"{r['no_response']} requests got no answer"))
        for error in r["errors"]:
            tally.fail(role, error)
        tally.check(role, r["requests"] >= args.min_requests, f"only {r['requests']} requests sent (at least {args.min_requests} wanted)")
        tally.check(role, r["alive"], "the server did not answer /healthz at the end (crashed?)")
        tally.check(role, r["revoke"] == [204, 401], f"DELETE /api/v1/auth/token, then a request with that token: {r['revoke']} (expected [204, 401])")
        end = "stopped at the time bound" if r["stopped_at_time_bound"] else (r["stop_reason"] or "?")
        print(f"{role:14s} {r['requests']:8d} {len(r['server_errors']):5d} {r['failed_cases']:12d} {len(r['failures']):8d} "
              f"{len(r['errors']):6d} {r['seconds']:7.1f}  {end}")
        print(f"{'':14s} statuses {r['statuses']}")
    if results:
        first = results[0]
        print(f"stateful phase: {first['transitions']} links in the document, {first['inferred_transitions']} inferred "
              f"(phase status: {first['phases'].get('stateful')}); seed {first['seed']}")
    return tally.report(list_failures=True)


def main():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    role = sub.add_parser("role")
    role.add_argument("name", choices=list(lib.ROLES))
    role.add_argument("--url", required=True)
    role.add_argument("--work", required=True)
    role.add_argument("--examples", type=int, default=10)
    role.add_argument("--seconds", type=int, default=100)
    role.add_argument("--seed", type=int, default=int(os.environ.get("FUZZ_SEED", "20261126")))
    total = sub.add_parser("summary")
    total.add_argument("--work", required=True)
    total.add_argument("--min-requests", type=int, default=1000)
    total.add_argument("--roles", default=" ".join(lib.ROLES))
    args = parser.parse_args()
    if args.command == "role":
        try:
            return run_role(args)
        except (lib.UnexpectedStatus, AssertionError, lib.requests.RequestException) as error:
            print(f"{args.name}: could not run: {error}", flush=True)
            return 1
    return summary(args)


if __name__ == "__main__":
    sys.exit(main())
