"""Shared helpers for the checks in scripts/checks (fuzz, permissions, hostile).

The bash wrappers start and stop the server; this side talks to it: API tokens, web
sessions with their CSRF tokens, JSON helpers, bounded loops and the pass/fail tally.

No helper hides a status code it did not expect: every request names the statuses it
expects (or ANY, when the caller compares the status itself) and an unexpected one raises
UnexpectedStatus, which the checks count as a failure.
"""

import hashlib
import json
import re
import sys
import time
from html.parser import HTMLParser

try:
    import requests
except ImportError:  # the wrappers install it; say so plainly when run by hand
    sys.exit("the checks need the Python package 'requests' (pip install requests)")

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

    def __init__(self, base, headers=None):
        self.base = base.rstrip("/")
        self.session = requests.Session()
        self.session.trust_env = False  # never a proxy: all traffic stays on 127.0.0.1
        if headers:
            self.session.headers.update(headers)
        self.sent = 0

    def request(self, method, path, expect, **kwargs):
        if expect is None:
            raise ValueError("say which statuses are expected (or ANY)")
        kwargs.setdefault("timeout", REQUEST_TIMEOUT)
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


def issue_token(base, email, password=DEMO_PASSWORD):
    """POST /api/v1/auth/token; 201 with {"token"} or UnexpectedStatus."""
    client = Client(base)
    response = client.post("/api/v1/auth/token", 201, json={"email": email, "password": password})
    token = body_json(response).get("token")
    if not isinstance(token, str) or not token:
        raise AssertionError(f"no token in the answer for {email}")
    return token


class Api(Client):
    """The JSON API as one user, with a bearer token."""

    def __init__(self, base, token, label=""):
        super().__init__(base, {"Authorization": f"Bearer {token}"})
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

    def __init__(self, base, label=""):
        super().__init__(base)
        self.label = label
        self.csrf = None

    def sign_in(self, email, password=DEMO_PASSWORD, next_path="/", expect=303):
        """GET /sign-in for the pre-session `cutover_csrf` cookie, then POST the form."""
        page = self.get("/sign-in", 200)
        token = self.session.cookies.get("cutover_csrf")
        if not token:
            raise AssertionError("GET /sign-in set no cutover_csrf cookie")
        if form_token(page.text) != token:
            raise AssertionError("the sign-in form's csrf field is not the cutover_csrf cookie")
        response = self.post("/sign-in", expect, data={"email": email, "password": password, "next": next_path, "csrf": token})
        if response.status_code == 303:
            if not self.session.cookies.get("cutover_session"):
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


def alive(base, seconds=5):
    """True when GET /healthz answers 200 within `seconds`."""
    try:
        return requests.get(base.rstrip("/") + "/healthz", timeout=seconds).status_code == 200
    except requests.RequestException:
        return False


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
    """Passed and failed checks by group, printed at the end as `name: N passed, M failed`."""

    def __init__(self, name, quiet=False):
        self.name = name
        self.quiet = quiet
        self.groups = {}
        self.failures = []

    def _group(self, group):
        return self.groups.setdefault(group, {"passed": 0, "failed": 0})

    def ok(self, group):
        self._group(group)["passed"] += 1

    def fail(self, group, message):
        self._group(group)["failed"] += 1
        self.failures.append((group, message))
        if not self.quiet:
            print(f"FAILED [{group}] {message}", flush=True)

    def check(self, group, condition, message):
        if condition:
            self.ok(group)
        else:
            self.fail(group, message)
        return condition

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

    def report(self):
        width = max([len(g) for g in self.groups] + [5])
        for group, counts in self.groups.items():
            print(f"  {group.ljust(width)}  {counts['passed']:6d} passed  {counts['failed']:4d} failed")
        print(f"{self.name}: {self.passed} passed, {self.failed} failed", flush=True)
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
