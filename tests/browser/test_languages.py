"""Issue 15 in Debian's chromium: the public registration page in each of the seven languages, chosen by the
published link's ?lang=, with the page's own words, the event's name in that language, the language picker,
and the script's font loaded (Japanese, Korean and Thai from the vendored Noto faces); the guest registers and
reads the confirmation in it. A screenshot of each page is saved for review in tests/browser/output/."""

from __future__ import annotations

import re
import secrets
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from flask_babel import force_locale
from flask_babel import gettext as _

from tests.browser.actions import follow
from tests.i18n.languages import EVENT_TITLE, GUEST_NAME, LANGUAGES, key, tag

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

OUTPUT = Path(__file__).resolve().parent / "output"
# The face each script must be drawn in (vendored fontsource stylesheets); the others take Noto Sans TC.
SCRIPT_FONT = {"ja": "Noto Sans JP", "ko": "Noto Sans KR", "th": "Noto Sans Thai"}


@pytest.fixture
def event_token(live_server):
    from intl.core.db import db
    from intl.events.services import create_event

    with live_server.app.app_context():
        start = datetime(2030, 3, 20, 1, 0, tzinfo=UTC) + timedelta(days=secrets.randbelow(300))
        event = create_event(
            title=EVENT_TITLE,
            kind="see_kaohsiung",
            start_dt=start,
            end_dt=start + timedelta(hours=3),
            venue="駁二藝術特區",
            capacity=20,
            registration_mode="open",
            status="confirmed",
        )
        db.session.commit()
        return event.registration_token


def words(live_server, locale: str, message: str) -> str:
    with live_server.app.test_request_context(), force_locale(locale):
        return _(message)


@pytest.mark.parametrize("locale", LANGUAGES)
def test_the_registration_page_in_each_language(live_server, browser, event_token, locale):
    context = browser.new_context(viewport={"width": 1100, "height": 1400})
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/register/{event_token}?lang={locale}")
        assert page.locator("html").get_attribute("lang") == tag(locale)
        assert page.locator("h1").inner_text() == EVENT_TITLE[key(locale)]
        register = words(live_server, locale, "Register")
        assert page.get_by_role("button", name=register, exact=True).is_visible()
        assert words(live_server, locale, "How we use your details") in page.inner_text("main")
        # the picker offers the seven languages, each named in itself, the current one pressed
        picker = page.locator(".language-switcher button")
        assert picker.count() == 7
        assert page.locator(".language-switcher [aria-pressed=true]").get_attribute("value") == locale

        page.evaluate("document.fonts.ready.then(() => true)")
        loaded = page.evaluate(
            "async () => { await document.fonts.ready;"
            " return [...document.fonts].filter(f => f.status === 'loaded').map(f => f.family); }"
        )
        if locale in SCRIPT_FONT:
            assert any(SCRIPT_FONT[locale] in family for family in loaded), loaded
            drawn_in = page.evaluate("getComputedStyle(document.querySelector('h1')).fontFamily")
            assert drawn_in.startswith(f'"{SCRIPT_FONT[locale]}"'), drawn_in

        OUTPUT.mkdir(exist_ok=True)
        page.screenshot(path=str(OUTPUT / f"registration-{locale}.png"), full_page=True)

        page.fill("input[name=name]", GUEST_NAME[locale])
        page.fill("input[name=email]", f"browser-{locale}-{secrets.token_hex(3)}@example.org")
        page.check("input[name=consent]")
        follow(page, page.get_by_role("button", name=register, exact=True))
        assert re.search(r"/register/[^/]+/r/[^/]+$", page.url)
        assert words(live_server, locale, "You are registered") in page.inner_text("main")
        page.screenshot(path=str(OUTPUT / f"registered-{locale}.png"), full_page=True)
    finally:
        context.close()
