"""Crash safety on SQLite: kill -9 the server in the middle of a write load, restart it on
the same data folder, and check the file is sound and every write it acknowledged is there.

Run through scripts/checks/crash. Settings (environment): CRASH_TRIALS (20), CRASH_PORT (8140).
The summary counts trials: one passes when the server restarts, every acknowledged write is
there and integrity_check says ok.
"""
import os
import random
import threading
import time
import uuid

import requests

from lib import (ROLES, Server, Tally, auth, etag_version, integrity, issue_token, migration, migrations, say,
                 stop_on_signals, temp_folder)

stop_on_signals()

TRIALS = int(os.environ.get("CRASH_TRIALS", "20"))
PORT = int(os.environ.get("CRASH_PORT", "8140"))
ITEM_THREADS = 2
PATCH_THREADS = 2
REQUESTS_PER_THREAD = 400      # per trial; the kill comes long before
THREAD_SECONDS = 8             # per trial; the kill comes at 0.3 to 2 s
TIME_LIMIT = 230               # seconds for the whole check
RUN = uuid.uuid4().hex[:8]     # keeps titles unique across runs


class Ledger:
    """What the load sent, and what the server acknowledged with a 2xx."""

    def __init__(self):
        self.lock = threading.Lock()
        self.items = []            # (migration id, title)
        self.blackouts = {}        # migration id -> reason of the last acknowledged PATCH
        self.in_flight = {}        # migration id -> reasons sent without an answer
        self.versions = {}         # migration id -> highest version acknowledged
        self.statuses = {}         # status code -> count (this trial)
        self.acknowledged = 0      # this trial
        self.failures = 0          # dropped connections this trial (the kill)

    def answer(self, mid, response):
        with self.lock:
            self.statuses[response.status_code] = self.statuses.get(response.status_code, 0) + 1
            if 200 <= response.status_code < 300:
                self.acknowledged += 1
                version = etag_version(response)
                if version is not None:
                    self.versions[mid] = max(self.versions.get(mid, 0), version)
                return True
        return False


def item_load(url, token, targets, ledger, trial, number, stop):
    session = requests.Session()
    deadline = time.monotonic() + THREAD_SECONDS
    for n in range(REQUESTS_PER_THREAD):
        if stop.is_set() or time.monotonic() > deadline:
            return
        mid = random.choice(targets)
        title = f"crash {RUN} trial {trial} thread {number} item {n}"
        try:
            r = session.post(f"{url}/api/v1/migrations/{mid}/action-items", headers=auth(token),
                             json={"title": title, "phase": "kick-off", "owner": "practice"}, timeout=30)
        except requests.RequestException:
            with ledger.lock:
                ledger.failures += 1
            return
        if ledger.answer(mid, r):
            with ledger.lock:
                ledger.items.append((mid, title))


def patch_load(url, token, own, ledger, trial, number, stop):
    session = requests.Session()
    deadline = time.monotonic() + THREAD_SECONDS
    versions = {}
    for n in range(REQUESTS_PER_THREAD):
        if stop.is_set() or time.monotonic() > deadline:
            return
        mid = random.choice(own)
        reason = f"crash {RUN} trial {trial} thread {number} patch {n}"
        try:
            if mid not in versions:
                got = session.get(f"{url}/api/v1/migrations/{mid}", headers=auth(token), timeout=30)
                versions[mid] = etag_version(got)
            day = 1 + n % 20
            body = {"blackouts": [{"start": f"2028-03-{day:02d}", "end": f"2028-03-{day + 4:02d}", "reason": reason}]}
            with ledger.lock:
                ledger.in_flight.setdefault(mid, set()).add(reason)
            r = session.patch(f"{url}/api/v1/migrations/{mid}", headers={**auth(token), "If-Match": f'"{versions[mid]}"'},
                              json=body, timeout=30)
        except requests.RequestException:
            with ledger.lock:
                ledger.failures += 1
            return
        with ledger.lock:
            ledger.in_flight[mid].discard(reason)
        if ledger.answer(mid, r):
            versions[mid] = etag_version(r)
            with ledger.lock:
                ledger.blackouts[mid] = reason
        else:
            versions.pop(mid, None)  # stale (412): read it again


def main():
    checks = Tally("crash")
    started = time.monotonic()
    data = temp_folder("crash")
    database = os.path.join(data, "cutover.sqlite")
    server = Server(PORT, data=data, demo=True, name="crash")
    server.start()
    if not server.wait_ready(90):
        checks.verify("the demo server starts", False, server.log_tail())
        return checks.report()
    token = issue_token(server.url, ROLES["csu"], attempts=5, timeout=30)
    targets = [m["id"] for m in migrations(server.url, token) if m["status"] in ("proposed", "approved", "registered")]
    if len(targets) < PATCH_THREADS:
        checks.verify("open migrations to write to", False, f"{len(targets)}")
        return checks.report()
    say(f"crash: {TRIALS} trials on {data}, {len(targets)} migrations, {ITEM_THREADS} threads adding action items "
        f"and {PATCH_THREADS} PATCHing blackouts, kill -9 at 0.3-2 s")
    ledger = Ledger()
    totals = {"acknowledged": 0, "found": 0, "in_flight_found": 0, "trials": 0, "integrity_ok": 0}
    integrity_results = {}
    statuses = {}
    for trial in range(1, TRIALS + 1):
        if time.monotonic() - started > TIME_LIMIT:
            checks.verify(f"finished {TRIALS} trials within {TIME_LIMIT} s", False, f"stopped after {trial - 1}")
            break
        ledger.acknowledged, ledger.failures, ledger.statuses = 0, 0, {}
        ledger.in_flight = {}
        stop = threading.Event()
        threads = [threading.Thread(target=item_load, args=(server.url, token, targets, ledger, trial, n, stop)) for n in range(ITEM_THREADS)]
        for n in range(PATCH_THREADS):
            own = targets[n::PATCH_THREADS]
            threads.append(threading.Thread(target=patch_load, args=(server.url, token, own, ledger, trial, n, stop)))
        kill_after = random.uniform(0.3, 2.0)
        load_start = time.monotonic()
        for thread in threads:
            thread.start()
        time.sleep(max(0.0, kill_after - (time.monotonic() - load_start)))
        server.kill9()
        stop.set()
        for thread in threads:
            thread.join(timeout=40)
        for code, count in ledger.statuses.items():
            statuses[code] = statuses.get(code, 0) + count

        server.start()
        ready = server.wait_ready(90)
        if not ready:
            checks.verify(f"trial {trial}: the server restarts on the same folder", False, server.log_tail())
            break
        # Every write acknowledged so far, in this trial or an earlier one, must be there.
        found, missing, in_flight_found = 0, [], 0
        current = {}
        for mid in targets:
            body, version = migration(server.url, token, mid)
            current[mid] = (set(item["title"] for item in body.get("actionItems", [])), [b.get("reason") for b in body.get("blackouts", [])], version)
        for mid, title in ledger.items:
            if title in current[mid][0]:
                found += 1
            else:
                missing.append(title)
        blackouts_ok = 0
        for mid, reason in ledger.blackouts.items():
            reasons = current[mid][1]
            if reasons == [reason]:
                blackouts_ok += 1
            elif len(reasons) == 1 and reasons[0] in ledger.in_flight.get(mid, set()):
                blackouts_ok += 1      # a later PATCH committed, its answer lost to the kill
                in_flight_found += 1
                ledger.blackouts[mid] = reasons[0]
            else:
                missing.append(f"blackout '{reason}' on {mid} (found {reasons})")
        versions_ok = all(current[mid][2] is not None and current[mid][2] >= v for mid, v in ledger.versions.items())
        total_acknowledged = len(ledger.items) + len(ledger.blackouts)
        total_found = found + blackouts_ok
        result = integrity(database)
        integrity_results[result] = integrity_results.get(result, 0) + 1
        totals["trials"] += 1
        totals["acknowledged"] += ledger.acknowledged
        totals["integrity_ok"] += result == "ok"
        totals["in_flight_found"] += in_flight_found
        say(f"trial {trial:2}: killed after {kill_after:.2f} s, {ledger.acknowledged} writes acknowledged, "
            f"{ledger.failures} cut off; after restart {found}/{len(ledger.items)} action items and "
            f"{blackouts_ok}/{len(ledger.blackouts)} latest blackouts found"
            + (f" ({in_flight_found} from a PATCH committed but cut off before its answer)" if in_flight_found else "")
            + f"; integrity {result}")
        problems = missing[:5] + ([] if versions_ok else ["a version below one acknowledged"]) + \
            ([] if result == "ok" else [f"integrity_check: {result}"])
        checks.verify(f"trial {trial}: every acknowledged write survives and the file is sound", not problems, "; ".join(problems))
        totals["found"] = total_found
        totals["all_acknowledged"] = total_acknowledged

    code = server.stop()
    # These only count when they fail, so that the summary counts trials.
    if code != 0:
        checks.verify("graceful stop at the end", False, f"exit {code}")
    final = integrity(database)
    if final != "ok":
        checks.verify("integrity_check after the last stop", False, final)
    if totals["acknowledged"] == 0:
        checks.verify("some writes were acknowledged", False)
    say(f"trials: {totals['trials']}")
    items = len(ledger.items)
    say(f"writes acknowledged: {totals['acknowledged']} ({items} action items, {totals['acknowledged'] - items} blackout PATCHes; "
        "answers by status: " + ", ".join(f"{k}: {v}" for k, v in sorted(statuses.items())) + ")")
    say(f"writes found after the last restart: {totals.get('found', 0)} of {totals.get('all_acknowledged', 0)} checked "
        f"(every acknowledged action item, and the latest acknowledged blackouts of each of {len(ledger.blackouts)} migrations; "
        f"earlier PATCHes are overwritten by later ones); unanswered PATCHes found committed: {totals['in_flight_found']}")
    say("integrity results: " + ", ".join(f"{k} x{v}" for k, v in integrity_results.items()) + f"; after the final stop: {final}")
    say(f"time: {time.monotonic() - started:.0f} s")
    return checks.report()


if __name__ == "__main__":
    raise SystemExit(main())
