"""The permission matrix, from outside: who sees which migration, which items, which
parts of a migration, and which steps each role may not take.

    permissions.py --url URL [--outsider NAME=EMAIL:PASSWORD ...]

Ground truth comes from the national administrator (every migration, its items, the
business case) plus the reference data (practices' commissioner and delivery partner,
users' organisations). A role's relations to a migration follow the README's rules; the
checks then compare what the server answers with them:

- lists: GET /api/v1/migrations (every page, and filtered) shows exactly the migrations
  the role may see; the portfolio counts only those; no page names any other one;
- reads: every GET under /api/v1/migrations/{id} and the pages /migrations/{id} and
  /migrations/{id}/what-if answer 200 for a visible migration and 404 (the "not found"
  page) for any other, exactly as for an id that does not exist;
- writes: every POST and PATCH in the OpenAPI document, with a small plausible body, on a
  migration the role may see but whose step it may not take answers 403; on one it may
  not see 404; with an item id of another migration, or one it may not see, never acts
  on that item; and nothing changes (the migration's JSON and ETag as the national
  administrator reads them are the same before and after);
- suppliers never see a business case, the funding, notices, blackouts, or another
  supplier's Schedule As, extracts or offered go-live dates: not in the migration JSON,
  the plan and its findings, the plan versions, the history (with its before/after
  snapshots) or the migration and what-if pages.

Before the matrix, a few allowed steps make the history worth reading: blackouts and a
notice (delivery partner), funding (commissioner), the go-live data sign-offs (practice),
a go-live (new system supplier), a Schedule A decision (each supplier).
"""

import argparse
import datetime
import html
import os
import re
import sys
import time
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lib  # noqa: E402
from lib import ANY  # noqa: E402

PARTIES = {"practice", "commissioner", "delivery-partner", "target-supplier", "source-supplier"}
SECRET = "zq" + uuid.uuid4().hex[:8]  # marks the strings this run writes, to find them again



def own_supplier(org, item):
    return item is not None and item.get("supplierId") == org


# What each step needs, as the README and RegionSettings' defaults give it (the delivery
# partner registers, calls off Schedule As and requests extract forms). `allowed` gets the
# role's parties on the migration, its organisation id and the item (or None).
STEPS = [
    # name, path after /api/v1/migrations/{id}, item kind, whether the permission depends on the item, allowed
    ("update", "", None, False, lambda p, org, item: bool(p & {"practice", "commissioner", "delivery-partner"})),
    ("approval", "/approval", None, False, lambda p, org, item: "commissioner" in p),
    ("provisional-go-live", "/provisional-go-live", None, False, lambda p, org, item: bool(p & {"practice", "commissioner", "delivery-partner"})),
    ("registration", "/registration", None, False, lambda p, org, item: "delivery-partner" in p),
    ("schedule-as", "/schedule-as", None, False, lambda p, org, item: "delivery-partner" in p),
    ("commissioner-decision", "/schedule-as/{item}/commissioner-decision", "scheduleAs", False, lambda p, org, item: "commissioner" in p),
    ("supplier-decision", "/schedule-as/{item}/supplier-decision", "scheduleAs", True, lambda p, org, item: own_supplier(org, item)),
    ("confirmed-go-live", "/schedule-as/{item}/confirmed-go-live", "scheduleAs", True, lambda p, org, item: own_supplier(org, item)),
    ("extract-requests", "/extract-requests", None, False, lambda p, org, item: "delivery-partner" in p),
    ("form-sent", "/extract-requests/{item}/form-sent", "extractRequests", True, lambda p, org, item: own_supplier(org, item)),
    ("form-returned", "/extract-requests/{item}/form-returned", "extractRequests", True, lambda p, org, item: "practice" in p),
    ("transfer-confirmed", "/extract-requests/{item}/transfer-confirmed", "extractRequests", True,
     lambda p, org, item: bool(p & {"target-supplier", "delivery-partner"}) or own_supplier(org, item)),
    ("kick-off", "/kick-off", None, False, lambda p, org, item: bool(p & {"practice", "delivery-partner"})),
    ("technical-survey", "/technical-survey", None, False, lambda p, org, item: bool(p & {"practice", "delivery-partner"})),
    ("milestone", "/milestones/kick-off", None, False, lambda p, org, item: bool(p & {"practice", "delivery-partner", "target-supplier"})),
    ("sign-offs", "/sign-offs", None, False, lambda p, org, item: "practice" in p),
    ("go-live", "/go-live", None, False, lambda p, org, item: bool(p & {"delivery-partner", "target-supplier"})),
    ("end", "/end", None, False, lambda p, org, item: bool(p & {"delivery-partner", "commissioner"})),
    ("notices", "/notices", None, False, lambda p, org, item: bool(p & {"practice", "delivery-partner"})),
    ("notice-sent", "/notices/{item}/sent", "notices", False, lambda p, org, item: bool(p & {"practice", "delivery-partner"})),
    ("action-items", "/action-items", None, False, lambda p, org, item: bool(p & PARTIES)),
    ("action-item-status", "/action-items/{item}", "actionItems", False, lambda p, org, item: bool(p & PARTIES)),
    # eps-notice is the practice's deadline: the practice or the delivery partner marks it met.
    ("deadline-met", "/deadlines/links-switch-off/met", None, False, lambda p, org, item: bool(p & {"practice", "delivery-partner"})),
]


def step_body(name, today, later):
    return {
        "update": {"blackouts": [{"start": later, "end": later, "reason": "permission check"}]},
        "approval": {"fundingAmount": 1000, "fundingSource": "permission check"},
        "provisional-go-live": {"goLive": later},
        "registration": {"reference": "PERMISSION-CHECK"},
        "schedule-as": {"kind": "decommission"},
        "commissioner-decision": {"decision": "accept"},
        "supplier-decision": {"decision": "accept"},
        "confirmed-go-live": {"goLive": later},
        "extract-requests": {},
        "form-sent": None,
        "form-returned": {"dataProductionDays": [later]},
        "transfer-confirmed": None,
        "kick-off": {"day": later},
        "technical-survey": {"day": later},
        "milestone": {"actualStart": today},
        "sign-offs": {"kind": "technical-requirements", "signerName": "Permission Check", "comment": "permission check"},
        "go-live": {"day": today},
        "end": {"day": today},
        "notices": {"recipient": "permission check", "service": "other"},
        "notice-sent": {"day": today},
        "action-items": {"title": "permission check", "phase": "kick-off", "owner": "practice"},
        "action-item-status": {"status": "cancelled"},
        "deadline-met": {"day": today},
    }[name]


def working_day_after(day, days):
    d = day + datetime.timedelta(days=days)
    while d.weekday() >= 5:
        d += datetime.timedelta(days=1)
    return d.isoformat()


def random_id():
    return str(uuid.uuid4()).upper()


class Role:
    def __init__(self, name, email, password=lib.DEMO_PASSWORD):
        self.name, self.email, self.password = name, email, password
        self.org = None
        self.kind = None
        self.user_role = None
        self.api = None
        self.web = None


class Matrix:
    def __init__(self, url, roles):
        self.url = url
        self.roles = roles
        self.tally = lib.Tally("permissions")
        self.leaks = {r.name: 0 for r in roles}
        self.checks = {r.name: 0 for r in roles}

    # -- bookkeeping ---------------------------------------------------------------------

    def ok(self, role):
        self.checks[role.name] += 1
        self.tally.ok(role.name)

    def fail(self, role, message, leak=False):
        self.checks[role.name] += 1
        if leak:
            self.leaks[role.name] += 1
        self.tally.fail(role.name, ("LEAK: " if leak else "") + message)

    def check(self, role, condition, message, leak=False):
        if condition:
            self.ok(role)
        else:
            self.fail(role, message, leak)
        return condition

    def status(self, role, response, expected, what):
        if lib.status_ok(response.status_code, expected):
            self.ok(role)
            return True
        body = (response.text or "")[:160].replace("\n", " ")
        self.fail(role, f"{what}: got {response.status_code}, expected {lib.describe(expected)}: {body}",
                  leak=response.status_code in (200, 403, 409, 412, 422, 428) and expected == 404)
        return False

    # -- ground truth ---------------------------------------------------------------------

    def load(self):
        self.admin = lib.Api.sign_in(self.url, lib.ROLES["national"], label="national")
        for role in self.roles:
            role.api = lib.Api.sign_in(self.url, role.email, role.password, label=role.name)
            role.web = lib.Web(self.url, label=role.name)
            role.web.sign_in(role.email, role.password)
        users = {u["email"]: u for u in self.admin.all_items("/api/v1/users")}
        organisations = {o["id"]: o for o in self.admin.all_items("/api/v1/organisations")}
        for role in self.roles:
            user = users[role.email]
            role.org, role.user_role = user["organisationId"], user["role"]
            role.kind = organisations[role.org]["kind"]
        self.practices = {p["odsCode"]: p for p in self.admin.all_items("/api/v1/practices")}
        self.refresh()
        some = next(iter(self.details))
        self.today = datetime.date.fromisoformat(self.admin.get_json(f"/api/v1/migrations/{some}/plan")["today"])
        self.later = working_day_after(self.today, 70)

    def refresh(self):
        self.details, self.etags = {}, {}
        for summary in self.admin.all_items("/api/v1/migrations"):
            response = self.admin.get(f"/api/v1/migrations/{summary['id']}", 200)
            self.details[summary["id"]] = lib.body_json(response)
            self.etags[summary["id"]] = response.headers.get("etag")
        self.item_owner = {}  # item id -> (migration id, kind, item)
        for mid, m in self.details.items():
            for kind in ("scheduleAs", "extractRequests", "notices", "actionItems"):
                for item in m.get(kind) or []:
                    self.item_owner[item["id"]] = (mid, kind, item)

    def state(self, mid):
        """The migration as the administrator reads it: (ETag, digest of its JSON)."""
        response = self.admin.get(f"/api/v1/migrations/{mid}", 200)
        return response.headers.get("etag"), lib.digest(lib.body_json(response))

    def parties(self, role, m):
        """The role's relations to a migration, as the README's rules give them."""
        practice = self.practices[m["practice"]["odsCode"]]
        rel = set()
        if role.kind == "national":
            rel.add("national")
        if role.kind == "practice" and practice["organisationId"] == role.org:
            rel.add("practice")
        if role.kind == "commissioner" and practice["commissionerId"] == role.org:
            rel.add("commissioner")
        if role.kind == "delivery-partner" and practice["deliveryPartnerId"] == role.org:
            rel.add("delivery-partner")
        if role.kind == "supplier":
            if m["targetProduct"]["supplierId"] == role.org:
                rel.add("target-supplier")
            if m["sourceProduct"]["supplierId"] == role.org:
                rel.add("source-supplier")
            if any(p["supplierId"] == role.org for p in m.get("subsidiaries") or []):
                rel.add("subsidiary-supplier")
        return rel

    def visible(self, role, mid):
        return bool(self.parties(role, self.details[mid]))

    def whole(self, role, mid):
        rel = self.parties(role, self.details[mid])
        return bool(rel) and not rel <= {"target-supplier", "source-supplier", "subsidiary-supplier"}

    def sees_item(self, role, mid, kind, item):
        """Whether the role may see an item of a migration it can see."""
        if self.whole(role, mid):
            return True
        rel = self.parties(role, self.details[mid])
        if kind == "scheduleAs":
            return item["supplierId"] == role.org
        if kind == "extractRequests":
            return item["supplierId"] == role.org or "target-supplier" in rel
        # Action items: the README does not hide them from suppliers, so they count as seen.
        return kind != "notices"

    # -- the steps that make the history worth reading ---------------------------------------

    def ready_to_go_live(self, mid, roles):
        """Takes a demo migration to where its go-live can be recorded today: every Schedule A
        accepted, the go-live confirmed for today, every extract transferred."""
        base = f"/api/v1/migrations/{mid}"
        csu, icb, practice, tpp = (roles[n].api for n in ("csu", "icb", "practice", "tpp"))
        by_org = {r.org: r.api for r in self.roles if r.kind == "supplier" and r.api is not None}
        today = self.today.isoformat()
        m = csu.get_json(base)
        for s in m["scheduleAs"]:
            if s["status"] == "called-off":
                icb.post(f"{base}/schedule-as/{s['id']}/commissioner-decision", 200, json={"decision": "accept"})
            if s["status"] in ("called-off", "commissioner-accepted"):
                body = {"decision": "accept", "goLive": today} if s["kind"] == "target" else {"decision": "accept"}
                by_org[s["supplierId"]].post(f"{base}/schedule-as/{s['id']}/supplier-decision", 200, json=body)
        suppliers = [m["sourceProduct"]["supplierId"]] + [p["supplierId"] for p in m.get("subsidiaries") or [] if p.get("extractLeadDays")]
        requested = {e["supplierId"] for e in m["extractRequests"]}
        for supplier in suppliers:
            if supplier not in requested:
                csu.post(f"{base}/extract-requests", 201, json={"supplierId": supplier})
        for e in csu.get_json(base)["extractRequests"]:
            if e["status"] == "form-requested":
                by_org[e["supplierId"]].post(f"{base}/extract-requests/{e['id']}/form-sent", 200)
            if e["status"] in ("form-requested", "form-sent"):
                # The first working day from today (before the go-live is brought to today).
                for ahead in range(10):
                    day = (self.today + datetime.timedelta(days=ahead)).isoformat()
                    r = practice.post(f"{base}/extract-requests/{e['id']}/form-returned", ANY, json={"dataProductionDays": [day]})
                    if r.status_code != 422:
                        break
                assert r.status_code == 200, f"form-returned: {r.status_code} {r.text[:200]}"
            if e["status"] != "transferred":
                tpp.post(f"{base}/extract-requests/{e['id']}/transfer-confirmed", 200)
        target = next(s for s in csu.get_json(base)["scheduleAs"] if s["kind"] == "target")
        if target["confirmedGoLive"] != today:
            tpp.post(f"{base}/schedule-as/{target['id']}/confirmed-go-live", 200, json={"goLive": today})

    def seed(self):
        by_ods = {m["practice"]["odsCode"]: mid for mid, m in self.details.items()}
        roles = {r.name: r for r in self.roles}
        csu, icb, practice, tpp, emis = (roles[n].api for n in ("csu", "icb", "practice", "tpp", "emis"))
        own = by_ods["B82001"]  # the practice user's migration: EMIS Web to SystmOne, Docman as subsidiary
        far = working_day_after(self.today, 200)
        csu.patch(f"/api/v1/migrations/{own}", 200, headers={"If-Match": self.etags[own]}, json={"blackouts": [
            {"start": far, "end": far, "reason": f"{SECRET} blackout before the go-live"}]})
        # A blackout in the critical window of a migration that stays before its go-live,
        # so its plan has a finding about it.
        window = by_ods["B82036"]
        go_live = datetime.date.fromisoformat(self.details[window].get("confirmedGoLive") or self.details[window]["provisionalGoLive"])
        csu.patch(f"/api/v1/migrations/{window}", 200, headers={"If-Match": self.etags[window]}, json={"blackouts": [
            {"start": (go_live - datetime.timedelta(days=3)).isoformat(), "end": (go_live - datetime.timedelta(days=1)).isoformat(),
             "reason": f"{SECRET} blackout in the critical window"}]})
        csu.post(f"/api/v1/migrations/{own}/notices", 201, json={"recipient": f"{SECRET} notice recipient", "service": "other"})
        # Funding on the proposed migration (EMIS Web to SystmOne: both suppliers see it).
        proposed = next(mid for mid, m in self.details.items() if m["status"] == "proposed")
        icb.post(f"/api/v1/migrations/{proposed}/approval", 200, json={"fundingAmount": 4242, "fundingSource": f"{SECRET} funding source"})
        # On B82022 (EMIS Web to SystmOne, in procurement) the commissioner accepts the
        # decommissioning Schedule A, EMIS accepts it, and TPP accepts its own while
        # offering other go-live dates: each supplier's step is the other's secret.
        procurement = by_ods["B82022"]
        self.offered = []
        for s in self.details[procurement]["scheduleAs"]:
            base = f"/api/v1/migrations/{procurement}/schedule-as/{s['id']}"
            if s["kind"] == "decommission" and s["status"] == "called-off":
                icb.post(f"{base}/commissioner-decision", 200, json={"decision": "accept"})
                emis.post(f"{base}/supplier-decision", 200, json={"decision": "accept"})
            if s["kind"] == "target" and s["status"] == "commissioner-accepted":
                days = [working_day_after(self.today, 120), working_day_after(self.today, 125)]
                tpp.post(f"{base}/supplier-decision", 200, json={"decision": "accept", "proposedGoLives": days})
                self.offered.append((procurement, s["id"], days))
        # The go-live data sign-off, then the go-live recorded by the new system's supplier,
        # once everything it waits for is done.
        for kind in ("data-checking", "go-live-data"):
            if not any(s["kind"] == kind for s in self.details[own].get("signOffs") or []):
                practice.post(f"/api/v1/migrations/{own}/sign-offs", 200, json={"kind": kind, "signerName": "Practice Manager", "comment": f"{kind} checked"})
        self.ready_to_go_live(own, roles)
        tpp.post(f"/api/v1/migrations/{own}/go-live", 200, json={"day": self.today.isoformat()})
        self.refresh()
        self.secrets = set()
        for m in self.details.values():
            case = m.get("businessCase") or {}
            for key in ("drivers", "considerations", "strategicFit"):
                if case.get(key):
                    self.secrets.add(("business case", case[key]))
            if (m.get("approval") or {}).get("fundingSource"):
                self.secrets.add(("funding source", m["approval"]["fundingSource"]))
            for n in m.get("notices") or []:
                self.secrets.add(("notice", n["recipient"]))
            for b in m.get("blackouts") or []:
                if b.get("reason"):
                    self.secrets.add(("blackout reason", b["reason"]))
        print(f"seeded: {len(self.secrets)} strings suppliers must never see, {len(self.offered)} offered go-live sets", flush=True)

    # -- lists ------------------------------------------------------------------------------

    def check_lists(self, role):
        expected = {mid for mid in self.details if self.visible(role, mid)}
        listed = [i["id"] for i in role.api.all_items("/api/v1/migrations")]
        self.check(role, set(listed) == expected and len(listed) == len(expected),
                   f"GET /api/v1/migrations lists {len(listed)} ({sorted(set(listed) - expected)} not theirs, "
                   f"{sorted(expected - set(listed))} missing); expected {len(expected)}", leak=bool(set(listed) - expected))
        role.visible = expected
        suppliers = {m["targetProduct"]["supplierId"] for m in self.details.values()} | {m["sourceProduct"]["supplierId"] for m in self.details.values()}
        filters = [f"supplier={s}" for s in sorted(suppliers)]
        filters += [f"status={s}" for s in ("proposed", "approved", "registered", "live", "completed")]
        filters += ["overdue=true", "phase=procurement", "goLiveFrom=2000-01-01&goLiveTo=2100-12-31"]
        for query in filters:
            items = role.api.all_items(f"/api/v1/migrations?{query}")
            extra = {i["id"] for i in items} - expected
            self.check(role, not extra, f"GET /api/v1/migrations?{query} lists migrations it may not see: {sorted(extra)}", leak=True)
        portfolio = role.api.get_json("/api/v1/portfolio")
        self.check(role, sum(portfolio.get("byStatus", {}).values()) == len(expected),
                   f"GET /api/v1/portfolio counts {sum(portfolio.get('byStatus', {}).values())} migrations, it may see {len(expected)}",
                   leak=sum(portfolio.get("byStatus", {}).values()) > len(expected))
        hidden = [mid for mid in self.details if mid not in expected]
        hidden_names = {self.details[mid]["practice"]["name"] for mid in hidden}
        texts = {"GET /api/v1/portfolio": lib.canonical(portfolio)}
        can_portfolio = role.kind in ("commissioner", "delivery-partner", "national")
        for path in ("/portfolio", "/portfolio.csv"):
            response = role.web.get(path, ANY)
            if self.status(role, response, 200 if can_portfolio else 403, f"GET {path}") and response.status_code == 200:
                texts[f"GET {path}"] = html.unescape(response.text)
        texts["GET /"] = html.unescape(role.web.page("/", 200).text)
        self.ok(role)
        for where, text in texts.items():
            found = [mid for mid in hidden if mid in text or mid.lower() in text]
            names = [n for n in hidden_names if n in text]
            self.check(role, not found and not names, f"{where} names migrations it may not see: ids {found}, practices {names}", leak=True)
        for path in ("/api/v1/practices", "/api/v1/suppliers", "/api/v1/products", "/api/v1/organisations"):
            self.status(role, role.api.get(path, ANY), 200, f"GET {path}")
        users = role.api.get("/api/v1/users?per=100", ANY)
        if self.status(role, users, {200, 403}, "GET /api/v1/users") and users.status_code == 200 and role.kind != "national":
            others = [u["email"] for u in lib.body_json(users)["items"] if u["organisationId"] != role.org]
            self.check(role, not others, f"GET /api/v1/users lists users of other organisations: {others[:3]}", leak=True)
        for path, expected_status in (("/migrations/new", 200 if role.kind in ("practice", "delivery-partner") else 403),
                                      ("/admin", 200 if role.user_role == "admin" else 403), ("/account", 200)):
            self.status(role, role.web.get(path, ANY), expected_status, f"GET {path}")

    # -- reads ------------------------------------------------------------------------------

    def check_reads(self, role):
        ghost = random_id()
        for mid in list(self.details) + [ghost]:
            visible = mid in role.visible
            for suffix in ("", "/plan", "/plan?goLive=" + self.later, "/plans", "/history"):
                response = role.api.get(f"/api/v1/migrations/{mid}{suffix}", ANY)
                if visible:
                    self.status(role, response, 200, f"GET /api/v1/migrations/{{{self.label(mid)}}}{suffix}")
                else:
                    if self.status(role, response, 404, f"GET /api/v1/migrations/{{{self.label(mid)}}}{suffix} (not theirs)"):
                        error = lib.body_json(response).get("error", {})
                        self.check(role, error.get("code") == "not-found" and error.get("message") == "no such migration",
                                   f"GET .../{self.label(mid)}{suffix}: a 404 unlike an unknown id's: {error}", leak=True)
            for suffix in ("", "/what-if", f"/what-if?goLive={self.later}"):
                response = role.web.get(f"/migrations/{mid}{suffix}", ANY)
                if visible:
                    self.status(role, response, 200, f"page /migrations/{{{self.label(mid)}}}{suffix}")
                else:
                    if self.status(role, response, 404, f"page /migrations/{{{self.label(mid)}}}{suffix} (not theirs)"):
                        self.check(role, "Page not found" in response.text and self.details.get(mid, {}).get("practice", {}).get("name", "\0") not in response.text,
                                   f"page /migrations/{self.label(mid)}{suffix}: the 404 page is not the plain 'Page not found'", leak=True)

    def label(self, mid):
        m = self.details.get(mid)
        return m["practice"]["odsCode"] if m else "unknown id"

    # -- what suppliers must not see ------------------------------------------------------------

    def check_supplier_view(self, role):
        hidden_items = {}  # id -> what it is, for items of visible migrations the supplier may not see
        for mid in role.visible:
            m = self.details[mid]
            for kind in ("scheduleAs", "extractRequests", "notices", "actionItems"):
                for item in m.get(kind) or []:
                    if not self.sees_item(role, mid, kind, item):
                        hidden_items[item["id"]] = f"{kind} of {self.label(mid)}"
        offered = {}
        for mid, sid, days in self.offered:
            if mid in role.visible and self.details[mid] and not self.sees_item(role, mid, "scheduleAs", self.item_owner[sid][2]):
                offered[sid] = days
        for mid in sorted(role.visible):
            if self.whole(role, mid):
                continue
            name = self.label(mid)
            m = role.api.get_json(f"/api/v1/migrations/{mid}")
            self.check(role, not m.get("businessCase"), f"{name}: the migration JSON has the business case", leak=True)
            self.check(role, not m.get("approval"), f"{name}: the migration JSON has the approval and funding", leak=True)
            self.check(role, not m.get("notices"), f"{name}: the migration JSON has notices", leak=True)
            self.check(role, not m.get("blackouts"), f"{name}: the migration JSON has blackouts {m.get('blackouts')}", leak=True)
            for kind in ("scheduleAs", "extractRequests", "actionItems"):
                for item in m.get(kind) or []:
                    self.check(role, item["id"] not in hidden_items, f"{name}: the migration JSON has {hidden_items.get(item['id'])} (not theirs)", leak=True)
            self.scan(role, f"{name} GET /api/v1/migrations/{{id}}", lib.canonical(m), hidden_items)
            plan = role.api.get_json(f"/api/v1/migrations/{mid}/plan")
            self.scan(role, f"{name} GET .../plan", lib.canonical(plan), hidden_items)
            for finding in plan.get("findings") or []:
                self.check(role, finding.get("rule") != "critical-window-blackout" and "blackout" not in finding.get("message", "").lower(),
                           f"{name} GET .../plan: finding {finding.get('id')} shows a blackout: {finding.get('message')}", leak=True)
            self.scan(role, f"{name} GET .../plans", lib.canonical(role.api.get_json(f"/api/v1/migrations/{mid}/plans")), hidden_items)
            events = role.api.all_items(f"/api/v1/migrations/{mid}/history")
            for event in events:
                where = f"{name} GET .../history event {event.get('action')}"
                for side in ("before", "after"):
                    snapshot = event.get(side) or {}
                    for key in ("businessCase", "notices", "fundingSource", "fundingAmount", "approval"):
                        self.check(role, key not in snapshot, f"{where}: its {side} snapshot has {key}", leak=True)
                    self.check(role, not snapshot.get("blackouts"), f"{where}: its {side} snapshot has blackouts", leak=True)
                self.check(role, event.get("entityId") not in hidden_items, f"{where}: about {hidden_items.get(event.get('entityId'))}", leak=True)
                self.scan(role, where, lib.canonical(event), hidden_items, offered)
            for path in (f"/migrations/{mid}", f"/migrations/{mid}/what-if?goLive={self.later}"):
                page = role.web.get(path, 200)
                self.ok(role)
                where = f"{name} page {path.split('?')[0].replace(mid, '{id}')}"
                self.scan(role, where, html.unescape(page.text), hidden_items, offered)
                drawn = [dict(attrs).get("class") for tag, attrs in lib.parse_tags(page.text).tags if "blackout" in (dict(attrs).get("class") or "")]
                self.check(role, not drawn, f"{where} draws {len(drawn)} blackout(s) (class=\"blackout\")", leak=True)
        home = html.unescape(role.web.page("/", 200).text)
        self.scan(role, "page /", home, hidden_items)

    def scan(self, role, where, text, hidden_items, offered=None):
        for what, secret in sorted(self.secrets):
            self.check(role, secret not in text, f"{where} shows a {what}: {secret[:60]!r}", leak=True)
        for item_id, what in hidden_items.items():
            self.check(role, item_id not in text and item_id.lower() not in text, f"{where} names {what} (not theirs)", leak=True)
        for sid, days in (offered or {}).items():
            self.check(role, sid not in text, f"{where} shows another supplier's Schedule A with offered go-lives {days}", leak=True)

    # -- writes ------------------------------------------------------------------------------

    def check_writes(self, role):
        migrations = list(self.details)
        for mid in migrations:
            m = self.details[mid]
            parties = self.parties(role, m) & PARTIES
            visible = mid in role.visible
            for name, path, item_kind, item_auth, allowed in STEPS:
                items = [None] if item_kind is None else (m.get(item_kind) or [])[:2]
                for item in items:
                    if item_kind and not items:
                        continue
                    if visible:
                        if item is not None and not self.sees_item(role, mid, item_kind, item):
                            # An item of this migration the role may not see: refused, and untouched.
                            self.write(role, name, mid, path, item["id"], {403, 404}, f"{name} on {item_kind} it may not see")
                            continue
                        if allowed(parties, role.org, item):
                            continue  # a step this role may take: not part of the refusals
                        self.write(role, name, mid, path, item and item["id"], 403, f"{name} (may not)")
                    else:
                        self.write(role, name, mid, path, item and item["id"], 404, f"{name} on a migration it may not see")
        # Items of other migrations, used under one the role may see: answered exactly as an
        # id that does not exist (404, or 403/409 when the step is refused before any item
        # is looked up), and the item's own migration is untouched.
        for mid in sorted(role.visible, key=self.label)[:4]:
            for name, path, item_kind, item_auth, allowed in STEPS:
                if item_kind is None:
                    continue
                foreign = [i for i, (owner, kind, item) in self.item_owner.items() if owner != mid and kind == item_kind]
                foreign.sort(key=lambda i: (self.item_owner[i][0] in role.visible, self.label(self.item_owner[i][0]), i))  # hidden migrations' items first
                unknown = self.write(role, name, mid, path, random_id(), {403, 404, 409}, f"{name} with an unknown item id")
                for item_id in foreign[:2]:
                    self.write(role, name, mid, path, item_id, unknown, f"{name} with an item of another migration (as for an unknown id)", leak_if_wrong=True)

    def write(self, role, name, mid, path, item_id, expected, what, leak_if_wrong=False):
        """Sends one step that must be refused; checks the status and that nothing changed.
        Returns the status it got."""
        full = f"/api/v1/migrations/{mid}" + path.replace("{item}", item_id or "")
        body = step_body(name, self.today.isoformat(), self.later)
        touched = [mid] + ([self.item_owner[item_id][0]] if item_id in self.item_owner else [])
        before = {t: self.state(t) for t in set(touched)}
        headers = {"If-Match": self.etags[mid]}
        method = "PATCH" if name == "update" else "POST"
        response = role.api.request(method, full, ANY, json=body, headers=headers) if body is not None else \
            role.api.request(method, full, ANY, headers=headers)
        label = f"{method} {self.label(mid)} {name}{' item ' + self.describe_item(item_id) if item_id else ''}: {what}"
        if leak_if_wrong and not lib.status_ok(response.status_code, expected):
            self.fail(role, f"{label}: got {response.status_code}, expected {lib.describe(expected)}: {response.text[:120]}", leak=True)
        else:
            self.status(role, response, expected, label)
        after = {t: self.state(t) for t in set(touched)}
        changed = [self.label(t) for t in before if before[t] != after[t]]
        if not self.check(role, not changed, f"{label}: changed {changed} (answer {response.status_code})"):
            self.refresh()
        return response.status_code

    def describe_item(self, item_id):
        owner = self.item_owner.get(item_id)
        return f"{owner[1]} of {self.label(owner[0])}" if owner else "unknown"

    # -- web forms -----------------------------------------------------------------------------

    def check_web_writes(self, role):
        checklist_item = self.checklist_item()
        ghost = random_id()
        for mid in [m for m in self.details if m not in role.visible] + [ghost]:
            before = self.state(mid) if mid in self.details else None
            response = role.web.post_form(f"/migrations/{mid}/steps", {"step": "action-items", "formKey": "action-items", "title": "permission check",
                                                                      "phase": "kick-off", "owner": "practice"}, ANY)
            self.status(role, response, 404, f"web POST /migrations/{{{self.label(mid)}}}/steps (not theirs)")
            if checklist_item:
                response = role.web.post_form(f"/migrations/{mid}/checklist", {"item": checklist_item, "ticked": "true"}, ANY)
                self.status(role, response, 404, f"web POST /migrations/{{{self.label(mid)}}}/checklist (not theirs)")
            if before:
                self.check(role, before == self.state(mid), f"web forms on {self.label(mid)} (not theirs) changed it")
        for mid in sorted(role.visible)[:2]:
            parties = self.parties(role, self.details[mid]) & PARTIES
            foreign = [i for i, (owner, kind, _) in self.item_owner.items() if owner != mid and kind == "actionItems"][:2]
            for item_id in foreign:
                owner = self.item_owner[item_id][0]
                before = self.state(owner)
                response = role.web.post_form(f"/migrations/{mid}/steps", {"step": "action-item-status", "formKey": "x", "itemID": item_id, "status": "cancelled"}, ANY)
                self.status(role, response, 404 if parties else 403, f"web action-item-status on {self.label(mid)} with an item of {self.label(owner)}")
                self.check(role, before == self.state(owner), f"web action-item-status with a foreign item changed {self.label(owner)}")

    def checklist_item(self):
        if not hasattr(self, "_checklist_item"):
            csu = next(r for r in self.roles if r.name == "csu")
            self._checklist_item = None
            for mid in self.details:
                match = re.search(r'name="item" value="([^"]+)"', csu.web.get(f"/migrations/{mid}", 200).text)
                if match:
                    self._checklist_item = html.unescape(match.group(1))
                    break
        return self._checklist_item


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--outsider", action="append", default=[], help="NAME=EMAIL:PASSWORD, a user of an organisation with no migration")
    parser.add_argument("--seconds", type=int, default=240, help="stop starting new roles after this long")
    parser.add_argument("--max-requests", type=int, default=80000, help="bound on all requests of the run")
    args = parser.parse_args()
    lib.Client.budget = lib.Budget(args.max_requests, args.seconds + 60)
    roles = [Role(name, email) for name, email in lib.ROLES.items()]
    for spec in args.outsider:
        name, _, rest = spec.partition("=")
        email, _, password = rest.partition(":")
        roles.append(Role(name, email, password))
    matrix = Matrix(args.url, roles)
    started = time.monotonic()
    try:
        matrix.load()
        matrix.seed()
    except (lib.UnexpectedStatus, lib.BoundReached, AssertionError, KeyError, StopIteration, lib.requests.RequestException) as error:
        matrix.tally.fail("setup", f"{type(error).__name__}: {error}")
        return matrix.tally.report()
    for role in roles:
        if time.monotonic() - started > args.seconds:
            matrix.tally.fail(role.name, f"not checked: the run passed its {args.seconds} s bound")
            continue
        for part in (matrix.check_lists, matrix.check_reads, matrix.check_supplier_view if role.kind == "supplier" else None,
                     matrix.check_writes, matrix.check_web_writes):
            if part is None:
                continue
            try:
                part(role)
            except (lib.UnexpectedStatus, lib.BoundReached, AssertionError, KeyError, lib.requests.RequestException) as error:
                matrix.fail(role, f"{part.__name__} stopped: {type(error).__name__}: {error}")
            if not lib.alive(args.url):
                matrix.fail(role, f"the server stopped answering /healthz during {part.__name__}")
                return finish(matrix, started)
        print(f"{role.name}: {matrix.checks[role.name]} checks, {matrix.leaks[role.name]} leaks, "
              f"{matrix.tally.groups.get(role.name, {}).get('failed', 0)} failed", flush=True)
    return finish(matrix, started)


def finish(matrix, started):
    print(f"checked in {time.monotonic() - started:.0f} s, {lib.Client.budget.left} requests left of the bound")
    print(f"{'role':16s} {'checks':>7s} {'leaks':>6s} {'failed':>7s}")
    for role in matrix.roles:
        print(f"{role.name:16s} {matrix.checks[role.name]:7d} {matrix.leaks[role.name]:6d} {matrix.tally.groups.get(role.name, {}).get('failed', 0):7d}")
    print(f"leaks found: {sum(matrix.leaks.values())}")
    return matrix.tally.report()


if __name__ == "__main__":
    sys.exit(main())
