"""The office's busiest hour, from outside: officers browsing and editing while guests rush one event's form.

Seeds a fresh PostgreSQL database (an office: contacts, organizations, interactions, the demo partners and
letters, one open event with a capacity), serves the app with two gunicorn servers (two sync workers each, as
two machines behind a balancer would), and for `--duration` seconds drives:
- `--officers` officers (50), each signed in on one of the servers, browsing lists, searches and records and
  adding notes to contacts' timelines, with a think time between clicks;
- `--guests` guests (200) registering for the one event through its public link, all arriving in the first
  seconds (the moment the link goes out); one in ten double-clicks (submits twice at once). Each guest comes
  from an address of its own (X-Forwarded-For through one trusted proxy), as they would.

Then it checks what the database holds: every guest exactly one registration (none lost, none duplicated),
the capacity respected, and the waitlist exact (everyone registered answered before everyone waitlisted, in
the order they were let in). It prints each page's request count, errors, p50 and p95, and exits non-zero
when any request failed or any check did not hold.

Run: python bench/load.py [--duration S] [--officers N] [--guests N] [--capacity N] [--json PATH]
     (PostgreSQL at BENCH_PG_URL, default postgresql://postgres@127.0.0.1:5432/postgres; the script creates
     and drops its own database there.) Threads drive the load, so the driver shares the machine's cores
     with the servers: latencies include its own overhead.
"""

# ruff: noqa: E402  (the standard library is imported after taking bench/ off the path, as in http.py)
from __future__ import annotations

import sys

_BENCH_DIR = sys.path.pop(0)
import argparse
import json
import os
import random
import re
import statistics
import subprocess
import tempfile
import threading
import time
import urllib.parse
from collections import defaultdict
from pathlib import Path

import psycopg
import requests

sys.path.append(_BENCH_DIR)
ROOT = Path(_BENCH_DIR).resolve().parent
sys.path.insert(0, str(ROOT))

PASSWORD = "bench-password-long-enough"
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=60, help="seconds of load")
    parser.add_argument("--officers", type=int, default=50)
    parser.add_argument("--guests", type=int, default=200)
    parser.add_argument("--capacity", type=int, default=120, help="seats of the event (the rest wait)")
    parser.add_argument("--think", type=float, default=1.0, help="an officer's mean pause between clicks, s")
    parser.add_argument("--contacts", type=int, default=10_000, help="contacts seeded (organizations 1/10)")
    parser.add_argument("--letters", type=int, default=500, help="letters seeded")
    parser.add_argument(
        "--tree",
        type=Path,
        default=ROOT,
        help="the checkout whose code the servers run (say, main's, to compare)",
    )
    parser.add_argument("--json", type=Path)
    return parser.parse_args()


# --- the database -----------------------------------------------------------------------------------------
def fresh_database(admin_url: str) -> str:
    name = f"intl_load_{os.getpid()}"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    return admin_url.rsplit("/", 1)[0] + "/" + name


def drop_database(admin_url: str, url: str) -> None:
    name = url.rsplit("/", 1)[1]
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def seed(url: str, folder: Path, args) -> dict:
    os.environ["BENCH_DATABASE_URL"] = url
    import contacts
    import correspondence
    from common import db, make_app
    from sqlalchemy import func, select

    from intl.auth.services import create_user
    from intl.contacts.models import Contact
    from intl.core.db import refresh_statistics
    from intl.core.localized import LocalizedText
    from intl.core.time import now_utc
    from intl.demo.loader import load_demo
    from intl.events import services as event_services
    from intl.partners.models import Partner

    app = make_app(folder)
    with app.app_context():
        load_demo()  # first: it adds its own contacts only to an empty office
        db.session.commit()
    contacts.seed(app, args.contacts, max(10, args.contacts // 10), args.contacts * 2, seed_number=3)
    correspondence.seed(app, args.letters)
    with app.app_context():
        officers = []
        for number in range(args.officers):
            user = create_user(f"load-officer-{number}", PASSWORD, "officer")
            officers.append(user.username)
        start = now_utc().replace(microsecond=0)
        from datetime import timedelta

        event = event_services.create_event(
            title=LocalizedText({"zh_Hant_TW": "看見高雄：國際學生之夜", "en": "See Kaohsiung: an evening"}),
            kind="see_kaohsiung" if "see_kaohsiung" in _event_kinds() else "other",
            start_dt=start + timedelta(days=14),
            end_dt=start + timedelta(days=14, hours=3),
            capacity=args.capacity,
            registration_mode="open",
        )
        db.session.commit()
        refresh_statistics(full=True)
        db.session.commit()
        found = {
            "officers": officers,
            "event_id": event.id,
            "event_token": event.registration_token,
            "contact_ids": list(
                db.session.scalars(
                    select(Contact.id).where(Contact.archived_at.is_(None)).order_by(Contact.id).limit(2000)
                )
            ),
            "partner_id": db.session.scalar(select(func.max(Partner.id))),
        }
        from intl.correspondence.models import Letter
        from intl.organizations.models import Organization

        found["organization_id"] = db.session.scalar(select(func.max(Organization.id)))
        found["letter_id"] = db.session.scalar(select(func.max(Letter.id))) or 0
        db.session.remove()
        db.engine.dispose()
    return found


def _event_kinds() -> set[str]:
    from intl.events.models import EVENT_KINDS

    return set(EVENT_KINDS)


# --- servers ------------------------------------------------------------------------------------------------
class Server:
    def __init__(self, env: dict, log: Path, tree: Path):
        import socket

        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "--workers",
                "2",
                "--bind",
                f"127.0.0.1:{self.port}",
                "wsgi:app",
            ],
            cwd=tree,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=log.open("wb"),
        )

    def wait(self) -> None:
        deadline = time.monotonic() + 600  # workers boot slowly on a busy machine (imports, templates)
        while time.monotonic() < deadline:
            try:
                requests.get(self.url + "/sign-in", timeout=120)
                return
            except requests.RequestException:
                if self.process.poll() is not None:
                    raise SystemExit(f"gunicorn stopped serving {self.url}") from None
                time.sleep(0.5)
        raise SystemExit(f"gunicorn at {self.url} did not answer")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


# --- the clients --------------------------------------------------------------------------------------------
class Recorder:
    """Latencies and failures per page, from every thread."""

    def __init__(self):
        self.lock = threading.Lock()
        self.times: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, list[str]] = defaultdict(list)

    def call(self, page: str, session: requests.Session, method: str, url: str, expect=(200,), **kwargs):
        begun = time.perf_counter()
        try:
            response = session.request(method, url, timeout=120, allow_redirects=False, **kwargs)
        except requests.RequestException as error:
            with self.lock:
                self.errors[page].append(f"{type(error).__name__}: {error}")
            return None
        elapsed = (time.perf_counter() - begun) * 1000
        with self.lock:
            self.times[page].append(elapsed)
            if response.status_code not in expect:
                self.errors[page].append(f"HTTP {response.status_code} {method} {url}")
        return response


def sign_in(recorder: Recorder, base: str, username: str) -> requests.Session:
    session = requests.Session()
    page = recorder.call("sign-in form", session, "GET", f"{base}/sign-in")
    token = CSRF.search(page.text).group(1)
    data = {"csrf_token": token, "username": username, "password": PASSWORD}
    response = recorder.call("sign-in", session, "POST", f"{base}/sign-in", expect=(302, 303), data=data)
    if response is None or "/sign-in" in response.headers.get("Location", "/sign-in"):
        raise SystemExit(f"{username} could not sign in")
    return session


def officer(
    recorder: Recorder, base: str, username: str, found: dict, stop_at: float, think: float, seed: int
):
    rng = random.Random(seed)
    session = sign_in(recorder, base, username)
    event = found["event_id"]
    pages = [
        ("contact list", lambda: "/contacts"),
        ("contact search, 2 CJK characters", lambda: "/contacts?q=" + urllib.parse.quote("志明")),
        ("contact search, Latin prefix", lambda: "/contacts?q=ngu"),
        ("contact page", lambda: f"/contacts/{rng.choice(found['contact_ids'])}"),
        ("partner list", lambda: "/partners"),
        ("partner page", lambda: f"/partners/{found['partner_id']}"),
        ("organization list", lambda: "/organizations"),
        ("organization page", lambda: f"/organizations/{found['organization_id']}"),
        ("letter list", lambda: "/letters"),
        ("letter page", lambda: f"/letters/{found['letter_id']}"),
        ("registration list", lambda: f"/events/{event}/registrations"),
        ("dashboard", lambda: "/dashboard"),
    ]
    while time.monotonic() < stop_at:
        if rng.random() < 0.15:
            contact_id = rng.choice(found["contact_ids"])
            form_url = f"{base}/interactions/new/contact/{contact_id}"
            form = recorder.call("note form", session, "GET", form_url)
            if form is not None and form.status_code == 200:
                data = {
                    "csrf_token": CSRF.search(form.text).group(1),
                    "kind": "note",
                    "occurred_on": time.strftime("%Y-%m-%d"),
                    "subject": f"Call from the load test {rng.randrange(10**6)}",
                    "text": "Discussed the visit's programme.",
                    "version": "",
                }
                recorder.call("note saved", session, "POST", form_url, expect=(302, 303), data=data)
        else:
            name, path = rng.choice(pages)
            recorder.call(name, session, "GET", base + path())
        time.sleep(rng.expovariate(1 / think) if think else 0)


def guest(recorder: Recorder, base: str, token: str, number: int, delay: float, double: bool, outcome: dict):
    time.sleep(delay)
    session = requests.Session()
    headers = {"X-Forwarded-For": f"10.{number // 250}.{number % 250}.{(number * 7) % 250 + 1}"}
    url = f"{base}/register/{token}"
    form = recorder.call("guest form", session, "GET", url, headers=headers)
    if form is None or form.status_code != 200:
        return
    data = {
        "csrf_token": CSRF.search(form.text).group(1),
        "name": f"Guest {number:03d}",
        "alt_name": f"來賓{number:03d}",
        "email": f"guest{number:03d}@example.org",
        "consent": "y",
    }
    time.sleep(random.Random(number).uniform(0.5, 2.0))  # filling in the form

    def submit():
        response = recorder.call(
            "guest registers", session, "POST", url, expect=(200, 302, 303), data=data, headers=headers
        )
        if response is not None:
            with recorder.lock:
                outcome.setdefault(number, []).append(response.status_code)

    if double:  # a double click: the same form sent twice at once
        threads = [threading.Thread(target=submit) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    else:
        submit()


# --- the checks ---------------------------------------------------------------------------------------------
def check_registrations(url: str, event_id: int, guests: int, capacity: int) -> dict:
    with psycopg.connect(url) as connection:
        rows = connection.execute(
            "SELECT id, email_key, status, responded_at FROM registration WHERE event_id = %s ORDER BY id",
            (event_id,),
        ).fetchall()
    by_email = defaultdict(list)
    for row in rows:
        by_email[row[1]].append(row)
    registered = [r for r in rows if r[2] == "registered"]
    waitlisted = [r for r in rows if r[2] == "waitlisted"]
    expected = {f"guest{n:03d}@example.org" for n in range(guests)}
    checks = {
        "registrations": len(rows),
        "lost": sorted(expected - set(by_email)),
        "duplicated": sorted(e for e, found in by_email.items() if len(found) > 1),
        "registered": len(registered),
        "waitlisted": len(waitlisted),
        "capacity respected": len(registered) == min(capacity, guests),
        "waitlist holds the rest": len(waitlisted) == max(guests - capacity, 0),
        # Seats went in the order guests were let in: every seated guest answered before every waiting one
        # (ids are given under the event's lock, so they follow that order too).
        "waitlist in order": (
            not registered
            or not waitlisted
            or (
                max(r[0] for r in registered) < min(r[0] for r in waitlisted)
                and max(r[3] for r in registered) <= min(r[3] for r in waitlisted)
            )
        ),
    }
    checks["ok"] = (
        not checks["lost"]
        and not checks["duplicated"]
        and checks["capacity respected"]
        and checks["waitlist holds the rest"]
        and checks["waitlist in order"]
    )
    return checks


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def main() -> None:
    args = parse_args()
    admin_url = os.environ.get("BENCH_PG_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
    url = fresh_database(admin_url)
    folder = Path(tempfile.mkdtemp(prefix="intl-load-"))
    servers: list[Server] = []
    try:
        begun = time.perf_counter()
        found = seed(url, folder, args)
        print(f"seeded in {time.perf_counter() - begun:.0f} s", flush=True)
        env = {
            **os.environ,
            "INTL_ENV": "development",
            "INTL_INSTANCE_PATH": str(folder),
            "DATABASE_URL": url,
            "UPLOAD_FOLDER": str(folder / "uploads"),
            "SECRET_KEY": "bench-load",
            "SMTP_HOST": "",
            "PROXY_COUNT": "1",  # the guests' addresses arrive in X-Forwarded-For, as behind a balancer
        }
        servers = [Server(env, folder / f"app{n}.log", args.tree) for n in range(2)]
        for server in servers:
            server.wait()
        recorder = Recorder()
        stop_at = time.monotonic() + args.duration
        outcome: dict[int, list[int]] = {}
        rng = random.Random(7)
        threads = [
            threading.Thread(
                target=officer,
                args=(recorder, servers[n % 2].url, name, found, stop_at, args.think, n),
            )
            for n, name in enumerate(found["officers"])
        ]
        threads += [
            threading.Thread(
                target=guest,
                args=(
                    recorder,
                    servers[n % 2].url,
                    found["event_token"],
                    n,
                    rng.uniform(0, min(10, args.duration / 2)),
                    n % 10 == 0,
                    outcome,
                ),
            )
            for n in range(args.guests)
        ]
        begun = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - begun
        for server in servers:
            server.stop()
        servers = []
        checks = check_registrations(url, found["event_id"], args.guests, args.capacity)
    finally:
        for server in servers:
            server.stop()
        drop_database(admin_url, url)  # the run's own database, whatever happened

    results = {}
    print(
        f"\n{args.officers} officers and {args.guests} guests for {elapsed:.0f} s against 2 gunicorn servers "
        f"(2 sync workers each) on PostgreSQL"
    )
    print(f"{'page':36} {'requests':>9} {'errors':>7} {'p50 ms':>9} {'p95 ms':>9}")
    for page in sorted(set(recorder.times) | set(recorder.errors)):
        times = recorder.times.get(page, [])
        errors = recorder.errors.get(page, [])
        figures = {
            "requests": len(times),
            "errors": len(errors),
            "p50_ms": round(statistics.median(times), 1) if times else None,
            "p95_ms": round(percentile(times, 0.95), 1) if times else None,
        }
        results[page] = figures
        print(
            f"{page:36} {figures['requests']:9} {figures['errors']:7} "
            f"{figures['p50_ms'] or 0:9.1f} {figures['p95_ms'] or 0:9.1f}"
        )
    errors = sum(len(e) for e in recorder.errors.values())
    for page, messages in recorder.errors.items():
        for message in messages[:3]:
            print(f"  error on {page}: {message}")
    unanswered = [n for n in range(args.guests) if n not in outcome]
    print(
        f"\nregistrations: {checks['registrations']} ({checks['registered']} registered, "
        f"{checks['waitlisted']} waitlisted) for {args.guests} guests, capacity {args.capacity}"
    )
    print(
        f"lost: {len(checks['lost'])}; duplicated: {len(checks['duplicated'])}; guests unanswered: "
        f"{len(unanswered)}"
    )
    print(
        f"capacity respected: {checks['capacity respected']}; waitlist holds the rest: "
        f"{checks['waitlist holds the rest']}; waitlist in order: {checks['waitlist in order']}"
    )
    print(f"errors: {errors}")
    results["checks"] = checks
    results["errors"] = errors
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, default=str))
        print(f"wrote {args.json}")
    if errors or not checks["ok"] or unanswered:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
