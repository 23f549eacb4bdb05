"""Pages served as in production and measured from outside, side by side with the floor, in one run.

Seeds office scale x10 (as the other scripts: 100,000 contacts, 10,000 organizations, 200,000 interactions;
20,000 engagements over five years with a leader's feed; 10,000 partners; 50,000 letters; 1,000 events with
50,000 guests), serves the app (`wsgi:app`) and the floor (`bench/floor.py`) with gunicorn, two sync workers
each, signs in as an officer, and drives every page with wrk in alternating rounds: the floor, then the page,
at 1 and at 8 connections. A page's ratio is its req/s over the floor's in the same round; the medians over
the rounds are reported. The feed's 304 is compared with a bare Flask "hello" the same way. At the end it reads
the resident memory of each worker.

Targets (issue 12, SQLite): every list, search and detail page of contacts, partners, organizations, letters
and registrations at >= 0.5x the floor at c=1 and c=8; the feed's 304 >= 2,000 req/s at c=8 or >= 0.3x the
hello; each worker under 120 MB. A reference row, not a target: the smallest signed-in page (a form of three
fields in the full frame), whose ratio to the floor is the most a page can reach before it shows any record.

Run: python bench/http.py [--scale S] [--json PATH] [--duration SECONDS] [--rounds N] [--keep DIR]
     [--only TEXT] [--before CHECKOUT]
(--before CHECKOUT serves that checkout's code too, say a worktree of main, in the same rotating rounds, so
that a change is measured side by side with what it replaces: ratios "before" beside the new ones.)
(--keep DIR seeds DIR/bench.sqlite3 once and reuses it on later runs; wrk: apt-get install wrk.)
The JSON has, per page and connection count, {"req_s", "p50_ms", "p95_ms", "p99_ms", "ratio", "queries"}.
"""

# ruff: noqa: E402  (the standard library is imported after taking bench/ off the path: see below)
from __future__ import annotations

import sys

# This file is bench/http.py: with bench/ first on the path, `import http` would find it instead of the
# standard library's package. Import the standard library first, then put bench/ back (last).
_BENCH_DIR = sys.path.pop(0)
import argparse
import http.cookiejar
import json
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.append(str(BENCH))

from common import counting_queries, db, make_app, signed_in_client
from sqlalchemy import func, select

PASSWORD = "bench-password-long-enough"
CONNECTIONS = (1, 8)
# wrk reports its percentiles from this Lua hook as one JSON line.
WRK_SCRIPT = """
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format('{"requests": %d, "seconds": %f, "errors": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d}\\n',
    summary.requests, summary.duration / 1e6, errors,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
"""


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="multiply the seeded row counts")
    parser.add_argument("--json", type=Path, help="write the figures as JSON to this file")
    parser.add_argument("--duration", type=int, default=5, help="seconds per wrk run")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds per page")
    parser.add_argument("--keep", type=Path, help="seed into this folder once and reuse it afterwards")
    parser.add_argument("--only", help="measure only the pages whose name contains this text")
    parser.add_argument(
        "--before",
        type=Path,
        help="also serve this checkout's code (say, main's) in the same rounds, side by side",
    )
    return parser.parse_args()


# --- seeding ------------------------------------------------------------------------------------------------
def seed_office(app, scale: float) -> None:
    import contacts
    import correspondence
    import partners
    import programmes
    import schedule

    from intl.demo.loader import load_demo

    contacts.seed(
        app,
        int(contacts.CONTACTS * scale),
        int(contacts.ORGANIZATIONS * scale),
        int(contacts.INTERACTIONS * scale),
        seed_number=3,
    )
    # The schedule seeds its own five leaders when there are none: before the demo office adds its own.
    schedule.seed(
        app,
        random.Random(2),
        max(50, int(schedule.ENGAGEMENTS * scale)),
        max(2, int(schedule.DELEGATIONS * scale)),
        max(20, int(schedule.CONTACTS * scale)),
        schedule.FIRST_DAY,
        schedule.LAST_DAY,
    )
    with app.app_context():
        load_demo()
    _synthetic_partners(app, int(partners.PARTNERS * scale))
    correspondence.seed(app, int(correspondence.LETTERS * scale))
    programmes.seed(
        app, random.Random(2), max(3, int(programmes.EVENTS * scale)), int(programmes.REGISTRATIONS * scale)
    )
    from intl.core.db import refresh_statistics

    with app.app_context():
        refresh_statistics(full=True)
        db.session.commit()


def _synthetic_partners(app, count: int) -> None:
    from intl.demo.loader import load_synthetic_partners

    with app.app_context():
        load_synthetic_partners(count)


def targets(app) -> dict:
    """The records the pages show: the busiest of each kind, so that no page is measured on an easy case."""
    import contacts
    import correspondence
    import schedule

    from intl.contacts.models import Contact
    from intl.correspondence.models import Letter
    from intl.events.models import Registration
    from intl.interactions.models import InteractionLink
    from intl.organizations.models import Organization
    from intl.partners.models import Partner

    with app.app_context():
        count = func.count().label("n")
        contact_id = db.session.execute(
            select(InteractionLink.entity_id, count)
            .where(InteractionLink.kind == "contact")
            .group_by(InteractionLink.entity_id)
            .order_by(count.desc(), InteractionLink.entity_id)
            .limit(1)
        ).first()[0]
        event_id = db.session.execute(
            select(Registration.event_id, count)
            .group_by(Registration.event_id)
            .order_by(count.desc())
            .limit(1)
        ).first()[0]
        found = {
            "contact": contact_id,
            "partner": db.session.scalar(select(func.max(Partner.id))),
            "organization": db.session.scalar(select(func.max(Organization.id))),
            "letter": db.session.scalar(select(func.max(Letter.id))),
            "event": event_id,
            "cjk": contacts.CJK_QUERY,
            "latin": contacts.COMMON_LATIN_QUERY,
            "letter_query": correspondence.CJK_QUERY,
        }
        found["mayor"] = schedule.choose_targets(app)["mayor"]
        # The floor lists the 50 contacts after the middle one: a page of the list, not its easy first one.
        found["middle_contact"] = (db.session.scalar(select(func.max(Contact.id))) or 0) // 2
    return found


def pages(found: dict) -> dict[str, str]:
    event = found["event"]
    return {
        "contact list": "/contacts",
        "contact search, 2 CJK characters": f"/contacts?q={urllib.parse.quote(found['cjk'])}",
        "contact search, Latin prefix": f"/contacts?q={found['latin']}",
        "contact page with timeline": f"/contacts/{found['contact']}",
        "partner list": "/partners",
        "partner search": "/partners?q=port",
        "partner page": f"/partners/{found['partner']}",
        "organization list": "/organizations",
        "organization search": f"/organizations?q={urllib.parse.quote('大學')}",
        "organization page": f"/organizations/{found['organization']}",
        "letter list": "/letters",
        "letter search": f"/letters?q={urllib.parse.quote(found['letter_query'])}",
        "letter page": f"/letters/{found['letter']}",
        "registration list": f"/events/{event}/registrations",
        "registration search": f"/events/{event}/registrations?q={urllib.parse.quote('志明')}",
        "check-in search": f"/events/{event}/check-in?q=nguyen",
        REFERENCE: "/account/password",
    }


# Not a target: the smallest page a signed-in officer can open (a form of three fields in the full frame: the
# session, the user's row, the menus, the CSRF token, the security headers). Its ratio to the floor is the
# most any page can reach on this stack before it reads or shows a single record.
REFERENCE = "signed-in frame, a small form (reference)"


def query_counts(app, urls: dict[str, str]) -> dict[str, int]:
    client = _client(app)
    counts = {}
    for name, url in urls.items():
        client.get(url)
        with counting_queries(app) as counter:
            response = client.get(url)
        assert response.status_code == 200, (name, url, response.status_code)
        counts[name] = counter["n"]
    return counts


def _client(app):
    from common import client_for

    from intl.auth.models import User

    with app.app_context():
        user_id = db.session.scalar(select(User.id).where(User.username == "bench-officer"))
    return client_for(app, user_id)


def ensure_officer(app) -> None:
    from intl.auth.models import User
    from intl.auth.passwords import hash_password

    with app.app_context():
        user = db.session.scalar(select(User).where(User.username == "bench-officer"))
        user.password_hash = hash_password(PASSWORD)
        db.session.commit()


# --- serving and driving ------------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    def __init__(self, target: str, env: dict, chdir: Path, log: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--workers", "2", "--bind", f"127.0.0.1:{self.port}", target],
            cwd=chdir,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=log.open("wb"),
        )

    def wait(self, path: str) -> None:
        for _ in range(1200):
            try:
                urllib.request.urlopen(self.url + path, timeout=60).read()
                return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                if self.process.poll() is not None:
                    raise SystemExit(f"gunicorn stopped serving {self.url}") from None
                time.sleep(0.1)

    def worker_memory_mb(self) -> list[float]:
        """Each worker's resident memory (VmRSS): the figure the target is stated in."""
        return [m["rss"] for m in self.worker_memory()]

    def worker_memory(self) -> list[dict[str, float]]:
        """Each worker's memory in MB: resident (rss), of which anonymous (anon: the heap, the worker's own)
        and file-backed (file: shared libraries and mapped files, shared with every process that maps
        them), and its proportional share (pss: shared pages divided among the processes sharing them)."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text().split()
        sizes = []
        for pid in children:
            status = Path(f"/proc/{pid}/status").read_text()
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()

            def kib(text: str, field: str) -> float:
                return int(re.search(rf"{field}:\s+(\d+) kB", text).group(1)) / 1024

            sizes.append(
                {
                    "rss": kib(status, "VmRSS"),
                    "anon": kib(status, "RssAnon"),
                    "file": kib(status, "RssFile"),
                    "pss": kib(rollup, "Pss"),
                }
            )
        return sizes

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def session_cookie(base: str) -> str:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"{base}/sign-in", timeout=60).read().decode()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode({"csrf_token": token, "username": "bench-officer", "password": PASSWORD})
    response = opener.open(f"{base}/sign-in", data=data.encode(), timeout=60)
    if "/sign-in" in response.geturl():
        raise SystemExit("the benchmark officer could not sign in")
    return "; ".join(f"{c.name}={c.value}" for c in jar)


def wrk(url: str, connections: int, seconds: float, headers: dict, script: Path) -> dict:
    command = [
        "wrk",
        "-t1",
        f"-c{connections}",
        f"-d{max(1, round(seconds))}s",
        "--timeout",
        "30s",
        "-s",
        str(script),
        url,
    ]
    for name, value in headers.items():
        command[1:1] = ["-H", f"{name}: {value}"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    figures = json.loads(output.strip().splitlines()[-1])
    return {
        "req_s": figures["requests"] / figures["seconds"],
        "p50_ms": figures["p50_us"] / 1000,
        "p95_ms": figures["p95_us"] / 1000,
        "p99_ms": figures["p99_us"] / 1000,
        "errors": figures["errors"],
    }


def compare(name, page_url, floor_url, headers, floor_headers, args, script, before_url=None) -> dict:
    """Alternating rounds of floor and page (and the page served by the --before checkout) at each connection
    count, the order rotated every round; medians of the per-round figures."""
    results = {}
    for connections in CONNECTIONS:
        rounds = []
        for number in range(args.rounds):
            sides = [("floor", floor_url, floor_headers), ("page", page_url, headers)]
            if before_url is not None:
                sides.append(("before", before_url, headers))
            shift = number % len(sides)
            sides = sides[shift:] + sides[:shift]  # no side always runs on a warmer machine
            measured = {side: wrk(url, connections, args.duration, h, script) for side, url, h in sides}
            for side in ("page", "before"):
                if side in measured and measured[side]["errors"]:
                    raise SystemExit(f"{name} ({side}): {measured[side]['errors']} errors at c={connections}")
            rounds.append(measured)
        page = {
            key: statistics.median(r["page"][key] for r in rounds)
            for key in ("req_s", "p50_ms", "p95_ms", "p99_ms")
        }
        floor_rate = statistics.median(r["floor"]["req_s"] for r in rounds)
        page["floor_req_s"] = floor_rate
        page["ratio"] = statistics.median(r["page"]["req_s"] / r["floor"]["req_s"] for r in rounds)
        if before_url is not None:
            page["before_req_s"] = statistics.median(r["before"]["req_s"] for r in rounds)
            page["before_p50_ms"] = statistics.median(r["before"]["p50_ms"] for r in rounds)
            page["before_ratio"] = statistics.median(
                r["before"]["req_s"] / r["floor"]["req_s"] for r in rounds
            )
        results[connections] = page
    return results


def main() -> None:
    args = parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: apt-get install wrk")
    folder = args.keep or Path(tempfile.mkdtemp(prefix="intl-http-"))
    folder.mkdir(parents=True, exist_ok=True)
    seeded = (folder / "seeded").exists()
    app = make_app(folder) if not seeded else _reopen(folder)
    if not seeded:
        signed_in_client(app)  # creates bench-officer, which the schedule's seed names as a feed owner
        begun = time.perf_counter()
        seed_office(app, args.scale)
        print(f"seeded the office in {time.perf_counter() - begun:.0f} s")
        (folder / "seeded").write_text(str(args.scale))
    ensure_officer(app)
    found = targets(app)
    urls = pages(found)
    if args.only:
        urls = {name: url for name, url in urls.items() if args.only in name}
    counts = query_counts(app, urls)
    import schedule

    secret = schedule.make_feed_token(app, found["mayor"])
    database_url = app.config["SQLALCHEMY_DATABASE_URI"]
    with app.app_context():
        db.engine.dispose()

    env = {
        **os.environ,
        "INTL_ENV": "development",
        "INTL_INSTANCE_PATH": str(folder),
        "DATABASE_URL": database_url,
        "UPLOAD_FOLDER": str(folder / "uploads"),
        "SECRET_KEY": "bench-http",
        "FLOOR_DATABASE_URL": database_url,
        "SMTP_HOST": "",
    }
    app_server = Server("wsgi:app", env, ROOT, folder / "app.log")
    floor_server = Server("bench.floor:create_floor_app()", env, ROOT, folder / "floor.log")
    before_server = Server("wsgi:app", env, args.before, folder / "before.log") if args.before else None
    script = folder / "report.lua"
    script.write_text(WRK_SCRIPT)
    try:
        app_server.wait("/sign-in")
        floor_server.wait("/hello")
        if before_server is not None:
            before_server.wait("/sign-in")
        cookie = {"Cookie": session_cookie(app_server.url)}  # the same SECRET_KEY: valid on both
        results: dict = {}
        for name, url in urls.items():
            figures = compare(
                name,
                app_server.url + url,
                floor_server.url + f"/floor?after={found['middle_contact']}",
                cookie,
                {},
                args,
                script,
                before_url=before_server.url + url if before_server else None,
            )
            for connections, page in figures.items():
                results[f"{name}, c={connections}"] = {**page, "queries": counts[name]}
                if name == REFERENCE:
                    results[f"{name}, c={connections}"]["versus"] = "reference"
            print(
                f"  {name}: "
                + ", ".join(
                    f"c={c} {f['req_s']:.0f} req/s ({f['ratio']:.2f}x"
                    + (f", before {f['before_ratio']:.2f}x" if "before_ratio" in f else "")
                    + ")"
                    for c, f in figures.items()
                )
            )
        feed = f"{app_server.url}/feeds/{secret}.ics"
        etag = urllib.request.urlopen(feed, timeout=120).headers["ETag"]
        figures = compare(
            "feed 304",
            feed,
            floor_server.url + "/hello",
            {"If-None-Match": etag},
            {},
            args,
            script,
            before_url=f"{before_server.url}/feeds/{secret}.ics" if before_server else None,
        )
        for connections, page in figures.items():
            results[f"leader's feed, 304, c={connections}"] = {**page, "queries": None, "versus": "hello"}
        memory_detail = app_server.worker_memory()
        memory = [m["rss"] for m in memory_detail]
        floor_memory = floor_server.worker_memory_mb()
        before_memory = before_server.worker_memory_mb() if before_server is not None else []
    finally:
        app_server.stop()
        floor_server.stop()
        if before_server is not None:
            before_server.stop()

    print(
        f"\nPages over HTTP, gunicorn 2 sync workers, medians of {args.rounds} alternating rounds of {args.duration:.0f} s"
    )
    before_head = f" {'before req/s':>12} {'before ratio':>12}" if args.before else ""
    print(
        f"{'page':48} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'ratio':>6} {'queries':>7}"
        + before_head
    )
    for name, f in results.items():
        before = f" {f['before_req_s']:12.0f} {f['before_ratio']:12.2f}" if "before_ratio" in f else ""
        print(
            f"{name:48} {f['req_s']:8.0f} {f['p50_ms']:8.2f} {f['p95_ms']:8.2f} {f['p99_ms']:8.2f} "
            f"{f['ratio']:6.2f} {f['queries'] if f['queries'] is not None else '':>7}" + before
        )
    print(
        f"app workers' memory: {', '.join(f'{m:.0f} MB' for m in memory)}; floor's: {', '.join(f'{m:.0f} MB' for m in floor_memory)}"
        + (f"; before's: {', '.join(f'{m:.0f} MB' for m in before_memory)}" if before_memory else "")
    )
    missed = [n for n, f in results.items() if f.get("versus") is None and f["ratio"] < 0.5]
    print("pages at >= 0.5x the floor:", "all" if not missed else "NOT MET: " + ", ".join(missed))
    feed8 = results["leader's feed, 304, c=8"]
    print(
        "feed 304 at c=8:",
        "met" if feed8["req_s"] >= 2000 or feed8["ratio"] >= 0.3 else "NOT MET",
        f"({feed8['req_s']:.0f} req/s, {feed8['ratio']:.2f}x hello)",
    )
    print(
        "app workers, MB resident (anonymous + file-backed; proportional share): "
        + ", ".join(
            f"{m['rss']:.0f} ({m['anon']:.0f} + {m['file']:.0f}; {m['pss']:.0f})" for m in memory_detail
        )
    )
    print("workers under 120 MB:", "yes" if max(memory) < 120 else "NO")
    if args.json:
        results["worker memory"] = {
            "app_mb": memory,
            "app_detail_mb": memory_detail,
            "floor_mb": floor_memory,
            "before_mb": before_memory,
        }
        args.json.write_text(json.dumps(results, indent=2))
        print(f"wrote {args.json}")


def _reopen(folder: Path):
    from intl import create_app

    url = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{folder / 'bench.sqlite3'}"
    return create_app(
        {
            "SQLALCHEMY_DATABASE_URI": url,
            "SECRET_KEY": "bench",
            "WTF_CSRF_ENABLED": False,
            "UPLOAD_FOLDER": str(folder / "uploads"),
        }
    )


if __name__ == "__main__":
    main()
