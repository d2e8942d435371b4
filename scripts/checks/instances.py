"""Several instances on PostgreSQL: two `cutover serve --demo` started at the same moment
on one empty database must both come up and seed the demo once; then concurrent writes
spread over both must keep the optimistic lock, one-time steps and the audit log right.

Run through scripts/checks/instances. Settings (environment): INSTANCES_PGPORT (5434),
INSTANCES_PGROOT (/tmp/cutover-postgres-checks), INSTANCES_PORT (8141; the second instance
takes the next port). PGPORT and PGROOT are not read, so a PostgreSQL set up for other
tests is never touched.
"""
import os
import threading
import time
import uuid

import requests

from lib import (ROLES, Server, Tally, auth, database_url, history, issue_token, migration, migrations,
                 postgres_start, psql, say, stop_on_signals, temp_folder)

stop_on_signals()

PGPORT = int(os.environ.get("INSTANCES_PGPORT", "5434"))
PGROOT = os.environ.get("INSTANCES_PGROOT", "/tmp/cutover-postgres-checks")
PORT = int(os.environ.get("INSTANCES_PORT", "8141"))
ROUNDS = 10            # race (a): rounds of PATCHes with one If-Match
PER_ROUND = 10         # requests in each round, half to each instance
ITEM_THREADS = 12      # race (b): threads posting action items, half to each instance
ITEMS_PER_THREAD = 5
ONCE = 10              # race (c): concurrent copies of a one-time step
RUN = uuid.uuid4().hex[:8]


def fire(urls, count, send):
    """Sends `count` requests at once, request i to urls[i % len(urls)]; each thread opens
    its connection first and they all wait at a barrier. Returns [(i, response or error)]."""
    barrier = threading.Barrier(count)
    results = [None] * count

    def worker(i):
        session = requests.Session()
        url = urls[i % len(urls)]
        try:
            session.get(url + "/healthz", timeout=10)
        except requests.RequestException:
            pass
        try:
            barrier.wait(timeout=30)
        except threading.BrokenBarrierError:
            pass
        try:
            results[i] = send(session, url, i)
        except requests.RequestException as error:
            results[i] = error

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return list(enumerate(results))


def tally(results):
    counts = {}
    for _, r in results:
        key = r.status_code if isinstance(r, requests.Response) else type(r).__name__
        counts[key] = counts.get(key, 0) + 1
    return counts


def ok(r):
    return isinstance(r, requests.Response) and 200 <= r.status_code < 300


def describe(counts):
    return ", ".join(f"{k}: {v}" for k, v in sorted(counts.items(), key=lambda kv: str(kv[0])))


def start_pair(url, log_dir):
    """Starts both instances back to back (the same moment, as far as a process can)."""
    a = Server(PORT, database_url=url, demo=True, log_dir=log_dir, name="instance-a")
    b = Server(PORT + 1, database_url=url, demo=True, log_dir=log_dir, name="instance-b")
    a.start()
    b.start()
    ready = {}
    threads = [threading.Thread(target=lambda s=s: ready.__setitem__(s.name, s.wait_ready(120))) for s in (a, b)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=130)
    return a, b, ready


def brief_error(line):
    """The telling part of a logged database error: its detail and the statement."""
    parts = []
    for key, width in (("message: ", 90), ("detail: ", 110), ("sql: ", 60)):
        at = line.find(key)
        if at >= 0:
            parts.append(line[at:at + width].split("., file")[0].split(", binds")[0].split(", routine")[0])
    return "; ".join(parts) if parts else line.strip()[:200]


def first_error(server):
    for line in server.log_text().splitlines():
        lowered = line.lower()
        if " error " in lowered or "fatal" in lowered or line.startswith("cutover:"):
            return brief_error(line)
    return server.log_tail(2)[:200]


def server_errors(servers):
    """Distinct unexpected errors the servers logged (the causes of any 500)."""
    seen = {}
    for server in servers:
        for line in server.log_text().splitlines():
            if "unexpected error" in line:
                key = brief_error(line)
                seen[key] = seen.get(key, 0) + 1
    return seen


def audit_check(checks, name, url, token, mid, before, acknowledged):
    """The history of `mid` holds one event per acknowledged change, newest first; with a
    `version` on each event, the change events carry exactly 2..N and N is the ETag."""
    body, version = migration(url, token, mid)
    items, total = history(url, token, mid)
    v0, total0 = before
    checks.verify(f"{name}: history pages hold every event once", len(items) == total and len({e['id'] for e in items}) == total,
                  f"{len(items)} read, total {total}")
    checks.verify(f"{name}: version moved by the acknowledged changes", version - v0 == acknowledged,
                  f"ETag {v0} -> {version}, {acknowledged} acknowledged")
    checks.verify(f"{name}: one audit event per acknowledged change", total - total0 == acknowledged,
                  f"{total - total0} new events, {acknowledged} acknowledged")
    times = [e["at"] for e in items]
    checks.verify(f"{name}: history newest first", all(times[i] >= times[i + 1] for i in range(len(times) - 1)))
    note = f"{total - total0} events for {acknowledged} acknowledged changes"
    if items and all("version" in e for e in items):
        changes = [e for e in items if e["action"] != "migration.created"]
        versions = sorted(e["version"] for e in changes)
        checks.verify(f"{name}: event versions are exactly 2..{version}", versions == list(range(2, version + 1)),
                      f"{len(versions)} versions from {versions[:1]} to {versions[-1:]}, gaps or repeats: "
                      f"{sorted(set(range(2, version + 1)) ^ set(versions))[:10]}")
        created = [e["version"] for e in items if e["action"] == "migration.created"]
        checks.verify(f"{name}: the creation event is version 1", all(v == 1 for v in created), f"{created}")
        order = [e["version"] for e in items]
        out_of_order = sum(1 for i in range(len(order) - 1) if order[i] < order[i + 1])
        ties = sum(1 for i in range(len(items) - 1) if items[i]["at"] == items[i + 1]["at"] and items[i]["version"] < items[i + 1]["version"])
        checks.verify(f"{name}: events with a later time have a higher version",
                      all(not (items[i]["at"] > items[j]["at"] and items[i]["version"] < items[j]["version"])
                         for i in range(len(items)) for j in range(i + 1, min(len(items), i + 50))))
        note += f"; versions 2..{versions[-1] if versions else '-'} (ETag {version})"
        if out_of_order:
            note += f"; {out_of_order} neighbours out of version order ({ties} of them within the same second)"
    else:
        note += "; history items carry no version yet: counted only"
    say(f"audit {name}: {note}")


def main():
    checks = Tally("instances")
    started = time.monotonic()
    logs = temp_folder("instances")
    base = postgres_start(PGPORT, PGROOT)
    name = f"cutover_instances_{RUN}"
    psql(base, f"CREATE DATABASE {name}")
    url = database_url(base, name)
    say(f"instances: PostgreSQL on 127.0.0.1:{PGPORT}, empty database {name}; two instances on ports {PORT} and {PORT + 1}")

    # Start-up: both at once, on an empty database.
    a, b, ready = start_pair(url, logs)
    both = ready.get(a.name) and ready.get(b.name)
    detail = "; ".join(f"{s.name} {'up' if ready.get(s.name) else 'failed: ' + first_error(s)}" for s in (a, b))
    checks.verify("both instances come up when started together on an empty database", both, detail)
    say(f"start-up: {detail}")
    for server in (a, b):
        if not ready.get(server.name):
            # Go on with the races: start it again now that the other has made the schema.
            server.stop()
            server.start()
            again = server.wait_ready(90)
            say(f"start-up: {server.name} started again on its own: {'up' if again else 'failed: ' + first_error(server)}")
            if not again:
                checks.verify(f"{server.name} starts once the other instance is up", False, first_error(server))
                return checks.report()
    seeded = sum("Demo region created" in s.log_text() for s in (a, b))
    admin = issue_token(a.url, ROLES["national"], attempts=5, timeout=30)
    total = requests.get(a.url + "/api/v1/migrations?per=1", headers=auth(admin), timeout=30).json()["total"]
    national = psql(url, "SELECT count(*) FROM organisations WHERE code = 'X24'")
    users = psql(url, "SELECT count(*) FROM users")
    checks.verify("the demo region is seeded once", total == 14 and national == "1",
                  f"{total} migrations, {national} national organisations, {users} users, seeded by {seeded} instance(s)")
    say(f"demo seeding: {total} migrations, {national} national organisation(s), {users} users; "
        f"'Demo region created' printed by {seeded} instance(s)")

    token = issue_token(a.url, ROLES["csu"], attempts=5, timeout=30)
    urls = [a.url, b.url]
    items = migrations(a.url, token)
    registered = [m["id"] for m in items if m["status"] == "registered"]
    approved = [m["id"] for m in items if m["status"] == "approved"]
    no_extract = [mid for mid in registered if not migration(a.url, token, mid)[0].get("extractRequests")]
    race_a, race_b = registered[0], registered[1]
    race_c2 = next(mid for mid in no_extract if mid not in (race_a, race_b))
    race_c1 = approved[0]
    before = {}
    for mid in (race_a, race_b, race_c1, race_c2):
        before[mid] = (migration(a.url, token, mid)[1], history(a.url, token, mid)[1])
    acknowledged = {mid: 0 for mid in before}

    # (a) Many PATCHes with the same If-Match: one winner per version, the rest 412.
    counts, winners, good_rounds = {}, 0, 0
    for round_number in range(ROUNDS):
        version = migration(urls[round_number % 2], token, race_a)[1]

        def patch(session, server_url, i, version=version, round_number=round_number):
            reason = f"race {RUN} round {round_number} request {i}"
            body = {"blackouts": [{"start": "2028-05-01", "end": f"2028-05-{2 + i:02d}", "reason": reason}]}
            return session.patch(f"{server_url}/api/v1/migrations/{race_a}", headers={**auth(token), "If-Match": f'"{version}"'},
                                 json=body, timeout=60)

        results = fire(urls, PER_ROUND, patch)
        round_counts = tally(results)
        for key, value in round_counts.items():
            counts[key] = counts.get(key, 0) + value
        won = [i for i, r in results if ok(r)]
        winners += len(won)
        acknowledged[race_a] += len(won)
        if len(won) == 1 and round_counts.get(412, 0) == PER_ROUND - 1:
            good_rounds += 1
            current = migration(urls[(round_number + 1) % 2], token, race_a)[0]
            if [x["reason"] for x in current["blackouts"]] != [f"race {RUN} round {round_number} request {won[0]}"]:
                checks.verify(f"race (a) round {round_number}: the winner's blackouts are stored", False, f"{current['blackouts']}")
    say(f"race (a) PATCH with one If-Match: {ROUNDS} rounds x {PER_ROUND} requests over both instances; "
        f"winners {winners}, answers {describe(counts)}")
    checks.verify("race (a): exactly one 2xx per version, the rest 412", good_rounds == ROUNDS,
                  f"{good_rounds} of {ROUNDS} rounds right; {describe(counts)}")

    # (b) Action items without If-Match: every one succeeds and is stored exactly once.
    titles = {}

    def add_items(session, server_url, i):
        answers = []
        for n in range(ITEMS_PER_THREAD):
            title = f"race {RUN} thread {i} item {n}"
            try:
                r = session.post(f"{server_url}/api/v1/migrations/{race_b}/action-items", headers=auth(token),
                                 json={"title": title, "phase": "kick-off", "owner": "practice"}, timeout=60)
            except requests.RequestException as error:
                r = error
            answers.append((title, r))
        return answers

    results = fire(urls, ITEM_THREADS, add_items)
    flat = [(title, r) for _, answers in results for (title, r) in (answers if isinstance(answers, list) else [])]
    counts = tally(list(enumerate(r for _, r in flat)))
    for title, r in flat:
        titles[title] = ok(r)
    stored = [item["title"] for item in migration(a.url, token, race_b)[0]["actionItems"]]
    won = [t for t, good in titles.items() if good]
    acknowledged[race_b] += len(won)
    missing = [t for t in won if stored.count(t) != 1]
    ghosts = [t for t, good in titles.items() if not good and t in stored]
    say(f"race (b) action items without If-Match: {len(flat)} requests from {ITEM_THREADS} threads over both instances; "
        f"acknowledged {len(won)}, answers {describe(counts)}; stored once {len(won) - len(missing)}, refused but stored {len(ghosts)}")
    checks.verify("race (b): every POST without If-Match succeeds", len(won) == len(flat), describe(counts))
    checks.verify("race (b): every acknowledged item stored exactly once", not missing, f"{missing[:3]}")
    checks.verify("race (b): no refused item stored", not ghosts, f"{ghosts[:3]}")

    # (c) One-time steps sent to both instances at once: one 2xx, the rest 409.
    def register(session, server_url, i):
        return session.post(f"{server_url}/api/v1/migrations/{race_c1}/registration", headers=auth(token),
                            json={"reference": f"RACE-{RUN}-{i}"}, timeout=60)

    def request_extract(session, server_url, i):
        return session.post(f"{server_url}/api/v1/migrations/{race_c2}/extract-requests", headers=auth(token), json={}, timeout=60)

    for label, mid, send, action in (("registration", race_c1, register, "migration.registered"),
                                     ("extract request", race_c2, request_extract, "extract.form-requested")):
        results = fire(urls, ONCE, send)
        counts = tally(results)
        won = [i for i, r in results if ok(r)]
        acknowledged[mid] += len(won)
        body = migration(b.url, token, mid)[0]
        events = [e for e in history(b.url, token, mid)[0] if e["action"] == action]
        if action == "migration.registered":
            records = 1 if body.get("status") == "registered" else 0
            same = len(won) == 1 and body.get("registrationReference") == f"RACE-{RUN}-{won[0]}"
        else:
            source = [x for x in body.get("extractRequests", [])]
            records = len(source)
            same = True
        say(f"race (c) {label}: {ONCE} requests over both instances; winners {len(won)}, answers {describe(counts)}; "
            f"{records} record(s), {len(events)} '{action}' event(s)")
        checks.verify(f"race (c) {label}: exactly one 2xx, the rest 409", len(won) == 1 and counts.get(409, 0) == ONCE - 1, describe(counts))
        checks.verify(f"race (c) {label}: no duplicate record or event", records == 1 and len(events) == 1 and same,
                      f"{records} records, {len(events)} events")

    # The audit log: complete and in order, read as the CSU through the other instance.
    for label, mid in (("(a)", race_a), ("(b)", race_b), ("(c) registration", race_c1), ("(c) extract", race_c2)):
        audit_check(checks, f"race {label}", b.url, token, mid, before[mid], acknowledged[mid])

    errors = server_errors((a, b))
    for error, count in errors.items():
        say(f"server error x{count}: {error}")
    for server in (a, b):
        code = server.stop()
        checks.verify(f"{server.name} stops cleanly", code == 0, f"exit {code}")
    say(f"time: {time.monotonic() - started:.0f} s")
    return checks.report()


if __name__ == "__main__":
    raise SystemExit(main())
