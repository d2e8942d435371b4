"""A bounded mixed load on the SQLite demo server: reads (API and the migration page),
workflow steps (action items, blackout PATCHes with If-Match) and sign-ins (API tokens,
used once and revoked, and the web form). Fails on any 5xx or dropped request, and if the server's memory grows.

Run through scripts/checks/soak. Settings (environment): SOAK_SECONDS (90, measured after
SOAK_WARMUP=10), SOAK_REQUESTS (20000, the cap over both), SOAK_PORT (8143).
"""
import os
import random
import threading
import time
import uuid

import requests

from lib import (ANY, ROLES, Client, Server, Tally, Web, auth, etag_version, issue_token, migrations, request_token,
                 rss_kb, say, stop_on_signals, temp_folder)

stop_on_signals()

SECONDS = float(os.environ.get("SOAK_SECONDS", "90"))
WARMUP = float(os.environ.get("SOAK_WARMUP", "10"))
CAP = int(os.environ.get("SOAK_REQUESTS", "20000"))
PORT = int(os.environ.get("SOAK_PORT", "8143"))
READERS = 3
GROWTH_FRACTION = 0.30
GROWTH_MB = 40
RUN = uuid.uuid4().hex[:8]
LOGINS = [ROLES[role] for role in ("csu", "icb", "tpp", "emis", "practice", "national")]


class Load:
    def __init__(self, cap, deadline):
        self.lock = threading.Lock()
        self.cap = cap
        self.deadline = deadline
        self.sent = 0
        self.by_kind = {}          # kind -> {status: count}
        self.unexpected = []       # (kind, status, text)

    def take(self):
        """Permission for one more request: False once the cap or the time is reached."""
        with self.lock:
            if self.sent >= self.cap or time.monotonic() > self.deadline:
                return False
            self.sent += 1
            return True

    def record(self, kind, response, expected=(200,)):
        status = response.status_code if isinstance(response, requests.Response) else type(response).__name__
        with self.lock:
            counts = self.by_kind.setdefault(kind, {})
            counts[status] = counts.get(status, 0) + 1
            if status not in expected and len(self.unexpected) < 50:
                text = response.text[:160] if isinstance(response, requests.Response) else str(response)[:160]
                self.unexpected.append((kind, status, text))


def call(tally, kind, send, expected=(200,)):
    try:
        response = send()
    except requests.RequestException as error:
        response = error
    tally.record(kind, response, expected)
    return response


def reader(url, token, cookie, ids, tally):
    api = requests.Session()
    api.headers.update(auth(token))
    web = requests.Session()
    web.cookies.set("cutover_session", cookie, domain="127.0.0.1", path="/")
    queries = ["per=50", "status=registered&per=50", "status=registered&phase=procurement&per=50", "overdue=true", "page=2&per=5"]
    while tally.take():
        mid = random.choice(ids)
        pick = random.random()
        if pick < 0.25:
            call(tally, "read migration", lambda: api.get(f"{url}/api/v1/migrations/{mid}", timeout=30))
        elif pick < 0.45:
            call(tally, "read plan", lambda: api.get(f"{url}/api/v1/migrations/{mid}/plan", timeout=30), (200, 409))
        elif pick < 0.6:
            call(tally, "read list", lambda: api.get(f"{url}/api/v1/migrations?{random.choice(queries)}", timeout=30))
        elif pick < 0.75:
            call(tally, "read portfolio", lambda: api.get(f"{url}/api/v1/portfolio", timeout=30))
        else:
            call(tally, "page migration", lambda: web.get(f"{url}/migrations/{mid}", allow_redirects=False, timeout=30))


def writer(url, token, open_ids, tally):
    api = requests.Session()
    api.headers.update(auth(token))
    versions = {}
    n = 0
    while tally.take():
        n += 1
        r = None
        mid = random.choice(open_ids)
        if n % 2:
            r = call(tally, "step action item", lambda: api.post(
                f"{url}/api/v1/migrations/{mid}/action-items",
                json={"title": f"soak {RUN} {n}", "phase": "kick-off", "owner": "practice"}, timeout=30), (200, 201))
        else:
            if mid not in versions:
                r = call(tally, "read migration", lambda: api.get(f"{url}/api/v1/migrations/{mid}", timeout=30))
                if not tally.take():
                    return
            day = 1 + n % 20
            body = {"blackouts": [{"start": f"2028-06-{day:02d}", "end": f"2028-06-{day + 5:02d}", "reason": f"soak {RUN} {n}"}]}
            version = versions.get(mid) or (etag_version(r) if isinstance(r, requests.Response) else None)
            r = call(tally, "step blackout PATCH", lambda: api.patch(
                f"{url}/api/v1/migrations/{mid}", headers={"If-Match": f'"{version}"'}, json=body, timeout=30), (200, 412))
        if isinstance(r, requests.Response) and r.status_code in (200, 201):
            versions[mid] = etag_version(r)
        else:
            versions.pop(mid, None)


def signer(url, tally):
    n = 0
    while tally.take():
        n += 1
        email = LOGINS[n % len(LOGINS)]
        if n % 3:
            # A short-lived client: sign in for a token, use it once, sign out (revoke it).
            r = call(tally, "sign-in API token", lambda: request_token(Client(url, timeout=30), email, expect=ANY), (200, 201))
            if not isinstance(r, requests.Response) or r.status_code not in (200, 201) or not tally.take():
                continue
            session = requests.Session()
            session.headers.update(auth(r.json()["token"]))
            call(tally, "read list", lambda: session.get(url + "/api/v1/migrations?per=10", timeout=30))
            if tally.take():
                call(tally, "sign-out API token", lambda: session.delete(url + "/api/v1/auth/token", timeout=30), (200, 204))
        else:
            if not tally.take():
                return
            web = Web(url, timeout=30)
            try:
                posted = web.sign_in(email, expect=ANY, strict=False)
            except requests.RequestException as error:
                tally.record("sign-in web", error)
                continue
            tally.record("sign-in web (GET form)", web.form)
            tally.record("sign-in web (POST)", posted, (303, 302))


def main():
    checks = Tally("soak")
    started = time.monotonic()
    data = temp_folder("soak")
    server = Server(PORT, data=data, demo=True, name="soak")
    server.start()
    if not checks.verify("the demo server starts", server.wait_ready(90), server.log_tail()):
        return checks.report()
    token = issue_token(server.url, ROLES["csu"], attempts=5, timeout=30)
    items = migrations(server.url, token)
    ids = [m["id"] for m in items]
    open_ids = [m["id"] for m in items if m["status"] in ("proposed", "approved", "registered")]
    web = Web(server.url, timeout=30)
    posted = web.sign_in(ROLES["csu"], expect=ANY, strict=False)
    cookie = web.session.cookies.get("cutover_session", "")
    checks.verify("web sign-in gives a session cookie", posted.status_code in (302, 303) and cookie, f"{posted.status_code}")

    tally = Load(CAP, time.monotonic() + WARMUP + SECONDS)
    threads = [threading.Thread(target=reader, args=(server.url, token, cookie, ids, tally)) for _ in range(READERS)]
    threads.append(threading.Thread(target=writer, args=(server.url, token, open_ids, tally)))
    threads.append(threading.Thread(target=signer, args=(server.url, tally)))
    say(f"soak: {READERS} readers, 1 writer, 1 signing in; {WARMUP:.0f} s warm-up then {SECONDS:.0f} s, at most {CAP} requests")
    load_start = time.monotonic()
    for thread in threads:
        thread.start()
    while time.monotonic() - load_start < WARMUP and any(t.is_alive() for t in threads):
        time.sleep(0.2)
    rss_start = rss_kb(server.pid)
    sent_at_start = tally.sent
    samples = [rss_start]
    while any(t.is_alive() for t in threads) and time.monotonic() - load_start < WARMUP + SECONDS + 30:
        time.sleep(1)
        samples.append(rss_kb(server.pid))
    for thread in threads:
        thread.join(timeout=60)
    elapsed = time.monotonic() - load_start
    rss_end = rss_kb(server.pid)
    samples.append(rss_end)
    samples = [s for s in samples if s]
    with open(f"/proc/{server.pid}/status") as f:
        hwm = next((int(line.split()[1]) for line in f if line.startswith("VmHWM:")), None)

    say(f"requests: {tally.sent} in {elapsed:.0f} s ({tally.sent / elapsed:.0f}/s), {tally.sent - sent_at_start} after warm-up")
    server_errors = 0
    for kind in sorted(tally.by_kind):
        counts = tally.by_kind[kind]
        fives = sum(v for k, v in counts.items() if isinstance(k, int) and k >= 500)
        server_errors += fives
        say(f"  {kind:24} {sum(counts.values()):6}   " + ", ".join(f"{k}: {v}" for k, v in sorted(counts.items(), key=lambda kv: str(kv[0]))))
    dropped = sum(v for counts in tally.by_kind.values() for k, v in counts.items() if not isinstance(k, int))
    say(f"5xx: {server_errors}; dropped connections: {dropped}")
    causes = {}
    for line in server.log_text().splitlines():
        if "unexpected error" in line or " error " in line:
            text = line.split("unexpected error: ", 1)[-1]
            for marker in ("message: ", "SQLiteError"):
                if marker in text:
                    text = text[text.find(marker):]
                    break
            causes[text[:120]] = causes.get(text[:120], 0) + 1
    for cause, count in sorted(causes.items(), key=lambda kv: -kv[1])[:5]:
        say(f"  server log x{count}: {cause}")
    for kind, status, text in tally.unexpected[:5]:
        say(f"  unexpected: {kind} -> {status} {text}")
    growth = (rss_end - rss_start) if rss_start and rss_end else None
    say(f"RSS: start {rss_start / 1024:.1f} MB (after warm-up), end {rss_end / 1024:.1f} MB, peak sampled "
        f"{max(samples) / 1024:.1f} MB, VmHWM {hwm / 1024 if hwm else 0:.1f} MB; growth {growth / 1024:+.1f} MB "
        f"({growth / rss_start * 100:+.0f}%), limit {GROWTH_FRACTION * 100:.0f}% or {GROWTH_MB} MB")

    checks.verify("load ran", tally.sent > 100, f"{tally.sent} requests")
    checks.verify("no 5xx", server_errors == 0, f"{server_errors}")
    checks.verify("no dropped connections", dropped == 0, f"{dropped}")
    unexpected = [u for u in tally.unexpected if not (isinstance(u[1], int) and u[1] >= 500)]
    checks.verify("no unexpected answers (only 2xx/3xx, 409 plan without go-live, 412 stale PATCH)", not unexpected,
                  "; ".join(f"{k} {s}" for k, s, _ in unexpected[:3]))
    checks.verify("memory flat", growth is not None and growth <= GROWTH_FRACTION * rss_start and growth <= GROWTH_MB * 1024,
                  f"{growth / 1024 if growth is not None else 0:+.1f} MB")
    checks.verify("server still ready", requests.get(server.url + "/readyz", timeout=10).status_code == 200)
    code = server.stop()
    checks.verify("graceful stop", code == 0, f"exit {code}")
    say(f"time: {time.monotonic() - started:.0f} s")
    return checks.report()


if __name__ == "__main__":
    raise SystemExit(main())
