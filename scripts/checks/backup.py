"""Backup and restore, as docs/operations.md describes them, for SQLite and PostgreSQL.

For each: start the demo server, make some writes, back up while it runs, restore into a
fresh folder or database, start a second server on the copy and compare what the API
shows (every migration's JSON and ETag as the national administrator, each history total,
the list and the portfolio). Then back up again while writes are going on and check the
copy is consistent (sound, and every migration's history matches its version).

SQLite backups use `cutover backup --data DIR --to FILE` when the binary has it, else
Python's sqlite3 backup API (an online copy, like the command's VACUUM INTO).

Run through scripts/checks/backup. Settings (environment): BACKUP_PORT (8144; takes it and
the next five), BACKUP_PGPORT (5435), BACKUP_PGROOT (/tmp/cutover-postgres-checks-backup).
"""
import os
import shutil
import sqlite3
import subprocess
import threading
import time
import uuid

import requests

from lib import (ROLES, Server, Tally, auth, binary, database_url, history, integrity, issue_token, migration,
                 migrations, pg_bin, postgres_start, psql, say, stop_on_signals, temp_folder)

stop_on_signals()

PORT = int(os.environ.get("BACKUP_PORT", "8144"))
PGPORT = int(os.environ.get("BACKUP_PGPORT", "5435"))
PGROOT = os.environ.get("BACKUP_PGROOT", "/tmp/cutover-postgres-checks-backup")
RUN = uuid.uuid4().hex[:8]
LOAD_REQUESTS = 300
LOAD_SECONDS = 20


def has_backup_command():
    try:
        out = subprocess.run([binary(), "backup", "--help"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return False
    # An unknown subcommand prints the root help and exits 0, so look for the option itself.
    return out.returncode == 0 and "--to" in out.stdout + out.stderr


def sqlite_backup(data, target):
    """A consistent copy of DATA/cutover.sqlite while the server runs; returns the method."""
    if has_backup_command():
        out = subprocess.run([binary(), "backup", "--data", data, "--to", target], capture_output=True, text=True, timeout=300)
        if out.returncode != 0:
            raise RuntimeError(f"cutover backup failed: {out.stderr.strip()[-300:]}")
        return "cutover backup"
    partial = target + ".partial"
    source = sqlite3.connect(f"file:{os.path.join(data, 'cutover.sqlite')}?mode=ro", uri=True, timeout=30)
    copy = sqlite3.connect(partial)
    try:
        source.backup(copy)  # every page in one step: one read transaction, so one consistent state
    finally:
        copy.close()
        source.close()
    os.replace(partial, target)
    return "Python sqlite3 backup API (no `cutover backup` in this binary)"


def make_writes(url):
    """Some changes of each kind before the backup; returns how many were acknowledged."""
    token = issue_token(url, ROLES["csu"], attempts=5, timeout=30)
    items = migrations(url, token)
    open_ids = [m["id"] for m in items if m["status"] in ("proposed", "approved", "registered")]
    done = 0
    session = requests.Session()
    session.headers.update(auth(token))
    for n in range(20):
        mid = open_ids[n % len(open_ids)]
        r = session.post(f"{url}/api/v1/migrations/{mid}/action-items",
                         json={"title": f"backup {RUN} item {n}", "phase": "kick-off", "owner": "practice"}, timeout=30)
        done += r.status_code in (200, 201)
    for n, mid in enumerate(open_ids):
        version = migration(url, token, mid)[1]
        r = session.patch(f"{url}/api/v1/migrations/{mid}", headers={"If-Match": f'"{version}"'},
                          json={"blackouts": [{"start": "2028-09-04", "end": "2028-09-08", "reason": f"backup {RUN} {n}"}]}, timeout=30)
        done += r.status_code == 200
    approved = [m["id"] for m in items if m["status"] == "approved"]
    if approved:
        r = session.post(f"{url}/api/v1/migrations/{approved[0]}/registration", json={"reference": f"BK-{RUN}"}, timeout=30)
        done += r.status_code == 200
    return done, token


def snapshot(url):
    """What the national administrator sees: every migration's JSON, ETag and history total."""
    token = issue_token(url, ROLES["national"], attempts=5, timeout=30)
    listing = requests.get(url + "/api/v1/migrations?per=100", headers=auth(token), timeout=30).json()
    portfolio = requests.get(url + "/api/v1/portfolio", headers=auth(token), timeout=30).json()
    state = {}
    for item in listing["items"]:
        body, version = migration(url, token, item["id"])
        state[item["id"]] = (body, version, history(url, token, item["id"], per=1, max_pages=1)[1])
    return listing, portfolio, state


def compare(checks, label, original_url, restored_url):
    listing_a, portfolio_a, a = snapshot(original_url)
    listing_b, portfolio_b, b = snapshot(restored_url)
    same_json = sum(1 for mid in a if mid in b and a[mid][0] == b[mid][0])
    same_etag = sum(1 for mid in a if mid in b and a[mid][1] == b[mid][1])
    same_history = sum(1 for mid in a if mid in b and a[mid][2] == b[mid][2])
    events = sum(v[2] for v in a.values())
    items = sum(len(v[0].get("actionItems", [])) for v in a.values())
    say(f"{label}: compared {len(a)} migrations (restored {len(b)}): JSON equal {same_json}, ETag equal {same_etag}, "
        f"history totals equal {same_history} ({events} events, {items} action items in all); "
        f"list {'equal' if listing_a == listing_b else 'DIFFERENT'}, portfolio {'equal' if portfolio_a == portfolio_b else 'DIFFERENT'}")
    checks.verify(f"{label}: the same migrations", set(a) == set(b) and len(a) > 0, f"{len(a)} vs {len(b)}")
    differing = [mid for mid in a if mid not in b or a[mid][0] != b[mid][0]]
    detail = ""
    if differing and differing[0] in b:
        first = a[differing[0]][0]
        keys = [k for k in first if first.get(k) != b[differing[0]][0].get(k)]
        detail = f"{differing[0]} differs in {keys[:5]}"
    checks.verify(f"{label}: every migration's JSON equal", not differing, detail)
    checks.verify(f"{label}: every ETag equal", same_etag == len(a))
    checks.verify(f"{label}: every history total equal", same_history == len(a))
    checks.verify(f"{label}: list and portfolio equal", listing_a == listing_b and portfolio_a == portfolio_b)


def write_load(url, token, stop, counter):
    session = requests.Session()
    session.headers.update(auth(token))
    ids = [m["id"] for m in migrations(url, token) if m["status"] in ("proposed", "registered")]
    deadline = time.monotonic() + LOAD_SECONDS
    for n in range(LOAD_REQUESTS):
        if stop.is_set() or time.monotonic() > deadline:
            return
        try:
            r = session.post(f"{url}/api/v1/migrations/{ids[n % len(ids)]}/action-items",
                             json={"title": f"backup {RUN} load {n}", "phase": "kick-off", "owner": "practice"}, timeout=30)
            counter[0] += r.status_code in (200, 201)
        except requests.RequestException:
            return


def under_load(checks, label, server, take_backup, restore_and_start):
    """Back up while writes go on; the copy must be sound and consistent."""
    token = issue_token(server.url, ROLES["csu"], attempts=5, timeout=30)
    stop, counter = threading.Event(), [0]
    thread = threading.Thread(target=write_load, args=(server.url, token, stop, counter))
    thread.start()
    time.sleep(1.0)
    at_backup = counter[0]
    take_backup()
    time.sleep(0.5)
    stop.set()
    thread.join(timeout=60)
    restored = restore_and_start()
    if not checks.verify(f"{label}: a server starts on the copy", restored.wait_ready(90), restored.log_tail()):
        return
    _, _, copy = snapshot(restored.url)
    _, _, now = snapshot(server.url)
    consistent = [mid for mid, (_, version, events) in copy.items() if version != events]
    original = [mid for mid, (_, version, events) in now.items() if version != events]
    behind = [mid for mid in copy if copy[mid][1] > now[mid][1]]
    in_copy = sum(1 for v in copy.values() for i in v[0].get("actionItems", []) if i["title"].startswith(f"backup {RUN} load"))
    say(f"{label}: backup taken after {at_backup} of {counter[0]} writes under load; the copy holds {in_copy} of them; "
        f"history total equals version in {len(copy) - len(consistent)} of {len(copy)} migrations")
    checks.verify(f"{label}: the load wrote during the backup", counter[0] > at_backup, f"{at_backup} then {counter[0]}")
    checks.verify(f"{label}: the copy holds what was written before it, and no more than the original",
                  at_backup <= in_copy <= counter[0], f"{in_copy}")
    if not original:
        checks.verify(f"{label}: each migration's history total equals its version in the copy", not consistent, f"{consistent[:3]}")
    checks.verify(f"{label}: no migration ahead of the original", not behind)
    restored.stop()


def sqlite_part(checks):
    data = temp_folder("backup-sqlite")
    backups = temp_folder("backup-files")
    original = Server(PORT, data=data, demo=True, name="sqlite-original")
    original.start()
    if not checks.verify("SQLite: the demo server starts", original.wait_ready(90), original.log_tail()):
        return
    done, _ = make_writes(original.url)
    say(f"SQLite: {done} writes acknowledged before the backup")
    target = os.path.join(backups, "cutover-backup.sqlite")
    started = time.monotonic()
    method = sqlite_backup(data, target)
    say(f"SQLite: backed up with {method} while the server runs: {os.path.getsize(target) // 1024} KB in {time.monotonic() - started:.2f} s")
    checks.verify("SQLite: the backup file passes integrity_check", integrity(target) == "ok")
    # Restore: a fresh data folder with the copy as cutover.sqlite, and a server on it.
    fresh = temp_folder("backup-restored")
    shutil.copyfile(target, os.path.join(fresh, "cutover.sqlite"))
    restored = Server(PORT + 1, data=fresh, demo=False, name="sqlite-restored")
    restored.start()
    if checks.verify("SQLite: a server starts on the restored folder", restored.wait_ready(90), restored.log_tail()):
        compare(checks, "SQLite restore", original.url, restored.url)
    restored.stop()

    loaded = os.path.join(backups, "under-load.sqlite")

    def restore_loaded():
        folder = temp_folder("backup-restored-load")
        shutil.copyfile(loaded, os.path.join(folder, "cutover.sqlite"))
        checks.verify("SQLite under load: the backup passes integrity_check", integrity(loaded) == "ok")
        return Server(PORT + 2, data=folder, demo=False, name="sqlite-restored-load").start()

    under_load(checks, "SQLite under load", original, lambda: sqlite_backup(data, loaded), restore_loaded)
    original.stop()


def pg_part(checks):
    tools = pg_bin()
    base = postgres_start(PGPORT, PGROOT)
    source = f"cutover_backup_{RUN}"
    psql(base, f"CREATE DATABASE {source}")
    source_url = database_url(base, source)
    folder = temp_folder("backup-pg")
    original = Server(PORT + 3, database_url=source_url, demo=True, log_dir=folder, name="pg-original")
    original.start()
    if not checks.verify("PostgreSQL: the demo server starts", original.wait_ready(90), original.log_tail()):
        return
    done, _ = make_writes(original.url)
    say(f"PostgreSQL: {done} writes acknowledged before the backup")

    def dump(target):
        out = subprocess.run([os.path.join(tools, "pg_dump"), "--format=custom", "--file", target, source_url.split("?")[0]],
                             capture_output=True, text=True, timeout=300)
        if out.returncode != 0:
            raise RuntimeError(f"pg_dump failed: {out.stderr.strip()[-300:]}")

    def restore(target, name, port):
        psql(base, f"CREATE DATABASE {name}")
        url = database_url(base, name)
        out = subprocess.run([os.path.join(tools, "pg_restore"), "--no-owner", "--exit-on-error", "--dbname", url.split("?")[0], target],
                             capture_output=True, text=True, timeout=300)
        checks.verify(f"PostgreSQL: pg_restore into {name}", out.returncode == 0, out.stderr.strip()[-300:])
        return Server(port, database_url=url, demo=False, log_dir=folder, name=f"pg-{name}").start()

    target = os.path.join(folder, "cutover.dump")
    started = time.monotonic()
    dump(target)
    say(f"PostgreSQL: pg_dump --format=custom while the server runs: {os.path.getsize(target) // 1024} KB in {time.monotonic() - started:.2f} s")
    restored = restore(target, f"cutover_restored_{RUN}", PORT + 4)
    if checks.verify("PostgreSQL: a server starts on the restored database", restored.wait_ready(90), restored.log_tail()):
        compare(checks, "PostgreSQL restore", original.url, restored.url)
    restored.stop()

    loaded = os.path.join(folder, "under-load.dump")
    under_load(checks, "PostgreSQL under load", original, lambda: dump(loaded),
               lambda: restore(loaded, f"cutover_loaded_{RUN}", PORT + 5))
    original.stop()


def main():
    checks = Tally("backup")
    started = time.monotonic()
    say(f"backup: SQLite on ports {PORT}-{PORT + 2}, PostgreSQL (127.0.0.1:{PGPORT}) on ports {PORT + 3}-{PORT + 5}; "
        f"`cutover backup` {'available' if has_backup_command() else 'not in this binary: Python fallback'}")
    sqlite_part(checks)
    pg_part(checks)
    say(f"time: {time.monotonic() - started:.0f} s")
    return checks.report()


if __name__ == "__main__":
    raise SystemExit(main())
