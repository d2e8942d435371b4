"""The one support module of the checks in scripts/checks; every check's Python side imports it.

- Demo logins and the requests a check sends: Client names the statuses it expects (or
  ANY, when the caller compares the status itself) and an unexpected one raises
  UnexpectedStatus, which the checks count as a failure; Api adds a bearer token, Web the
  session cookie and the CSRF form token. issue_token signs in for a token.
- Tally counts passed and failed checks and prints the closing `NAME: N passed, M failed`.
- For the checks that start their own servers (crash, soak, backup, instances): Server (one
  `cutover serve` process), a throwaway PostgreSQL, temporary folders, and a clean-up that
  stops and removes all of them however the check ends (stop_on_signals).
- `python3 lib.py serve PORT DATA` keeps one demo server for server.sh (see serve()).

Nothing here sends a wrong password: five would lock a demo account.
"""

import atexit
import hashlib
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from html.parser import HTMLParser

try:
    import requests
except ImportError:  # server.sh installs it; say so plainly when run by hand
    sys.exit("the checks need the Python package 'requests' (pip install requests)")

BIN = os.environ.get("CUTOVER_BIN", "")
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEMO_PASSWORD = "demo-password"

# Every demo login `cutover serve --demo` prints, by a short name.
ROLES = {
    "national": "admin@national.demo.test",
    "icb": "commissioning@icb.demo.test",
    "csu": "pm@csu.demo.test",
    "tpp": "deployment@tpp.demo.test",
    "emis": "migrations@emis.demo.test",
    "docman": "docman@advanced.demo.test",
    "practice": "manager@b82001.demo.test",
    "practice-none": "manager@b82099.demo.test",
}
SUPPLIER_ROLES = ("tpp", "emis", "docman")

ANY = object()  # "any status": the caller compares it itself
REQUEST_TIMEOUT = 15
TOKEN_PATH = "/api/v1/auth/token"


def say(line=""):
    print(line, flush=True)


# Requests -------------------------------------------------------------------------------

class UnexpectedStatus(Exception):
    def __init__(self, response, expected):
        self.response = response
        self.expected = expected
        body = (response.text or "")[:200].replace("\n", " ")
        request = response.request
        super().__init__(f"{request.method} {request.path_url}: got {response.status_code}, expected {describe(expected)}: {body}")


def describe(expected):
    if expected is ANY:
        return "any"
    if isinstance(expected, int):
        return str(expected)
    return " or ".join(str(s) for s in sorted(expected))


def status_ok(status, expected):
    if expected is ANY:
        return True
    if isinstance(expected, int):
        return status == expected
    return status in expected


class BoundReached(Exception):
    """A check's request count or time limit is used up."""


class Client:
    """A requests session against one server, with the statuses each call expects.

    `Client.budget`, when a check sets one, bounds every request of every client (a
    request count and a time limit); past it, requests raise BoundReached."""

    budget = None

    def __init__(self, base, headers=None, timeout=REQUEST_TIMEOUT):
        self.base = base.rstrip("/")
        self.timeout = timeout
        self.session = requests.Session()
        self.session.trust_env = False  # never a proxy: all traffic stays on 127.0.0.1
        if headers:
            self.session.headers.update(headers)
        self.sent = 0

    def request(self, method, path, expect, **kwargs):
        if expect is None:
            raise ValueError("say which statuses are expected (or ANY)")
        kwargs.setdefault("timeout", self.timeout)
        kwargs.setdefault("allow_redirects", False)
        url = path if path.startswith("http") else self.base + path
        if Client.budget is not None and not Client.budget.spend():
            raise BoundReached(f"stopped at the {Client.budget.exhausted} bound before {method} {path[:80]}")
        self.sent += 1
        response = self.session.request(method, url, **kwargs)
        if not status_ok(response.status_code, expect):
            raise UnexpectedStatus(response, expect)
        return response

    def get(self, path, expect, **kwargs):
        return self.request("GET", path, expect, **kwargs)

    def post(self, path, expect, **kwargs):
        return self.request("POST", path, expect, **kwargs)

    def patch(self, path, expect, **kwargs):
        return self.request("PATCH", path, expect, **kwargs)

    def get_json(self, path, expect=200, **kwargs):
        return body_json(self.get(path, expect, **kwargs))


def request_token(client, email, password=DEMO_PASSWORD, expect=201):
    """POST /api/v1/auth/token as `email` through `client`: the answer."""
    return client.post(TOKEN_PATH, expect, json={"email": email, "password": password})


def issue_token(base, email, password=DEMO_PASSWORD, attempts=1, timeout=REQUEST_TIMEOUT):
    """An API token: 201 with {"token"}, else UnexpectedStatus. With `attempts` above one,
    a 5xx or a dropped connection is tried again half a second later, that many times in all."""
    client = Client(base, timeout=timeout)
    for attempt in range(1, attempts + 1):
        try:
            response = request_token(client, email, password)
            break
        except UnexpectedStatus as error:
            if attempt == attempts or error.response.status_code < 500:
                raise
        except requests.RequestException:
            if attempt == attempts:
                raise
        time.sleep(0.5)
    token = body_json(response).get("token")
    if not isinstance(token, str) or not token:
        raise AssertionError(f"no token in the answer for {email}")
    return token


def auth(token):
    return {"Authorization": f"Bearer {token}"}


class Api(Client):
    """The JSON API as one user, with a bearer token."""

    def __init__(self, base, token, label=""):
        super().__init__(base, auth(token))
        self.token = token
        self.label = label

    @classmethod
    def sign_in(cls, base, email, password=DEMO_PASSWORD, label=""):
        return cls(base, issue_token(base, email, password), label or email)

    def all_items(self, path, per=100, max_pages=50, seconds=60):
        """Every item of a paginated list, bounded by pages and time."""
        items, page, started = [], 1, time.monotonic()
        joiner = "&" if "?" in path else "?"
        while page <= max_pages and time.monotonic() - started < seconds:
            data = self.get_json(f"{path}{joiner}page={page}&per={per}")
            items.extend(data["items"])
            if len(data["items"]) < per or len(items) >= data.get("total", 0):
                return items
            page += 1
        raise AssertionError(f"{path}: more than {max_pages} pages or {seconds} s")


CSRF_INPUT = re.compile(r'<input[^>]*name="csrf"[^>]*value="([^"]*)"')


def form_token(html):
    """The CSRF token in a page's forms (every form of a session carries the same one)."""
    match = CSRF_INPUT.search(html)
    return match.group(1) if match else None


class Web(Client):
    """The web pages as one signed-in user: session cookie plus the CSRF form token."""

    def __init__(self, base, label="", timeout=REQUEST_TIMEOUT):
        super().__init__(base, timeout=timeout)
        self.label = label
        self.csrf = None
        self.form = None

    def sign_in(self, email, password=DEMO_PASSWORD, next_path="/", expect=303, strict=True):
        """GET /sign-in for the pre-session `cutover_csrf` cookie, then POST the form with it.
        Returns the POST's answer; the form's is kept as `form`. Strict, the form must answer
        200 and carry the cookie's token, and a 303 must set the session cookie; not strict
        (a load that tallies every answer itself), both requests go whatever comes back."""
        self.form = self.get("/sign-in", 200 if strict else ANY)
        token = self.session.cookies.get("cutover_csrf")
        if strict and not token:
            raise AssertionError("GET /sign-in set no cutover_csrf cookie")
        if strict and form_token(self.form.text) != token:
            raise AssertionError("the sign-in form's csrf field is not the cutover_csrf cookie")
        response = self.post("/sign-in", expect, data={"email": email, "password": password, "next": next_path, "csrf": token or ""})
        if response.status_code == 303:
            if strict and not self.session.cookies.get("cutover_session"):
                raise AssertionError(f"signing in as {email} set no session cookie")
            self.csrf = None
        return response

    def page(self, path, expect=200, **kwargs):
        """A page; remembers the session's CSRF token from its forms."""
        response = self.get(path, expect, **kwargs)
        token = form_token(response.text)
        if token:
            self.csrf = token
        return response

    def token(self):
        if not self.csrf:
            self.page("/")
        if not self.csrf:
            raise AssertionError("no CSRF token on the home page")
        return self.csrf

    def post_form(self, path, fields, expect, **kwargs):
        """POSTs a form (a dict, or a list of pairs for repeated names) with the CSRF token."""
        pairs = list(fields.items()) if isinstance(fields, dict) else list(fields)
        if not any(name == "csrf" for name, _ in pairs):
            pairs.append(("csrf", self.token()))
        return self.post(path, expect, data=pairs, **kwargs)


def body_json(response):
    try:
        return response.json()
    except ValueError:
        raise AssertionError(f"{response.request.method} {response.request.path_url}: not JSON: {response.text[:120]!r}")


def canonical(value):
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def digest(value):
    return hashlib.sha256(canonical(value).encode()).hexdigest()[:16]


def answers(url, timeout):
    """True when GET `url` answers 200 within `timeout` seconds."""
    try:
        return requests.get(url, timeout=timeout).status_code == 200
    except requests.RequestException:
        return False


def alive(base, seconds=5):
    """True when GET /healthz answers 200 within `seconds`."""
    return answers(base.rstrip("/") + "/healthz", seconds)


def etag_version(response):
    tag = response.headers.get("etag", "")
    tag = tag[2:] if tag.startswith("W/") else tag
    try:
        # "<version>-<day>": the version is the optimistic lock.
        return int(tag.strip('"').split("-")[0])
    except ValueError:
        return None


def migrations(url, token):
    r = requests.get(url + "/api/v1/migrations?per=100", headers=auth(token), timeout=30)
    r.raise_for_status()
    return r.json()["items"]


def migration(url, token, mid):
    """(JSON, version from the ETag)."""
    r = requests.get(f"{url}/api/v1/migrations/{mid}", headers=auth(token), timeout=30)
    r.raise_for_status()
    return r.json(), etag_version(r)


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


class Budget:
    """Bounds a loop by a request count and a time limit; `spend()` is False once either is used up."""

    def __init__(self, requests_allowed, seconds):
        self.left = requests_allowed
        self.until = time.monotonic() + seconds
        self.exhausted = None

    def spend(self, n=1):
        if self.left < n:
            self.exhausted = "request count"
            return False
        if time.monotonic() >= self.until:
            self.exhausted = "time limit"
            return False
        self.left -= n
        return True


class Tally:
    """Passed and failed checks, printed at the end as `NAME: N passed, M failed`; the exit
    code is 0 only when something passed and nothing failed. Checks counted by group (`check`,
    `expect`) also get a line per group; `verify` counts a check without a group."""

    def __init__(self, name, quiet=False):
        self.name = name
        self.quiet = quiet
        self.groups = {}
        self.failures = []

    def _group(self, group):
        return self.groups.setdefault(group, {"passed": 0, "failed": 0})

    def ok(self, group=None):
        self._group(group)["passed"] += 1

    def fail(self, group, message):
        self._group(group)["failed"] += 1
        self.failures.append((group, message))
        if not self.quiet:
            say(f"FAILED: {message}" if group is None else f"FAILED [{group}] {message}")

    def check(self, group, condition, message):
        if condition:
            self.ok(group)
        else:
            self.fail(group, message)
        return condition

    def verify(self, what, condition, detail=""):
        """A check without a group; a failure prints `FAILED: what (detail)`."""
        return self.check(None, condition, what + (f" ({detail})" if detail else ""))

    def expect(self, group, response, expected, what):
        """Checks a response's status against the exact statuses expected."""
        good = status_ok(response.status_code, expected)
        if not good:
            body = (response.text or "")[:160].replace("\n", " ")
            self.fail(group, f"{what}: got {response.status_code}, expected {describe(expected)}: {body}")
        else:
            self.ok(group)
        return good

    @property
    def passed(self):
        return sum(g["passed"] for g in self.groups.values())

    @property
    def failed(self):
        return sum(g["failed"] for g in self.groups.values())

    def report(self, list_failures=False):
        """The per-group lines and the closing line; with `list_failures`, every failure
        first (for checks whose workers ran quiet and only collected them)."""
        if list_failures and self.failures:
            print("failures:")
            for group, message in self.failures:
                print(f"  [{group}] {message}")
        named = [group for group in self.groups if group is not None]
        width = max([len(g) for g in named] + [5])
        for group in named:
            counts = self.groups[group]
            print(f"  {group.ljust(width)}  {counts['passed']:6d} passed  {counts['failed']:4d} failed")
        say(f"{self.name}: {self.passed} passed, {self.failed} failed")
        return 0 if self.failed == 0 and self.passed > 0 else 1


class TagCollector(HTMLParser):
    """Every start tag with its attributes, and the text inside <script> elements."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []
        self.scripts = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))
        if tag == "script":
            self._in_script = True
            self.scripts.append("")

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data


def parse_tags(html):
    parser = TagCollector()
    parser.feed(html)
    parser.close()
    return parser


# Servers, folders and the clean-up --------------------------------------------------------

_servers = []
_folders = []
_cleanups = []
_pinned = []


def temp_folder(prefix):
    path = tempfile.mkdtemp(prefix=f"cutover-{prefix}-")
    _folders.append(path)
    return path


def on_exit(function):
    """Runs `function` when the check ends, after the servers stop and before folders go."""
    _cleanups.append(function)


def cutover_binary():
    """CUTOVER_BIN, which must be an executable."""
    if not BIN or not os.access(BIN, os.X_OK):
        raise SystemExit(f"no cutover binary at '{BIN}': set CUTOVER_BIN")
    return BIN


def binary():
    """The cutover binary for this run: a private copy of CUTOVER_BIN taken at first use,
    so that every server in one run is the same build even if a newer one is written to
    CUTOVER_BIN meanwhile. Prints which build it is."""
    if _pinned:
        return _pinned[0]
    copy = os.path.join(temp_folder("bin"), "cutover")
    shutil.copy2(cutover_binary(), copy)
    sha = hashlib.sha256()
    with open(copy, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            sha.update(block)
    stamp = time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(os.path.getmtime(copy)))
    say(f"binary: {BIN} (written {stamp} UTC, sha256 {sha.hexdigest()[:12]})")
    _pinned.append(copy)
    return copy


def _die_with_parent():
    """In the child before exec: a server gets SIGKILL if its starter dies without cleaning
    up (servers are always started from the main thread, which lives as long as the starter)."""
    try:
        import ctypes
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except Exception:
        pass


class Server:
    """One `cutover serve` process on 127.0.0.1. SQLite in `data` unless `database_url` is
    given; the pinned binary() unless `program` names one; `env` adds to its environment.
    Output goes to a log per start."""

    def __init__(self, port, data=None, database_url=None, demo=True, log_dir=None, name=None, program=None, env=None):
        self.port = port
        self.env = env or {}
        self.data = data
        self.database_url = database_url
        self.demo = demo
        self.program = program
        self.name = name or f"server:{port}"
        self.log_dir = log_dir or data or temp_folder("log")
        self.url = f"http://127.0.0.1:{port}"
        self.process = None
        self.starts = 0

    @property
    def pid(self):
        return self.process.pid if self.process else None

    def start(self):
        args = [self.program or binary(), "serve", "--host", "127.0.0.1", "--port", str(self.port)]
        if self.data:
            args += ["--data", self.data]
        if self.demo:
            args.append("--demo")
        env = dict(os.environ, **self.env)
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
            if answers(self.url + "/readyz", 2):
                return True
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


def rss_kb(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def integrity(path):
    """PRAGMA integrity_check of an SQLite file, opened read-only."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
    try:
        return ", ".join(row[0] for row in connection.execute("PRAGMA integrity_check").fetchall())
    finally:
        connection.close()


def pg_bin():
    roots = sorted((d for d in os.listdir("/usr/lib/postgresql") if os.path.isdir(f"/usr/lib/postgresql/{d}/bin")),
                   key=lambda v: [int(p) if p.isdigit() else p for p in v.split(".")]) if os.path.isdir("/usr/lib/postgresql") else []
    return f"/usr/lib/postgresql/{roots[-1]}/bin" if roots else None


def postgres_start(port, root):
    """Starts a throwaway PostgreSQL with scripts/postgres-start, stopped and removed when the
    check ends; returns its URL. Never on the port or folder the other tests use (5433,
    /tmp/cutover-postgres): starting there would stop and wipe a server someone else is using."""
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


atexit.register(_cleanup)  # nothing to do for a check that started nothing


def _on_signal(number, _frame):
    say(f"stopped by signal {number}")
    _cleanup()
    sys.exit(128 + number)


def stop_on_signals():
    """For a check that starts servers: SIGTERM, SIGINT or SIGHUP stop them, run the on_exit
    functions, remove the folders and end the check with 128 + the signal's number."""
    for number in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(number, _on_signal)


def serve(port, data):
    """`python3 lib.py serve PORT DATA`, for server.sh: `cutover serve --demo` on PORT with the
    data folder DATA, from CUTOVER_BIN itself (the wrappers run its other commands on the same
    folder). Once the server is ready, writes its log's path on file descriptor 3 and closes
    it; then lives as long as the server. SIGTERM stops both (the server within 10 seconds)."""
    signal.signal(signal.SIGTERM, lambda number, frame: sys.exit(0))  # the atexit clean-up stops the server
    server = Server(int(port), data=data, name="server", program=cutover_binary()).start()
    if not server.wait_ready(60):
        if server.alive():
            print("the server did not answer /readyz within 60 seconds", file=sys.stderr)
        else:
            print("the server exited while starting; its log:\n" + server.log_tail(20), file=sys.stderr)
        return 1
    with os.fdopen(3, "w") as ready:
        ready.write(server.log + "\n")
    return server.process.wait()


if __name__ == "__main__":
    if sys.argv[1:2] != ["serve"] or len(sys.argv) != 4:
        sys.exit("usage: python3 lib.py serve PORT DATA")
    sys.exit(serve(*sys.argv[2:]))
