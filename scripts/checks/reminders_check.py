"""Reminders by e-mail, checked from outside with real SMTP servers on 127.0.0.1.

(a) A demo service sends its reminders to aiosmtpd: every message that arrives is addressed
    to a demo user who may read the migration it names (asked of the API as that user), with
    a subject, a Message-ID, a link to the migration, and no person gets the same reminder
    twice; each user's outbox says it was sent.
(b) An SMTP server that refuses every recipient, and (c) one that accepts the connection and
    never answers: the messages stay in the outbox as pending, with the server's answer or
    the timeout as their error, and the service goes on answering.
(d) Two instances on one PostgreSQL, sending to one inbox: no reminder arrives twice.

Bounded: each wait is at most 60 seconds; about two minutes in all. Ports (environment):
REMINDERS_PORT (8115: the SMTP inbox; the refusing and silent servers and the services take
the next ports), REMINDERS_PGPORT (5436).
"""
import email
import os
import socket
import threading
import time
from email.utils import parsedate_to_datetime

from aiosmtpd.controller import Controller

from lib import Api, Server, Tally, issue_token, postgres_start, say, stop_on_signals, temp_folder

stop_on_signals()
BASE_PORT = int(os.environ.get("REMINDERS_PORT", "8115"))
PGPORT = int(os.environ.get("REMINDERS_PGPORT", "5436"))
PUBLIC = "http://cutover.test"
tally = Tally("reminders")


class Inbox:
    """Keeps every message that arrives."""

    def __init__(self):
        self.messages, self.lock = [], threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.messages.append((list(envelope.rcpt_tos), email.message_from_bytes(envelope.original_content)))
        return "250 2.0.0 kept"

    def snapshot(self):
        with self.lock:
            return list(self.messages)


class Refuser:
    async def handle_RCPT(self, server, session, envelope, address, options):
        return "550 5.1.1 no such mailbox here"


def silent_server(port):
    """Accepts connections and never says a word."""
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", port))
    listener.listen(16)
    held = []

    def accept():
        while True:
            try:
                held.append(listener.accept()[0])
            except OSError:
                return
    threading.Thread(target=accept, daemon=True).start()
    return listener


def service(port, smtp_port, data=None, database_url=None, extra=""):
    env = {"CUTOVER_SMTP_URL": f"smtp://127.0.0.1:{smtp_port}?from=cutover@test.nhs.uk{extra}", "CUTOVER_REMINDER_INTERVAL": "1",
           "CUTOVER_PUBLIC_URL": PUBLIC}
    return Server(port, data=data or (None if database_url else temp_folder("reminders")), database_url=database_url, env=env).start()


def settle(inbox, seconds=60, quiet=4):
    """Waits until messages have arrived and none has for `quiet` seconds (at most `seconds`)."""
    deadline, last, since = time.monotonic() + seconds, -1, time.monotonic()
    while time.monotonic() < deadline:
        count = len(inbox.snapshot())
        if count != last:
            last, since = count, time.monotonic()
        elif count > 0 and time.monotonic() - since >= quiet:
            break
        time.sleep(0.5)
    return inbox.snapshot()


def check_messages(label, url, messages):
    """Every message to a person who may read its migration, once each."""
    tally.check(label, len(messages) > 0, "no reminder arrived")
    tokens, seen = {}, set()
    for recipients, message in messages:
        to = recipients[0] if recipients else ""
        key, migration = message["X-Cutover-Key"], message["X-Cutover-Migration"]
        tally.check(label, (to, key) not in seen and (to, message["Subject"]) not in seen, f"{to} got {key} twice")
        seen.update({(to, key), (to, message["Subject"])})
        tally.check(label, bool(message["Subject"]) and bool(message["Message-ID"]) and parsedate_to_datetime(message["Date"]) is not None,
                    f"a message to {to} lacks a subject, Message-ID or date")
        if migration:
            body = message.get_payload(decode=True).decode("utf-8")
            tally.check(label, f"{PUBLIC}/migrations/{migration}" in body, f"the message to {to} has no link to its migration")
            if to not in tokens:
                tokens[to] = issue_token(url, to)
            reader = Api(url, tokens[to], label=to)
            tally.check(label, reader.request("GET", f"/api/v1/migrations/{migration}", (200, 404)).status_code == 200,
                        f"{to} was reminded of a migration they may not read ({message['Subject']})")
    return tokens


def outbox(url, token):
    return Api(url, token).get_json("/api/v1/outbox?per=100")["items"]


def main():
    inbox, refused_inbox = Inbox(), Inbox()
    controllers = [Controller(inbox, hostname="127.0.0.1", port=BASE_PORT), Controller(Refuser(), hostname="127.0.0.1", port=BASE_PORT + 1)]
    for controller in controllers:
        controller.start()
    silent = silent_server(BASE_PORT + 2)
    try:
        # (a) One service, one inbox.
        say("reminders: (a) a demo service sending to aiosmtpd")
        a = service(BASE_PORT + 3, BASE_PORT)
        tally.check("start", a.wait_ready(), "the service did not start")
        messages = settle(inbox)
        tokens = check_messages("(a) messages", a.url, messages)
        for to, token in list(tokens.items())[:5]:
            items = outbox(a.url, token)
            tally.check("(a) outbox", any(i["status"] == "sent" for i in items), f"{to}'s outbox shows nothing sent")
        say(f"reminders: (a) {len(messages)} messages to {len(tokens)} people")
        a.stop()

        # (b) A server that refuses, (c) one that never answers.
        for label, port, extra, expected in (("(b) refused", BASE_PORT + 1, "", "550"), ("(c) silent", BASE_PORT + 2, "&timeout=2", "did not answer")):
            say(f"reminders: {label}")
            server = service(BASE_PORT + 4, port, extra=extra)
            tally.check(label, server.wait_ready(), "the service did not start")
            token = issue_token(server.url, "pm@csu.demo.test")
            deadline, errors = time.monotonic() + 60, []
            while time.monotonic() < deadline and not errors:
                errors = [i for i in outbox(server.url, token) if i.get("lastError")]
                time.sleep(1)
            tally.check(label, bool(errors) and all(expected in i["lastError"] and i["status"] == "pending" for i in errors),
                        f"no message kept with the error '{expected}': {[i.get('lastError') for i in errors][:3]}")
            started = time.monotonic()
            Api(server.url, token).get_json("/api/v1/migrations?per=5")
            tally.check(label, time.monotonic() - started < 5, "the service stopped answering while mail failed")
            server.stop()

        # (d) Two instances on one PostgreSQL.
        say("reminders: (d) two instances on one PostgreSQL")
        url = postgres_start(PGPORT, temp_folder("reminders-pg"))
        inbox.messages.clear()
        one, two = service(BASE_PORT + 5, BASE_PORT, database_url=url), service(BASE_PORT + 6, BASE_PORT, database_url=url)
        tally.check("(d) start", one.wait_ready(90) and two.wait_ready(90), "the instances did not start")
        messages = settle(inbox, seconds=60, quiet=6)
        check_messages("(d) messages", one.url, messages)
        say(f"reminders: (d) {len(messages)} messages from two instances")
        one.stop()
        two.stop()
    finally:
        for controller in controllers:
            controller.stop()
        silent.close()
    tally.report(list_failures=True)
    raise SystemExit(1 if tally.failed else 0)


main()
