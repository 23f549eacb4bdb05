"""A live server in a thread and Debian's chromium driven by Playwright.

The browser must run in CI: a missing chromium fails these tests instead of skipping them.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from intl import create_app
from tests.conftest import BACKENDS, TEST_PASSWORD, make_test_config, worker_id

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]


class LiveServer:
    def __init__(self, app):
        self.app = app
        self.server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self):
        self.thread.start()

    def stop(self):
        self.server.shutdown()


@pytest.fixture(scope="session", params=BACKENDS)
def live_server(request, tmp_path_factory):
    backend = request.param
    tmp = tmp_path_factory.mktemp(f"live-{backend}")
    config = make_test_config(tmp, backend, f"intl_live_{worker_id()}")
    config["WTF_CSRF_ENABLED"] = True  # the real thing: forms in the browser carry their tokens
    app = create_app(config)
    with app.app_context():
        from flask_migrate import upgrade

        from intl.auth.services import create_user
        from intl.core.db import db

        upgrade()
        for role in ("admin", "officer", "intern", "leader"):
            create_user(f"{role}-b", TEST_PASSWORD, role, display_name=f"{role.title()} Browser")
        db.session.commit()
    server = LiveServer(app)
    server.start()
    yield server
    server.stop()
    with app.app_context():
        from intl.core.db import db

        db.engine.dispose()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"chromium not found at {CHROMIUM}: install it (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser, tmp_path):
    context = browser.new_context(
        locale="zh-TW", accept_downloads=True, viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def sign_in(page, live_server):
    def go(role: str = "officer"):
        page.goto(f"{live_server.url}/sign-in")
        page.fill("input[name=username]", f"{role}-b")
        page.fill("input[name=password]", TEST_PASSWORD)
        page.click("#sign-in-form button[type=submit]")
        page.wait_for_url(f"{live_server.url}/")
        return page

    return go
