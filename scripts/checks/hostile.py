"""Hostile input, one group per run (the wrapper gives each group a fresh server).

    hostile.py group LETTER --url URL --data DIR --out FILE
    hostile.py summary FILE...

    a  script payloads in every free text shown in HTML or CSV; CSV formula cells
    b  SQL fragments in every list filter: 422 or ordinary results, data intact
    c  oversize (413), deeply nested (400/422) and invalid UTF-8 (400/422) bodies
    d  huge and negative numbers in every numeric parameter and field: 4xx, never 5xx
    e  CR/LF, tabs, other hosts in the sign-in redirect target
    f  extreme dates in every date field: 422 naming the field (the case known to
       crash, kick-off and technical survey on one day, runs last)

Every group ends by asking /healthz; d and f ask after every request, so a crash is
pinned on the request that caused it. Each group is bounded by a request count and a
time limit.
"""

import argparse
import csv
import datetime
import html
import io
import json
import os
import re
import sqlite3
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lib  # noqa: E402
from lib import ANY  # noqa: E402

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
JS = "javascript:alert(1)"
QUOTE = "' onmouseover='x"
PAYLOADS = [SCRIPT, IMG, JS, QUOTE]
ALL = " ".join(PAYLOADS)  # for fields that can be given only once
SQL = ["' OR 1=1 --", '"; DROP TABLE migrations; --', "1 OR 1=1", "%' OR '1'='1"]
NUMBERS = ["9223372036854775807", "-1", "1e308", "99999999999999999999", "-9223372036854775808"]
DATES = ["0001-01-01", "0415-02-10", "9999-12-31", "2027-02-30", "2027-13-01"]
REDIRECTS = [
    ("/%0D%0ASet-Cookie:x=y", "/\r\nSet-Cookie:x=y"),
    ("/%250D%250ASet-Cookie:x=y", "/%0D%0ASet-Cookie:x=y"),
    ("/%09/evil.example", "/\t/evil.example"),
    ("//evil.example", "//evil.example"),
    ("/%5Cevil.example", "/\\evil.example"),
    ("/%5C%5Cevil.example", "/\\\\evil.example"),
    ("https://evil.example", "https://evil.example"),
    ("%20//evil.example", " //evil.example"),
    ("/%0Aevil", "/\nevil"),
    ("/migrations?x=1%0D%0AX-Injected:%20yes", "/migrations?x=1\r\nX-Injected: yes"),
]
CSV_FORMULAS = ["=HYPERLINK(\"http://evil.example\",\"x\")", "+1+1", "-1+1", "@SUM(1)", "\tTabbed Practice", "\rReturned Practice"]
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background"}


class ServerDied(Exception):
    pass


class Hostile:
    def __init__(self, url, data, group, max_requests, seconds):
        self.url, self.data, self.group = url, data, group
        self.tally = lib.Tally("hostile", quiet=True)
        self.budget = lib.Budget(max_requests, seconds)
        lib.Client.budget = self.budget  # every request of the group counts, set-up included
        self.notes = []

    # -- requests and checks ---------------------------------------------------------------

    def call(self, client, method, path, watch=False, **kwargs):
        """One request within the group's bounds; `watch` asks /healthz right after it."""
        what = f"{method} {path[:90]}"
        try:
            response = client.request(method, path, ANY, **kwargs)
        except lib.requests.RequestException as error:
            if not lib.alive(self.url):
                self.tally.fail(self.group, f"the server stopped answering after {what} ({type(error).__name__})")
                raise ServerDied(what)
            raise
        if watch and not lib.alive(self.url):
            self.tally.fail(self.group, f"the server stopped answering after {what} (it answered {response.status_code})")
            raise ServerDied(what)
        return response

    def expect(self, response, expected, what):
        return self.tally.expect(self.group, response, expected, what)

    def no_5xx(self, response, what, allowed=None):
        """Never 5xx; with `allowed`, one of those statuses."""
        if response.status_code >= 500:
            self.tally.fail(self.group, f"{what}: {response.status_code} {response.text[:120]!r}")
            return False
        if allowed is not None:
            return self.expect(response, allowed, what)
        self.tally.ok(self.group)
        return True

    def check(self, condition, message):
        return self.tally.check(self.group, condition, message)

    def field_error(self, response, field, what):
        """422 naming `field` (or an element of it, such as field[0])."""
        if not self.expect(response, 422, what):
            return False
        named = (lib.body_json(response).get("error") or {}).get("field") or ""
        return self.check(named == field or named.startswith(field + "[") or named.startswith(field + "."),
                          f"{what}: the 422 names {named!r}, not {field!r}")

    def sign_in_all(self, names):
        apis = {n: lib.Api.sign_in(self.url, lib.ROLES[n], label=n) for n in names}
        return apis

    def admin_snapshot(self, admin):
        """Every migration's JSON, and the counts of users and practices: for 'data intact'."""
        snapshot = {}
        for summary in admin.all_items("/api/v1/migrations"):
            snapshot[summary["id"]] = lib.digest(admin.get_json(f"/api/v1/migrations/{summary['id']}"))
        snapshot["users"] = len(admin.all_items("/api/v1/users"))
        snapshot["practices"] = len(admin.all_items("/api/v1/practices"))
        return snapshot

    # -- helpers for the demo region ---------------------------------------------------------------

    def free_practice(self, csu, avoid=()):
        taken = {m["practiceOdsCode"] for m in csu.all_items("/api/v1/migrations")}
        for practice in csu.all_items("/api/v1/practices"):
            if practice["odsCode"] not in taken and practice["odsCode"] not in avoid:
                return practice["odsCode"]
        raise AssertionError("no practice of the CSU is without a migration")

    def by_ods(self, api):
        return {m["practiceOdsCode"]: m["id"] for m in api.all_items("/api/v1/migrations")}

    def today(self, api, mid):
        return datetime.date.fromisoformat(api.get_json(f"/api/v1/migrations/{mid}/plan")["today"])

    # -- a: script payloads -------------------------------------------------------------------------

    def group_a(self):
        apis = self.sign_in_all(["national", "csu", "icb", "emis", "practice"])
        csu, icb, emis, practice = apis["csu"], apis["icb"], apis["emis"], apis["practice"]
        ods = self.by_ods(csu)
        today = self.today(csu, ods["B82001"])
        day = lambda n: working_day(today, n)  # noqa: E731
        self.fixture_practice_names(ods)
        target = self.free_practice(csu, avoid={"B82099"})
        created = self.call(csu, "POST", "/api/v1/migrations", json={
            "practiceOdsCode": target, "sourceProductCode": "10000-001", "targetProductCode": "10052-002",
            "businessCase": {"drivers": f"{ALL} drivers", "considerations": f"{ALL} considerations", "strategicFit": f"{ALL} fit"},
            "provisionalGoLive": day(160),
            "blackouts": [{"start": day(200 + 10 * i), "end": day(200 + 10 * i), "reason": p} for i, p in enumerate(PAYLOADS)]})
        self.expect(created, 201, "create a migration with script payloads")
        mid = lib.body_json(created)["id"]
        base = f"/api/v1/migrations/{mid}"
        steps = [
            (icb, "/approval", {"fundingAmount": 1000, "fundingSource": ALL}),
            (csu, "/registration", {"reference": ALL[:100]}),
        ] + [(csu, "/notices", {"recipient": p, "service": "other"}) for p in PAYLOADS] \
          + [(csu, "/action-items", {"title": p, "phase": "kick-off", "owner": "practice", "due": day(30)}) for p in PAYLOADS]
        for api, path, body in steps:
            self.expect(self.call(api, "POST", base + path, json=body), 201 if path in ("/notices", "/action-items") else 200, f"POST {path} with payloads")
        # A rejected Schedule A each from the commissioner and from the old system's supplier.
        self.expect(self.call(csu, "POST", base + "/schedule-as", json={"kind": "target"}), 201, "call off the target Schedule A")
        self.expect(self.call(csu, "POST", base + "/schedule-as", json={"kind": "decommission"}), 201, "call off the decommission Schedule A")
        schedule = {s["kind"]: s["id"] for s in csu.get_json(base)["scheduleAs"]}
        self.expect(self.call(icb, "POST", f"{base}/schedule-as/{schedule['target']}/commissioner-decision", json={"decision": "reject", "reason": ALL}), 200,
                    "the commissioner rejects with a payload reason")
        self.expect(self.call(icb, "POST", f"{base}/schedule-as/{schedule['decommission']}/commissioner-decision", json={"decision": "accept"}), 200,
                    "the commissioner accepts the decommission")
        self.expect(self.call(emis, "POST", f"{base}/schedule-as/{schedule['decommission']}/supplier-decision", json={"decision": "reject", "reason": ALL}), 200,
                    "the old system's supplier rejects with a payload reason")
        own = ods["B82001"]
        for kind, name, comment in (("data-checking", SCRIPT, IMG), ("go-live-data", JS, QUOTE)):
            self.expect(self.call(practice, "POST", f"/api/v1/migrations/{own}/sign-offs", json={"kind": kind, "signerName": name, "comment": comment}), 200,
                        f"the practice signs {kind} with payloads")
        etag = self.call(csu, "GET", f"/api/v1/migrations/{own}").headers.get("etag")
        self.expect(self.call(csu, "PATCH", f"/api/v1/migrations/{own}", headers={"If-Match": etag},
                              json={"blackouts": [{"start": day(90), "end": day(91), "reason": ALL}]}), 200, "a blackout with a payload reason")
        # Every page, as every kind of user.
        pages = ["/", "/portfolio", "/portfolio?sort=practice", f"/migrations/{mid}", f"/migrations/{mid}/what-if?goLive={day(170)}",
                 f"/migrations/{own}", f"/migrations/{own}/what-if", "/migrations/new", "/admin", "/account"]
        seen = {}
        for name in ("csu", "icb", "national", "tpp", "emis", "practice"):
            web = lib.Web(self.url, label=name)
            web.sign_in(lib.ROLES[name])
            for path in pages:
                response = self.call(web, "GET", path)
                self.no_5xx(response, f"{name} GET {path}")
                self.scan_html(f"{name} GET {path}", response)
                seen[(name, path)] = html.unescape(response.text)
            if name in ("csu", "icb", "national"):
                self.check_csv(name, web)
        for payload in PAYLOADS:
            self.check(payload in seen[("csu", f"/migrations/{mid}")], f"the CSU's page of the new migration does not show {payload!r} at all (escaped)")
            self.check(payload in seen[("practice", f"/migrations/{own}")], f"the practice's page does not show the sign-off payload {payload!r} (escaped)")
        # Forms sent back with their values, and error pages that repeat the input.
        web = lib.Web(self.url, label="csu")
        web.sign_in(lib.ROLES["csu"])
        fields = {"intent": "preview", "practiceOdsCode": target, "sourceProductCode": "10000-001", "targetProductCode": "10052-002",
                  "businessCase.drivers": ALL, "businessCase.considerations": ALL, "businessCase.strategicFit": ALL,
                  "provisionalGoLive": ALL, "blackoutStart": day(200), "blackoutEnd": day(201), "blackoutReason": ALL}
        for intent in ("preview", "save"):
            response = self.call(web, "POST", "/migrations/new", data=dict(fields, intent=intent, csrf=web.token()))
            self.no_5xx(response, f"POST /migrations/new ({intent}) with payloads")
            self.scan_html(f"POST /migrations/new ({intent})", response)
        response = self.call(web, "POST", f"/migrations/{mid}/steps", data={"step": "notices", "formKey": "notices", "recipient": ALL, "service": ALL, "csrf": web.token()})
        self.no_5xx(response, "a refused notice form with payloads")
        self.scan_html("a refused notice form", response)
        for path in (f"/migrations/{mid}/what-if?goLive=" + lib.requests.utils.quote(ALL), "/portfolio?phase=" + lib.requests.utils.quote(ALL),
                     "/portfolio?supplier=" + lib.requests.utils.quote(ALL), f"/migrations/{lib.requests.utils.quote(ALL)}"):
            response = self.call(web, "GET", path)
            self.no_5xx(response, f"GET {path[:60]}")
            self.scan_html(f"GET {path[:60]}", response)
        stranger = lib.Client(self.url)
        response = self.call(stranger, "GET", "/sign-in?next=" + lib.requests.utils.quote(ALL))
        self.scan_html("GET /sign-in?next=payload", response)
        token = stranger.session.cookies.get("cutover_csrf")
        response = self.call(stranger, "POST", "/sign-in", data={"email": ALL, "password": "", "next": ALL, "csrf": token})
        self.expect(response, 422, "POST /sign-in with a payload e-mail and no password")
        self.scan_html("the sign-in form sent back", response)

    def fixture_practice_names(self, ods):
        """The test database gets formula-like and script names straight in SQLite (this
        run's own copy), for the CSV and the pages, with what the service does when an order
        file renames a practice: the lists show the name kept with each migration's
        judgement, so the judgements of its migrations are forgotten
        (`JudgementStore.forget(ofPractice:)`) and made again as the lists are read."""
        names = CSV_FORMULAS + [ALL]
        chosen = sorted(ods)[: len(names)]
        db = sqlite3.connect(os.path.join(self.data, "cutover.sqlite"), timeout=10)
        try:
            with db:
                for code, name in zip(chosen, names):
                    db.execute("UPDATE practices SET name = ? WHERE ods_code = ?", (name, code))
                    db.execute("DELETE FROM migration_judgements WHERE migration_id IN "
                               "(SELECT m.id FROM migrations m JOIN practices p ON p.id = m.practice_id WHERE p.ods_code = ?)", (code,))
        finally:
            db.close()
        self.fixture = dict(zip(chosen, names))

    def scan_html(self, where, response):
        text = response.text
        if "text/html" not in response.headers.get("content-type", ""):
            return
        lowered = text.lower()
        self.check(SCRIPT.lower() not in lowered, f"{where}: {SCRIPT} appears unescaped")
        self.check("<img src=x onerror=alert(1)>" not in lowered, f"{where}: the img payload appears unescaped")
        parsed = lib.parse_tags(text)
        scripts = [attrs for tag, attrs in parsed.tags if tag == "script"]
        self.check(not scripts, f"{where}: {len(scripts)} <script> element(s)")
        handlers = [(tag, name) for tag, attrs in parsed.tags for name, _ in attrs if name.lower().startswith("on")]
        self.check(not handlers, f"{where}: event handler attributes {handlers[:3]}")
        urls = [(tag, name, value) for tag, attrs in parsed.tags for name, value in attrs
                if name.lower() in URL_ATTRIBUTES and (value or "").strip().lower().replace("\t", "").replace("\n", "").startswith("javascript:")]
        self.check(not urls, f"{where}: javascript: URLs in attributes {urls[:3]}")
        policy = response.headers.get("content-security-policy", "")
        self.check("default-src 'none'" in policy or "script-src 'none'" in policy, f"{where}: no Content-Security-Policy that forbids scripts ({policy!r})")

    def check_csv(self, name, web):
        page = self.call(web, "GET", "/portfolio")
        link = re.search(r'href="(/portfolio\.csv[^"]*)"', page.text)
        self.check(link is not None, f"{name}: no CSV link on /portfolio")
        response = self.call(web, "GET", html.unescape(link.group(1)) if link else "/portfolio.csv")
        if not self.expect(response, 200, f"{name} GET the portfolio CSV"):
            return
        self.check(response.headers.get("content-type", "").startswith("text/csv"), f"{name}: the CSV is served as {response.headers.get('content-type')}")
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8"), newline="")))
        cells = [cell for row in rows for cell in row]
        bad = [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]
        self.check(not bad, f"{name}: CSV cells that a spreadsheet would run: {bad[:4]}")
        for formula in CSV_FORMULAS:
            self.check("'" + formula in cells, f"{name}: the CSV does not hold the practice {formula!r} as a quoted-out '{formula!r}")

    # -- b: SQL fragments in filters -----------------------------------------------------------------

    def group_b(self):
        apis = self.sign_in_all(["national", "csu", "tpp"])
        admin = apis["national"]
        before = self.admin_snapshot(admin)
        some = next(k for k in before if k not in ("users", "practices"))
        lists = {name: {m["id"] for m in apis[name].all_items("/api/v1/migrations")} for name in ("csu", "tpp")}
        quote = lib.requests.utils.quote
        for name in ("csu", "tpp"):
            api = apis[name]
            for fragment in SQL:
                for param in ("phase", "status", "supplier", "commissioner", "goLiveFrom", "goLiveTo", "overdue", "page", "per"):
                    response = self.call(api, "GET", f"/api/v1/migrations?{param}={quote(fragment)}")
                    if self.no_5xx(response, f"{name} GET /api/v1/migrations?{param}={fragment}", {200, 422}) and response.status_code == 200:
                        items = {i["id"] for i in lib.body_json(response)["items"]}
                        self.check(items <= lists[name], f"{name} ?{param}={fragment}: lists migrations beyond the role's own")
                for path in ("/api/v1/practices", f"/api/v1/migrations/{some}/history"):
                    for param in ("page", "per"):
                        response = self.call(api, "GET", f"{path}?{param}={quote(fragment)}")
                        self.no_5xx(response, f"{name} GET {path}?{param}={fragment}", {200, 404, 422})
                response = self.call(api, "GET", f"/api/v1/migrations/{some}/plan?goLive={quote(fragment)}")
                self.no_5xx(response, f"{name} GET .../plan?goLive={fragment}", {404, 422})
        for fragment in SQL:
            for param in ("page", "per"):
                self.no_5xx(self.call(admin, "GET", f"/api/v1/users?{param}={quote(fragment)}"), f"GET /api/v1/users?{param}={fragment}", {200, 422})
        web = lib.Web(self.url, label="csu")
        web.sign_in(lib.ROLES["csu"])
        for fragment in SQL:
            for path in ("/portfolio", "/portfolio.csv"):
                for param in ("phase", "status", "supplier", "sort", "overdue", "page"):
                    response = self.call(web, "GET", f"{path}?{param}={quote(fragment)}")
                    self.no_5xx(response, f"GET {path}?{param}={fragment}", {200, 400, 422})
            response = self.call(web, "GET", f"/migrations/{some}/what-if?goLive={quote(fragment)}")
            self.no_5xx(response, f"GET /migrations/{{id}}/what-if?goLive={fragment}", {422})
            response = self.call(web, "GET", f"/migrations/{quote(fragment)}")
            self.no_5xx(response, f"GET /migrations/{fragment}", {400, 404})
        stranger = lib.Client(self.url)
        self.call(stranger, "GET", "/sign-in")
        response = self.call(stranger, "POST", "/sign-in", data={"email": SQL[0], "password": "", "next": "/", "csrf": stranger.session.cookies.get("cutover_csrf")})
        self.no_5xx(response, "POST /sign-in with a SQL fragment as e-mail and no password", {422})
        after = self.admin_snapshot(admin)
        self.check(before == after, f"the data changed: {sorted(k for k in before if before.get(k) != after.get(k))[:5]}")

    # -- c: bodies ------------------------------------------------------------------------------------

    def group_c(self):
        apis = self.sign_in_all(["national", "csu"])
        csu, admin = apis["csu"], apis["national"]
        before = self.admin_snapshot(admin)
        ods = self.by_ods(csu)
        mid = ods["B82001"]
        etag = csu.get(f"/api/v1/migrations/{mid}", 200).headers.get("etag")
        big = "x" * (70 * 1024)
        json_targets = [
            ("POST", "/api/v1/migrations", {}),
            ("POST", f"/api/v1/migrations/{mid}/action-items", {}),
            ("POST", f"/api/v1/migrations/{mid}/notices", {}),
            ("PATCH", f"/api/v1/migrations/{mid}", {"If-Match": etag}),
            ("POST", "/api/v1/auth/token", {}),
        ]
        deep_array = ("[" * 10000 + "]" * 10000).encode()
        deep_object = ('{"a":' * 10000 + "1" + "}" * 10000).encode()
        deep_in_field = ('{"title":' + '{"a":' * 10000 + "1" + "}" * 10000 + ', "phase": "kick-off", "owner": "practice"}').encode()
        bad_utf8 = {  # invalid UTF-8 in a field each endpoint reads
            "/api/v1/migrations": b'{"practiceOdsCode": "B82099", "sourceProductCode": "10000-001", "targetProductCode": "10052-002", '
                                  b'"businessCase": {"drivers": "\xff\xfe", "considerations": "c", "strategicFit": "s"}}',
            "action-items": b'{"title": "\xff\xfe\xfd broken", "phase": "kick-off", "owner": "practice"}',
            "notices": b'{"recipient": "\xc3\x28 broken", "service": "other"}',
            "PATCH": b'{"blackouts": [{"start": "2027-08-02", "end": "2027-08-03", "reason": "\xff broken"}]}',
            "/api/v1/auth/token": b'{"email": "\xff@example.test", "password": "x"}',
        }
        for method, path, headers in json_targets:
            headers = dict(headers, **{"Content-Type": "application/json"})
            oversize = json.dumps({"title": big, "recipient": big, "email": big, "password": big, "phase": "kick-off", "owner": "practice",
                                   "service": "other", "businessCase": {"drivers": big}}).encode()
            self.expect(self.call(csu, method, path, data=oversize, headers=headers), 413, f"{method} {path}: a 140 KiB body")
            self.expect(self.call(csu, method, path, data=b"[" * (65 * 1024 + 1), headers=headers), 413, f"{method} {path}: 65 KiB of '['")
            for label, body in (("10,000 nested arrays", deep_array), ("10,000 nested objects", deep_object), ("10,000 nested objects in a field", deep_in_field)):
                self.expect(self.call(csu, method, path, data=body, headers=headers), {400, 422}, f"{method} {path}: {label}")
            key = next(k for k in bad_utf8 if k == method or path.endswith(k))
            self.expect(self.call(csu, method, path, data=bad_utf8[key], headers=headers), {400, 422}, f"{method} {path}: invalid UTF-8 in a field it reads")
            self.expect(self.call(csu, method, path, data=b'{"unknownField": "\xff\xfe"}', headers=headers), {400, 422},
                        f"{method} {path}: invalid UTF-8 in a field it does not read")
        web = lib.Web(self.url, label="csu")
        web.sign_in(lib.ROLES["csu"])
        form_headers = {"Content-Type": "application/x-www-form-urlencoded"}
        for path in (f"/migrations/{mid}/steps", "/migrations/new", "/sign-in"):
            body = f"csrf={web.token()}&step=action-items&title={big}&phase=kick-off&owner=practice".encode()
            self.expect(self.call(web, "POST", path, data=body, headers=form_headers), 413, f"web POST {path}: a 70 KiB form")
        body = f"csrf={web.token()}&step=action-items&formKey=x&title=%FF%FE&phase=kick-off&owner=practice".encode()
        self.expect(self.call(web, "POST", f"/migrations/{mid}/steps", data=body, headers=form_headers), {400, 422}, "web form with %FF%FE as the title")
        body = b"csrf=" + web.token().encode() + b"&step=action-items&formKey=x&title=\xff\xfe&phase=kick-off&owner=practice"
        self.expect(self.call(web, "POST", f"/migrations/{mid}/steps", data=body, headers=form_headers), {400, 422}, "web form with raw invalid UTF-8")
        after = self.admin_snapshot(admin)
        self.check(before == after, f"the data changed: {sorted(k for k in before if before.get(k) != after.get(k))[:5]}")
        # JSON escapes of lone surrogates are valid JSON but no Unicode: stored or refused, never a 5xx.
        for method, path, headers in json_targets:
            headers = dict(headers, **{"Content-Type": "application/json"})
            if method == "PATCH":
                headers["If-Match"] = csu.get(path, 200).headers.get("etag")
            body = b'{"title": "\\ud800", "phase": "kick-off", "owner": "practice", "recipient": "\\udfff", "service": "other"}'
            self.no_5xx(self.call(csu, method, path, data=body, headers=headers), f"{method} {path}: lone surrogate escapes", {200, 400, 401, 422})

    # -- d: numbers ----------------------------------------------------------------------------------

    def group_d(self):
        apis = self.sign_in_all(["national", "csu", "icb", "practice"])
        csu, icb, admin, practice = apis["csu"], apis["icb"], apis["national"], apis["practice"]
        ods = self.by_ods(csu)
        mid = ods["B82001"]
        proposed = next(m["id"] for m in admin.all_items("/api/v1/migrations") if m["status"] == "proposed")
        values = NUMBERS + ["0"]
        for value in values:
            for api, path in ((csu, "/api/v1/migrations"), (csu, "/api/v1/practices"), (admin, "/api/v1/users"), (csu, f"/api/v1/migrations/{mid}/history")):
                for param in ("page", "per"):
                    response = self.call(api, "GET", f"{path}?{param}={value}", watch=True)
                    self.no_5xx(response, f"GET {path}?{param}={value}", {422})
        for value in NUMBERS:
            raw = f'{{"fundingAmount": {value}, "fundingSource": "number check"}}'.encode()
            response = self.call(icb, "POST", f"/api/v1/migrations/{proposed}/approval", data=raw, headers={"Content-Type": "application/json"}, watch=True)
            self.no_5xx(response, f"approval with fundingAmount {value}", {400, 422})
            raw = f'{{"goLive": "2026-01-05", "score": {value}}}'.encode()
            response = self.call(practice, "POST", f"/api/v1/migrations/{mid}/deployment-survey", data=raw, headers={"Content-Type": "application/json"}, watch=True)
            self.no_5xx(response, f"deployment survey with score {value}", {400, 409, 422})
        document = lib.body_json(self.call(lib.Client(self.url), "GET", "/api/openapi.json"))
        settings = document["components"]["schemas"]["ProcessOverrides"]["properties"]
        target = self.free_practice(csu)
        for key in sorted(settings):
            for value in NUMBERS:
                etag = self.call(csu, "GET", f"/api/v1/migrations/{mid}").headers.get("etag")
                raw = f'{{"overrides": {{"{key}": {value}}}}}'.encode()
                response = self.call(csu, "PATCH", f"/api/v1/migrations/{mid}", data=raw, headers={"Content-Type": "application/json", "If-Match": etag}, watch=True)
                self.no_5xx(response, f"PATCH overrides.{key} = {value}", {400, 422})
            raw = json.dumps({"practiceOdsCode": target, "sourceProductCode": "10000-001", "targetProductCode": "10052-002",
                              "businessCase": {"drivers": "d", "considerations": "c", "strategicFit": "s"}})[:-1] + f', "overrides": {{"{key}": {NUMBERS[0]}}}}}'
            response = self.call(csu, "POST", "/api/v1/migrations", data=raw.encode(), headers={"Content-Type": "application/json"}, watch=True)
            self.no_5xx(response, f"create with overrides.{key} = {NUMBERS[0]}", {400, 422})
        web = lib.Web(self.url, label="icb")
        web.sign_in(lib.ROLES["icb"])
        for value in values:
            response = self.call(web, "GET", f"/portfolio?page={value}", watch=True)
            self.no_5xx(response, f"GET /portfolio?page={value}", {200, 422})
            if value != "0":
                response = self.call(web, "POST", f"/migrations/{proposed}/steps", data={"step": "approval", "formKey": "approval", "fundingAmount": value,
                                                                                        "fundingSource": "number check", "csrf": web.token()}, watch=True)
                self.no_5xx(response, f"web approval with fundingAmount {value}", {400, 422})
        status = admin.get_json(f"/api/v1/migrations/{proposed}")["status"]
        self.check(status == "proposed", f"the proposed migration was approved by an out-of-range amount (now {status})")

    # -- e: redirect targets ------------------------------------------------------------------------

    def group_e(self):
        for encoded, decoded in REDIRECTS:
            client = lib.Client(self.url)
            page = self.call(client, "GET", f"/sign-in?next={encoded}")
            if not self.expect(page, 200, f"GET /sign-in?next={encoded}"):
                continue
            hidden = re.search(r'<input[^>]*name="next"[^>]*value="([^"]*)"', page.text)
            shown = html.unescape(hidden.group(1)) if hidden else None
            self.check(shown is not None and safe_path(shown), f"GET /sign-in?next={encoded}: the form carries next={shown!r}")
            token = client.session.cookies.get("cutover_csrf")
            for label, value in (("as sent", decoded), ("as the form carried it", shown)):
                if value is None:
                    continue
                fresh = lib.Client(self.url)
                self.call(fresh, "GET", "/sign-in")
                token = fresh.session.cookies.get("cutover_csrf")
                body = "email=pm%40csu.demo.test&password=demo-password&csrf=" + lib.requests.utils.quote(token, safe="") + "&next=" + lib.requests.utils.quote(value, safe="")
                response = self.call(fresh, "POST", "/sign-in", data=body.encode(), headers={"Content-Type": "application/x-www-form-urlencoded"})
                if not self.expect(response, 303, f"POST /sign-in next={encoded} ({label})"):
                    continue
                location = response.headers.get("location", "")
                self.check(safe_path(location), f"POST /sign-in next={encoded} ({label}): Location {location!r} is not a same-site path")
                raw_headers = response.raw._original_response.msg if response.raw and response.raw._original_response else None
                names = [n.lower() for n in raw_headers.keys()] if raw_headers is not None else []
                cookies = raw_headers.get_all("Set-Cookie") if raw_headers is not None else []
                self.check("x-injected" not in names and not any(c.strip().startswith("x=") for c in cookies or []),
                           f"POST /sign-in next={encoded} ({label}): an injected header or cookie: {names}")

    # -- f: dates --------------------------------------------------------------------------------------

    def group_f(self):
        apis = self.sign_in_all(["national", "csu", "icb", "tpp", "emis", "practice-none"])
        csu, icb, tpp, emis, practice = apis["csu"], apis["icb"], apis["tpp"], apis["emis"], apis["practice-none"]
        ods = self.by_ods(csu)
        today = self.today(csu, ods["B82001"])
        day = lambda n: working_day(today, n)  # noqa: E731
        past = lambda n: past_working_day(today, n)  # noqa: E731

        def dates(api, path, make, field, control=None, method="POST", headers=None):
            """Every extreme date refused with 422 naming the field; then the control (a good
            date, `control(shift)`) is taken, which shows the migration was in a state to take
            the step. A control day that is a bank holiday moves on a day (at most 5 times)."""
            where = path.split("/api/v1/migrations")[-1][:60]
            for value in DATES:
                response = self.call(api, method, path, json=make(value), headers=headers() if headers else None, watch=True)
                self.field_error(response, field, f"{method} {where} {field}={value}")
            if control is None:
                return None
            for shift in range(6):
                response = self.call(api, method, path, json=control(shift), headers=headers() if headers else None, watch=True)
                message = (lib.body_json(response).get("error") or {}).get("message", "") if response.status_code == 422 else ""
                if "not a working day" not in message:
                    break
            if self.expect(response, {200, 201}, f"{method} {where} with a good date (the state was right)"):
                return lib.body_json(response)
            return None

        case = {"drivers": "d", "considerations": "c", "strategicFit": "s"}
        new = lambda extra: dict({"practiceOdsCode": "B82099", "sourceProductCode": "10000-001", "targetProductCode": "10052-002", "businessCase": case}, **extra)  # noqa: E731
        dates(csu, "/api/v1/migrations", lambda v: new({"blackouts": [{"start": v, "end": v}]}), "blackouts[0]")
        dates(csu, "/api/v1/migrations", lambda v: new({"blackouts": [{"start": day(100), "end": v}]}), "blackouts[0]")
        created = dates(csu, "/api/v1/migrations", lambda v: new({"provisionalGoLive": v}), "provisionalGoLive", control=lambda k: new({"provisionalGoLive": day(200 + k)}))
        if not created:
            return
        mid = created["id"]
        base = f"/api/v1/migrations/{mid}"
        etag = lambda: {"If-Match": csu.get(base, 200).headers.get("etag")}  # noqa: E731
        dates(csu, base, lambda v: {"blackouts": [{"start": v, "end": v}]}, "blackouts[0]", method="PATCH", headers=etag,
              control=lambda k: {"blackouts": [{"start": day(150), "end": day(151), "reason": "date check"}]})
        dates(csu, base + "/provisional-go-live", lambda v: {"goLive": v}, "goLive", control=lambda k: {"goLive": day(205 + k)})
        self.expect(self.call(icb, "POST", base + "/approval", json={"fundingAmount": 1, "fundingSource": "date check"}), 200, "approve")
        self.expect(self.call(csu, "POST", base + "/registration", json={"reference": "DATES"}), 200, "register")
        self.expect(self.call(csu, "POST", base + "/schedule-as", json={"kind": "target"}), 201, "call off the target Schedule A")
        sid = next(s["id"] for s in csu.get_json(base)["scheduleAs"] if s["kind"] == "target")
        self.expect(self.call(icb, "POST", f"{base}/schedule-as/{sid}/commissioner-decision", json={"decision": "accept"}), 200, "the commissioner accepts")
        # The old system's Schedule A, accepted on both sides, which later takes the cease date.
        self.expect(self.call(csu, "POST", base + "/schedule-as", json={"kind": "decommission"}), 201, "call off the decommission Schedule A")
        did = next(s["id"] for s in csu.get_json(base)["scheduleAs"] if s["kind"] == "decommission")
        self.expect(self.call(icb, "POST", f"{base}/schedule-as/{did}/commissioner-decision", json={"decision": "accept"}), 200, "the commissioner accepts it")
        self.expect(self.call(emis, "POST", f"{base}/schedule-as/{did}/supplier-decision", json={"decision": "accept"}), 200, "the old supplier accepts it")
        dates(tpp, f"{base}/schedule-as/{sid}/supplier-decision", lambda v: {"decision": "accept", "goLive": v}, "goLive")
        dates(tpp, f"{base}/schedule-as/{sid}/supplier-decision", lambda v: {"decision": "accept", "proposedGoLives": [v]}, "proposedGoLives",
              control=lambda k: {"decision": "accept", "proposedGoLives": [day(205 + k), day(210 + k)]})
        dates(tpp, f"{base}/schedule-as/{sid}/confirmed-go-live", lambda v: {"goLive": v}, "goLive", control=lambda k: {"goLive": day(205 + k)})
        self.expect(self.call(csu, "POST", base + "/extract-requests", json={}), 201, "request the extract form")
        eid = csu.get_json(base)["extractRequests"][0]["id"]
        self.expect(self.call(emis, "POST", f"{base}/extract-requests/{eid}/form-sent"), 200, "the old supplier sends the form")
        dates(practice, f"{base}/extract-requests/{eid}/form-returned", lambda v: {"dataProductionDays": [v]}, "dataProductionDays",
              control=lambda k: {"dataProductionDays": [day(180 + k)]})
        self.expect(self.call(tpp, "POST", f"{base}/extract-requests/{eid}/transfer-confirmed"), 200, "the new supplier confirms the transfer")
        dates(csu, base + "/kick-off", lambda v: {"day": v}, "day", control=lambda k: {"day": day(120 + k)})
        dates(csu, base + "/technical-survey", lambda v: {"day": v}, "day", control=lambda k: {"day": day(127 + k)})
        dates(csu, base + "/milestones/decision-and-funding", lambda v: {"actualStart": v}, "actualStart")
        dates(csu, base + "/milestones/decision-and-funding", lambda v: {"actualStart": past(10), "actualEnd": v}, "actualEnd",
              control=lambda k: {"actualStart": past(10 + k), "actualEnd": past(5 + k)})
        dates(csu, base + "/deadlines/links-switch-off/met", lambda v: {"day": v}, "day", control=lambda k: {"day": today.isoformat()})
        added = self.call(csu, "POST", base + "/notices", json={"recipient": "EPS (date check)", "service": "eps"})
        if self.expect(added, 201, "add a notice"):
            nid = lib.body_json(added)["id"]
            dates(csu, f"{base}/notices/{nid}/sent", lambda v: {"day": v}, "day", control=lambda k: {"day": today.isoformat()})
        dates(csu, base + "/action-items", lambda v: {"title": "date check", "phase": "kick-off", "owner": "practice", "due": v}, "due",
              control=lambda k: {"title": "date check", "phase": "kick-off", "owner": "practice", "due": day(20 + k)})
        for kind in ("technical-requirements", "data-checking", "go-live-data"):
            self.expect(self.call(practice, "POST", base + "/sign-offs", json={"kind": kind, "signerName": "date check"}), 200, f"sign off {kind}")
        # A go-live is recorded on the confirmed day or later: the supplier brings it to today.
        self.expect(self.call(tpp, "POST", f"{base}/schedule-as/{sid}/confirmed-go-live", json={"goLive": today.isoformat()}), 200,
                    "the supplier confirms today as the go-live")
        dates(csu, base + "/go-live", lambda v: {"day": v}, "day", control=lambda k: {"day": today.isoformat()})
        dates(practice, base + "/deployment-survey", lambda v: {"goLive": v, "score": 4}, "goLive", control=lambda k: {"goLive": today.isoformat(), "score": 4})
        self.expect(self.call(csu, "POST", base + "/deployment-survey/decision", json={"decision": "confirm"}), 200, "the CSU confirms the survey")
        dates(icb, base + "/service-stability", lambda v: {"day": v}, "day", control=lambda k: {"day": today.isoformat()})
        dates(csu, f"{base}/schedule-as/{did}/cease-date", lambda v: {"day": v}, "day", control=lambda k: {"day": day(120 + k)})
        dates(csu, base + "/end", lambda v: {"day": v}, "day", control=lambda k: {"day": today.isoformat()})
        # Dates in queries: impossible ones are 422 naming the parameter; far ones, which
        # store nothing, may filter (200) or be refused (422).
        other = ods["B82036"]
        for value in DATES:
            impossible = value in ("2027-02-30", "2027-13-01")
            for param in ("goLiveFrom", "goLiveTo"):
                response = self.call(csu, "GET", f"/api/v1/migrations?{param}={value}", watch=True)
                if impossible:
                    self.field_error(response, param, f"GET /api/v1/migrations?{param}={value}")
                elif self.no_5xx(response, f"GET /api/v1/migrations?{param}={value}", {200, 422}) and response.status_code == 200:
                    self.notes.append(f"?{param}={value} filters (200)")
            self.field_error(self.call(csu, "GET", f"/api/v1/migrations/{other}/plan?goLive={value}", watch=True), "goLive", f"GET .../plan?goLive={value}")
        web = lib.Web(self.url, label="csu")
        web.sign_in(lib.ROLES["csu"])
        for value in DATES:
            self.expect(self.call(web, "GET", f"/migrations/{other}/what-if?goLive={value}", watch=True), 422, f"what-if page with goLive={value}")
        form = {"practiceOdsCode": self.free_practice(csu, avoid={"B82099"}), "sourceProductCode": "10000-001", "targetProductCode": "10052-002",
                "businessCase.drivers": "d", "businessCase.considerations": "c", "businessCase.strategicFit": "s"}
        for value in DATES:
            for intent in ("preview", "save"):
                response = self.call(web, "POST", "/migrations/new", data=dict(form, intent=intent, provisionalGoLive=value, csrf=web.token()), watch=True)
                if self.expect(response, 422, f"new migration form ({intent}) with provisionalGoLive={value}"):
                    self.check('href="#field-provisionalGoLive"' in response.text, f"new migration form ({intent}) with {value}: the error does not name provisionalGoLive")
        started = time.monotonic()
        response = self.call(web, "POST", "/migrations/new", data=dict(form, intent="preview", blackoutStart="0001-01-01", blackoutEnd="9999-12-31",
                                                                      blackoutReason="the whole calendar", csrf=web.token()), watch=True, timeout=10)
        elapsed = time.monotonic() - started
        self.check(elapsed < 2, f"preview with a blackout from 0001-01-01 to 9999-12-31 took {elapsed:.1f} s")
        if self.expect(response, 422, "preview with a blackout from 0001-01-01 to 9999-12-31"):
            self.check('href="#field-blackout' in response.text, "preview with the whole-calendar blackout: the error does not name the blackout field")
        # Last, as it is the case known to crash: kick-off and technical survey on one day.
        same = day(60)
        for path in ("/kick-off", "/technical-survey"):
            response = self.call(csu, "POST", f"/api/v1/migrations/{other}{path}", json={"day": same}, watch=True)
            self.no_5xx(response, f"book {path[1:]} on {same} (kick-off and survey on one day)", {200, 409, 422})
        response = self.call(csu, "GET", f"/api/v1/migrations/{other}/plan", watch=True)
        self.no_5xx(response, "the plan after kick-off and survey on one day", {200})
        response = self.call(web, "GET", f"/migrations/{other}", watch=True)
        self.no_5xx(response, "the page after kick-off and survey on one day", {200})


def working_day(today, n):
    d = today + datetime.timedelta(days=n)
    while d.weekday() >= 5:
        d += datetime.timedelta(days=1)
    return d.isoformat()


def past_working_day(today, n):
    d = today - datetime.timedelta(days=n)
    while d.weekday() >= 5:
        d -= datetime.timedelta(days=1)
    return d.isoformat()


CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def safe_path(location):
    """'/' or '/' then a character that is neither '/' nor '\\', and no control characters."""
    if location is None or CONTROL.search(location):
        return False
    if location == "/":
        return True
    return len(location) > 1 and location[0] == "/" and location[1] not in "/\\"


GROUPS = {
    "a": ("a-script-payloads", "group_a", 3000, 120),
    "b": ("b-sql-fragments", "group_b", 3000, 90),
    "c": ("c-bodies", "group_c", 500, 90),
    "d": ("d-numbers", "group_d", 1500, 120),
    "e": ("e-redirects", "group_e", 200, 60),
    "f": ("f-dates", "group_f", 1500, 120),
}


def run_group(args):
    name, method, max_requests, seconds = GROUPS[args.letter]
    hostile = Hostile(args.url, args.data, name, max_requests, seconds)
    started = time.monotonic()
    died = False
    try:
        getattr(hostile, method)()
    except ServerDied:
        died = True
    except lib.BoundReached as bound:
        hostile.tally.fail(name, str(bound))
    except (lib.UnexpectedStatus, AssertionError, KeyError, StopIteration, lib.requests.RequestException) as error:
        hostile.tally.fail(name, f"stopped: {type(error).__name__}: {error}")
    if not died:
        hostile.tally.check(name, lib.alive(args.url), "the server does not answer /healthz after the group")
    counts = hostile.tally.groups.get(name, {"passed": 0, "failed": 0})
    notes = f"; notes: {sorted(set(hostile.notes))}" if hostile.notes else ""
    print(f"{name}: {counts['passed']} passed, {counts['failed']} failed, {hostile.budget.left} requests left of the bound, "
          f"{time.monotonic() - started:.1f} s{notes}", flush=True)
    with open(args.out, "w") as out:
        json.dump({"group": name, "counts": counts, "failures": hostile.tally.failures, "died": died}, out)
    return 0


def summary(args):
    tally = lib.Tally("hostile", quiet=True)
    for letter in args.groups.split():
        name = GROUPS[letter][0]
        path = os.path.join(args.dir, f"{letter}.json")
        if not os.path.exists(path):
            tally.fail(name, "did not run (the server did not start?)")
            continue
        with open(path) as stream:
            result = json.load(stream)
        tally.groups[name] = result["counts"]
        tally.failures.extend(tuple(f) for f in result["failures"])
    return tally.report(list_failures=True)


def main():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    group = sub.add_parser("group")
    group.add_argument("letter", choices=list(GROUPS))
    group.add_argument("--url", required=True)
    group.add_argument("--data", required=True)
    group.add_argument("--out", required=True)
    total = sub.add_parser("summary")
    total.add_argument("dir")
    total.add_argument("--groups", default=" ".join(GROUPS))
    args = parser.parse_args()
    return run_group(args) if args.command == "group" else summary(args)


if __name__ == "__main__":
    sys.exit(main())
