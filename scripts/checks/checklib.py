"""Shared helpers for the operational checks in scripts/checks.

Each check starts its own `cutover serve` processes on 127.0.0.1, talks to them with
`requests`, and cleans up after itself (servers stopped, temporary folders removed) however
it ends. Nothing here sends a wrong password: five would lock a demo account.
"""
import atexit
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import requests

BIN = os.environ.get("CUTOVER_BIN", "")
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PASSWORD = "demo-password"
CSU = "pm@csu.demo.test"
ICB = "commissioning@icb.demo.test"
NEW_SUPPLIER = "deployment@tpp.demo.test"
OLD_SUPPLIER = "migrations@emis.demo.test"
PRACTICE = "manager@b82001.demo.test"
ADMIN = "admin@national.demo.test"

_servers = []
_folders = []
_cleanups = []


def say(line=""):
    print(line, flush=True)


class Checks:
    """Counts passed and failed checks; prints each failure as it happens."""

    def __init__(self, name):
        self.name = name
        self.passed = 0
        self.failed = 0
        self.failures = []

    def check(self, what, ok, detail=""):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            self.failures.append(what)
            say(f"FAILED: {what}" + (f" ({detail})" if detail else ""))
        return ok

    def finish(self):
        say(f"{self.name}: {self.passed} passed, {self.failed} failed")
        return 0 if self.failed == 0 and self.passed > 0 else 1


def temp_folder(prefix):
    path = tempfile.mkdtemp(prefix=f"cutover-{prefix}-")
    _folders.append(path)
    return path


def on_exit(function):
    """Runs `function` when the check ends, after the servers stop and before folders go."""
    _cleanups.append(function)


_pinned = []


def binary():
    """The cutover binary for this run: a private copy of CUTOVER_BIN taken at first use,
    so that every server in one run is the same build even if a newer one is written to
    CUTOVER_BIN meanwhile. Prints which build it is."""
    if _pinned:
        return _pinned[0]
    if not BIN or not os.access(BIN, os.X_OK):
        raise SystemExit(f"no cutover binary at '{BIN}': set CUTOVER_BIN")
    import hashlib
    copy = os.path.join(temp_folder("bin"), "cutover")
    shutil.copy2(BIN, copy)
    digest = hashlib.sha256()
    with open(copy, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    stamp = time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(os.path.getmtime(copy)))
    say(f"binary: {BIN} (written {stamp} UTC, sha256 {digest.hexdigest()[:12]})")
    _pinned.append(copy)
    return copy


def _die_with_parent():
    """In the child before exec: a server gets SIGKILL if this check dies without cleaning
    up (servers are always started from the main thread, which lives as long as the check)."""
    try:
        import ctypes
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except Exception:
        pass


class Server:
    """One `cutover serve` process. SQLite in `data` unless `database_url` is given."""

    def __init__(self, port, data=None, database_url=None, demo=True, log_dir=None, name=None):
        self.port = port
        self.data = data
        self.database_url = database_url
        self.demo = demo
        self.name = name or f"server:{port}"
        self.log_dir = log_dir or data or temp_folder("log")
        self.url = f"http://127.0.0.1:{port}"
        self.process = None
        self.starts = 0

    @property
    def pid(self):
        return self.process.pid if self.process else None

    def start(self):
        args = [binary(), "serve", "--host", "127.0.0.1", "--port", str(self.port)]
        if self.data:
            args += ["--data", self.data]
        if self.demo:
            args.append("--demo")
        env = dict(os.environ)
        env.pop("DATABASE_URL", None)
        if self.database_url:
            env["DATABASE_URL"] = self.database_url
        self.starts += 1
        self.log = os.path.join(self.log_dir, f"{self.name.replace(':', '-')}-{self.starts}.log")
        with open(self.log, "wb") as out:
            self.process = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env,
                                            preexec_fn=_die_with_parent)
        if self not in _servers:
            _servers.append(self)
        return self

    def alive(self):
        return self.process is not None and self.process.poll() is None

    def wait_ready(self, timeout=60):
        """True once /readyz answers 200; False if the process exits or time runs out."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.alive():
                return False
            try:
                if requests.get(self.url + "/readyz", timeout=2).status_code == 200:
                    return True
            except requests.RequestException:
                pass
            time.sleep(0.1)
        return False

    def kill9(self):
        if self.alive():
            os.kill(self.process.pid, signal.SIGKILL)
        if self.process:
            self.process.wait(timeout=30)

    def stop(self, timeout=20):
        """SIGTERM (a graceful stop), then SIGKILL after `timeout` seconds."""
        if not self.process:
            return None
        if self.alive():
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=30)
        return self.process.returncode

    def log_tail(self, lines=5):
        try:
            with open(self.log, "r", errors="replace") as f:
                return "".join(f.readlines()[-lines:]).strip()
        except OSError:
            return ""

    def log_text(self):
        try:
            with open(self.log, "r", errors="replace") as f:
                return f.read()
        except OSError:
            return ""


def sign_in(url, email, timeout=30, attempts=5):
    """An API token for a demo login (always the right password). Retries on 5xx and
    dropped connections, a bounded number of times."""
    last = None
    for _ in range(attempts):
        try:
            r = requests.post(url + "/api/v1/auth/token", json={"email": email, "password": PASSWORD}, timeout=timeout)
            if r.status_code in (200, 201):
                return r.json()["token"]
            last = f"{r.status_code} {r.text[:200]}"
            if r.status_code < 500:
                break
        except requests.RequestException as error:
            last = str(error)
        time.sleep(0.5)
    raise RuntimeError(f"sign-in as {email} at {url} failed: {last}")


def auth(token):
    return {"authorization": f"Bearer {token}"}


def migrations(url, token):
    r = requests.get(url + "/api/v1/migrations?per=100", headers=auth(token), timeout=30)
    r.raise_for_status()
    return r.json()["items"]


def migration(url, token, mid):
    """(JSON, version from the ETag)."""
    r = requests.get(f"{url}/api/v1/migrations/{mid}", headers=auth(token), timeout=30)
    r.raise_for_status()
    return r.json(), etag_version(r)


def etag_version(response):
    tag = response.headers.get("etag", "")
    tag = tag[2:] if tag.startswith("W/") else tag
    try:
        return int(tag.strip('"'))
    except ValueError:
        return None


def history(url, token, mid, per=100, max_pages=1000):
    """Every audit event of a migration, newest first, read page by page; and the total."""
    items, total, page = [], None, 1
    while page <= max_pages:
        r = requests.get(f"{url}/api/v1/migrations/{mid}/history?page={page}&per={per}", headers=auth(token), timeout=30)
        r.raise_for_status()
        body = r.json()
        total = body["total"]
        items += body["items"]
        if not body["items"] or len(items) >= total:
            break
        page += 1
    return items, total


def pg_bin():
    roots = sorted((d for d in os.listdir("/usr/lib/postgresql") if os.path.isdir(f"/usr/lib/postgresql/{d}/bin")),
                   key=lambda v: [int(p) if p.isdigit() else p for p in v.split(".")]) if os.path.isdir("/usr/lib/postgresql") else []
    return f"/usr/lib/postgresql/{roots[-1]}/bin" if roots else None


def postgres_start(port, root):
    """Starts a throwaway PostgreSQL with scripts/postgres-start; returns its URL. Never on
    the port or folder the other tests use (5433, /tmp/cutover-postgres): starting there
    would stop and wipe a server someone else is using."""
    if int(port) == 5433 or os.path.realpath(root) == "/tmp/cutover-postgres":
        raise SystemExit(f"refusing PostgreSQL on port {port} in {root}: that is the one other tests use")
    env = dict(os.environ, PGPORT=str(port), PGROOT=root)
    out = subprocess.run([os.path.join(ROOT, "scripts", "postgres-start")], env=env, capture_output=True, text=True, timeout=300)
    if out.returncode != 0:
        raise RuntimeError(f"postgres-start failed: {out.stderr.strip()[-500:]}")
    def stop():
        subprocess.run([os.path.join(ROOT, "scripts", "postgres-stop")], env=env, capture_output=True, timeout=60)
        shutil.rmtree(root, ignore_errors=True)
    on_exit(stop)
    return out.stdout.strip().splitlines()[-1]


def database_url(base, name):
    """The URL of another database on the same server as `base`."""
    head, _, tail = base.partition("?")
    head = head.rsplit("/", 1)[0] + "/" + name
    return head + ("?" + tail if tail else "")


def psql(url, sql):
    """Runs SQL with psql; returns its output (tuples only, unaligned)."""
    plain = url.split("?")[0]
    out = subprocess.run([os.path.join(pg_bin(), "psql"), plain, "-v", "ON_ERROR_STOP=1", "-At", "-c", sql],
                         capture_output=True, text=True, timeout=120)
    if out.returncode != 0:
        raise RuntimeError(f"psql failed: {out.stderr.strip()[-300:]}")
    return out.stdout.strip()


def rss_kb(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def _cleanup():
    for server in _servers:
        try:
            server.stop(timeout=10)
        except Exception:
            pass
    _servers.clear()
    for function in reversed(_cleanups):
        try:
            function()
        except Exception as error:  # cleanup must go on
            say(f"(cleanup: {error})")
    _cleanups.clear()
    if os.environ.get("KEEP_CHECK_FILES") != "1":
        for folder in _folders:
            shutil.rmtree(folder, ignore_errors=True)
    _folders.clear()


def _on_signal(number, _frame):
    say(f"stopped by signal {number}")
    _cleanup()
    sys.exit(128 + number)


atexit.register(_cleanup)
signal.signal(signal.SIGTERM, _on_signal)
signal.signal(signal.SIGINT, _on_signal)
signal.signal(signal.SIGHUP, _on_signal)
