"""An officer going from page to page asks the server for the pages only: the stylesheets, scripts and fonts the
first page brought stay in the browser (intl/core/static_files.py)."""

from __future__ import annotations

from collections import Counter

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_the_next_pages_ask_the_server_for_nothing_they_had(page, live_server, sign_in):
    served: list[str] = []
    inner = live_server.app.wsgi_app

    def counting(environ, start_response):  # what reaches the server, as its access log would show
        served.append(environ["PATH_INFO"])
        return inner(environ, start_response)

    live_server.app.wsgi_app = counting
    try:
        sign_in("officer")
        for path in ("/partners", "/contacts", "/organizations", "/partners", "/contacts"):
            page.goto(f"{live_server.url}{path}")
            page.wait_for_load_state("networkidle")
    finally:
        live_server.app.wsgi_app = inner
    assert page.locator("link[rel=stylesheet][href*='/static/']").count() >= 5
    static = Counter(path for path in served if path.startswith("/static/") and "favicon" not in path)
    # Each once: the stylesheets and scripts with the first page, a font's part when a page first shows
    # characters in it (the fonts are split by unicode-range), never again.
    assert static and static.most_common(1)[0][1] == 1, static.most_common(3)
    assert served.count("/partners") == 2 and served.count("/contacts") == 2
