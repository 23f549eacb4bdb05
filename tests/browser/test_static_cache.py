"""An officer going from page to page asks the server for the pages only: the stylesheets, scripts and fonts the
first page brought stay in the browser (intl/core/static_files.py)."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_the_next_pages_ask_the_server_for_nothing_but_themselves(page, live_server, sign_in):
    sign_in("officer")
    page.goto(f"{live_server.url}/partners")  # the fonts of the page's scripts come with the first pages
    page.wait_for_load_state("networkidle")
    served: list[str] = []
    inner = live_server.app.wsgi_app

    def counting(environ, start_response):  # what reaches the server, as its access log would show
        served.append(environ["PATH_INFO"])
        return inner(environ, start_response)

    live_server.app.wsgi_app = counting
    try:
        for path in ("/contacts", "/organizations", "/partners"):
            page.goto(f"{live_server.url}{path}")
            page.wait_for_load_state("networkidle")
    finally:
        live_server.app.wsgi_app = inner
    assert page.locator("link[rel=stylesheet][href*='/static/']").count() >= 5
    assert [path for path in served if path.startswith("/static/") and "favicon" not in path] == []
    assert {"/contacts", "/organizations", "/partners"} <= set(served)
