"""Officers working at once: the real server (gunicorn, two sync workers, one SQLite file in WAL mode) under
concurrent clients on the pages that write while they serve a GET (the contact page and the contact export
write the personal-data access log; a feed notes its last use and caches its entries). No request may fail.

In-process tests run one request at a time and cannot see this: SQLite refuses a transaction that read first
and then writes once another connection has committed ("database is locked"), without waiting.
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

import pytest

from intl import create_app
from tests.conftest import TEST_PASSWORD

ROOT = Path(__file__).resolve().parent.parent
THREADS = 8
REQUESTS_PER_THREAD = 50


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def seed(env: dict) -> dict:
    """A database with an officer, contacts, a leader and a feed address, made through the services."""
    from datetime import UTC, datetime, timedelta

    from flask_migrate import upgrade

    from intl.auth.services import create_user
    from intl.contacts.services import ContactDetails, create_contact
    from intl.core.db import db
    from intl.schedule.feeds import new_token
    from intl.schedule.models import FeedToken, Leader
    from intl.schedule.services import create_engagement

    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": env["DATABASE_URL"],
            "UPLOAD_FOLDER": env["UPLOAD_FOLDER"],
            "SECRET_KEY": env["SECRET_KEY"],
        }
    )
    with app.app_context():
        upgrade()
        officer = create_user("busy-officer", TEST_PASSWORD, "officer", display_name="Busy Officer")
        contact_ids = []
        for n in range(20):
            contact = create_contact(
                {"family_name": "林", "given_name": f"志明{n}", "name_locale": "zh_Hant", "country": "TW"},
                ContactDetails(
                    emails=[("work", f"lin{n}@example.tw")], phones=[("work", f"+886 7 000 {n:04d}")]
                ),
            )
            contact_ids.append(contact.id)
        leader = Leader(names={"en": "Mayor", "zh_Hant": "市長"}, title={"en": "Mayor"})
        db.session.add(leader)
        db.session.flush()
        start = datetime(2026, 12, 10, 1, tzinfo=UTC)
        for n in range(30):
            create_engagement(
                {"leader": [leader.id], "contact": [], "user": []},
                title={"en": f"Call {n}"},
                start_dt=start + timedelta(days=n),
                end_dt=start + timedelta(days=n, hours=1),
                visibility="public",
            )
        secret, digest = new_token()
        db.session.add(
            FeedToken(
                token_hash=digest, owner_id=officer.id, leader_id=leader.id, created_at=datetime.now(UTC)
            )
        )
        db.session.commit()
        db.engine.dispose()
    return {"contact_ids": contact_ids, "feed_secret": secret}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("concurrency")
    env = {
        **os.environ,
        "INTL_ENV": "development",
        "INTL_INSTANCE_PATH": str(tmp),
        "DATABASE_URL": f"sqlite:///{tmp / 'office.sqlite3'}",
        "UPLOAD_FOLDER": str(tmp / "uploads"),
        "SECRET_KEY": "concurrency-test-secret",
        "SMTP_HOST": "",
    }
    records = seed(env)
    port = free_port()
    log = (tmp / "gunicorn.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--workers", "2", "--bind", f"127.0.0.1:{port}", "wsgi:app"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                urllib.request.urlopen(f"{base}/sign-in", timeout=30).read()
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                if process.poll() is not None:
                    pytest.fail(
                        "gunicorn stopped: " + (tmp / "gunicorn.log").read_text(errors="replace")[-2000:]
                    )
                time.sleep(0.1)
        yield {"base": base, "pid": process.pid, **records}
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def signed_in_opener(base: str) -> urllib.request.OpenerDirector:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"{base}/sign-in", timeout=30).read().decode()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode(
        {"csrf_token": token, "username": "busy-officer", "password": TEST_PASSWORD}
    ).encode()
    response = opener.open(f"{base}/sign-in", data=data, timeout=30)
    assert "/sign-in" not in response.geturl(), "the officer could not sign in"
    return opener


def test_officers_at_once_get_no_error(server):
    base = server["base"]
    urls = [f"{base}/contacts/{contact_id}" for contact_id in server["contact_ids"]]
    urls += [f"{base}/contacts/export.csv", f"{base}/feeds/{server['feed_secret']}.ics"]
    statuses: Counter = Counter()
    failures: list[str] = []
    lock = threading.Lock()

    def officer(number: int) -> None:
        opener = signed_in_opener(base)
        for n in range(REQUESTS_PER_THREAD):
            url = urls[(number * 7 + n) % len(urls)]
            try:
                with opener.open(url, timeout=60) as response:
                    response.read()
                    status = response.status
            except urllib.error.HTTPError as error:
                status = error.code
            with lock:
                statuses[status] += 1
                if status != 200:
                    failures.append(f"{status} {url}")

    threads = [threading.Thread(target=officer, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(statuses.values()) == THREADS * REQUESTS_PER_THREAD
    assert failures == [], f"{len(failures)} failed of {sum(statuses.values())}: {failures[:10]}"


def test_workers_are_forked_from_a_master_that_loaded_the_app(server):
    """gunicorn.conf.py preloads the app: the master imports and warms it once and the workers share those
    pages. Without it the master holds only gunicorn (some 25 MB) and each worker builds its own app."""
    master = Path(f"/proc/{server['pid']}/status").read_text()
    resident_mb = int(re.search(r"VmRSS:\s+(\d+) kB", master).group(1)) / 1024
    children = Path(f"/proc/{server['pid']}/task/{server['pid']}/children")
    # A worker that gunicorn replaces (its timeout, on a machine busy with other tests) is missing for a moment.
    deadline = time.monotonic() + 30
    while len(workers := children.read_text().split()) < 2 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert len(workers) == 2
    assert resident_mb > 60, f"the master holds {resident_mb:.0f} MB: the app was not preloaded"


def test_a_worker_gives_back_the_memory_of_a_large_response():
    """gunicorn.conf.py: after a response of a megabyte or more the worker returns the heap's free pages to the
    system (glibc keeps them otherwise: a worker stayed 18 MB larger after one feed); after a page it does not."""
    probe = """
import re, runpy, types
conf = runpy.run_path("gunicorn.conf.py")
def anonymous_mb():
    return int(re.search(r"RssAnon:\\s+(\\d+)", open("/proc/self/status").read()).group(1)) // 1024
rows = [bytes(1000) for _ in range(60_000)]  # a large feed's rows: 60 MB of heap blocks
later = bytes(1000)  # something allocated after them keeps the heap from shrinking by itself
del rows
freed = anonymous_mb()
conf["post_request"](None, None, {}, types.SimpleNamespace(sent=20_000))
after_a_page = anonymous_mb()
conf["post_request"](None, None, {}, types.SimpleNamespace(sent=4_000_000))
print(freed, after_a_page, anonymous_mb())
"""
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=False, timeout=60
    )
    assert result.returncode == 0, result.stderr[-2000:]
    freed, after_a_page, after_a_feed = map(int, result.stdout.split())
    assert after_a_page > 50, "an ordinary page must not pay for a trim"
    assert after_a_feed < freed - 40, (freed, after_a_feed)
