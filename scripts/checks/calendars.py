"""Calendar feeds from outside, read by a real iCalendar parser (the `icalendar` package).

    calendars.py --url URL

For every demo user: ask for an address (POST /api/v1/calendars/renew), read their own feed
and every migration feed listed for them without a session, and parse each with icalendar.
Each must be a VCALENDAR 2.0 whose every content line is at most 75 octets and ends in CRLF,
whose events each have a UID (unique in the feed), a DTSTAMP in UTC, an all-day DTSTART
before its DTEND, a SEQUENCE and a STATUS; a person's feed holds only migrations the API
lists for them, and a migration feed only its own. Then a renewed address, a stopped one
and guesses answer 404 and say nothing else.
"""

import argparse
import datetime
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lib  # noqa: E402

try:
    import icalendar
except ImportError:
    sys.exit("the calendar check needs the Python package 'icalendar' (pip install icalendar)")

UID = re.compile(r"^[a-z0-9-]+-([0-9a-f-]{36})@cutover$")


def lines_ok(tally, label, raw):
    tally.check("format", raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b""), f"{label}: every line ends in CRLF")
    long = [line for line in raw.split(b"\r\n") if len(line) > 75]
    tally.check("format", not long, f"{label}: {len(long)} lines longer than 75 octets")


def events_of(tally, label, raw):
    """The parsed VEVENTs, after checking the calendar and each event's properties."""
    lines_ok(tally, label, raw)
    calendar = icalendar.Calendar.from_ical(raw)
    tally.check("format", calendar.name == "VCALENDAR" and str(calendar.get("VERSION")) == "2.0", f"{label}: a VCALENDAR 2.0")
    events = list(calendar.walk("VEVENT"))
    uids = [str(e.get("UID")) for e in events]
    tally.check("format", len(uids) == len(set(uids)), f"{label}: UIDs are unique")
    for event in events:
        start, end, stamp = event.get("DTSTART"), event.get("DTEND"), event.get("DTSTAMP")
        good = (UID.match(str(event.get("UID"))) is not None
                and stamp is not None and isinstance(stamp.dt, datetime.datetime) and stamp.dt.utcoffset() == datetime.timedelta(0)
                and start is not None and end is not None
                and type(start.dt) is datetime.date and type(end.dt) is datetime.date and start.dt < end.dt
                and event.get("SEQUENCE") is not None and str(event.get("STATUS")) in ("CONFIRMED", "CANCELLED")
                and event.get("SUMMARY"))
        tally.check("events", good, f"{label}: event {event.get('UID')} has UID, DTSTAMP in UTC, all-day DTSTART < DTEND, SEQUENCE, STATUS, SUMMARY")
    return events


def migration_of(event):
    match = UID.match(str(event.get("UID")))
    return match.group(1).upper() if match else None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    base = parser.parse_args().url.rstrip("/")
    tally = lib.Tally("calendars")
    anonymous = lib.Client(base)
    read = 0
    for role, email in lib.ROLES.items():
        api = lib.Api.sign_in(base, email, label=role)
        visible = {item["id"].upper() for item in api.all_items("/api/v1/migrations")}
        addresses = lib.body_json(api.post("/api/v1/calendars/renew", 201))
        listed = {m["migrationId"].upper(): m["url"] for m in addresses["migrations"]}
        tally.check("scope", set(listed) == visible, f"{role}: a feed for each migration the API lists ({len(listed)} of {len(visible)})")
        own = anonymous.get(addresses["url"], 200)
        tally.check("format", own.headers.get("Content-Type", "").startswith("text/calendar"), f"{role}: served as text/calendar")
        mine = events_of(tally, f"{role}'s own feed", own.content)
        read += 1
        strays = {migration_of(e) for e in mine} - visible
        tally.check("scope", not strays, f"{role}'s own feed: only migrations they may see (strays: {sorted(strays)[:3]})")
        for migration, url in sorted(listed.items())[:5]:
            events = events_of(tally, f"{role}: feed of {migration}", anonymous.get(url, 200).content)
            read += 1
            tally.check("scope", events and {migration_of(e) for e in events} == {migration}, f"{role}: the feed of {migration} holds only it")
        # Renewed: the old address and its migration feeds are gone; stopped: the new one too.
        renewed = lib.body_json(api.post("/api/v1/calendars/renew", 201))
        tally.check("addresses", renewed["url"] != addresses["url"], f"{role}: renewing gives a new address")
        tally.expect("addresses", anonymous.get(addresses["url"], lib.ANY), 404, f"{role}: the old address")
        for url in list(listed.values())[:1]:
            tally.expect("addresses", anonymous.get(url, lib.ANY), 404, f"{role}: the old address of a migration feed")
        api.request("DELETE", "/api/v1/calendars", 204)
        stopped = anonymous.get(renewed["url"], lib.ANY)
        tally.expect("addresses", stopped, 404, f"{role}: a stopped address")
        tally.check("addresses", "calendar" not in stopped.text.lower(), f"{role}: a stopped address says nothing of calendars")
    for guess in ["/calendars/" + "A" * 43 + ".ics", "/calendars/" + "A" * 43 + "/00000000-0000-0000-0000-000000000000.ics",
                  "/calendars/..%2F..%2Fetc%2Fpasswd.ics", "/calendars/x.ics", "/calendars/%00.ics"]:
        tally.expect("addresses", anonymous.get(guess, lib.ANY), 404, f"a guessed address {guess}")
    lib.say(f"read {read} feeds")
    return tally.report()


if __name__ == "__main__":
    sys.exit(main())
