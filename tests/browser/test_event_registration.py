"""Issue 5 in a real browser: guests register through an event's public link without an account (CSRF on, as in
production) — the second is waitlisted because the event is full — and an officer checks the first in at the
door by a two-character search, which the attendance figure shows."""

from __future__ import annotations

import re
import secrets
from datetime import UTC, datetime, timedelta

import icalendar
import pytest

from tests.browser.actions import follow, switch_language

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


@pytest.fixture
def full_event(live_server):
    """An event with one seat, fresh for each run (its token is unguessable, its guests its own)."""
    from intl.core.db import db
    from intl.events.services import create_event

    with live_server.app.app_context():
        start = datetime(2030, 3, 20, 1, 0, tzinfo=UTC) + timedelta(days=secrets.randbelow(300))
        event = create_event(
            title={"zh_Hant": "看見高雄", "en": "See Kaohsiung"},
            kind="see_kaohsiung",
            start_dt=start,
            end_dt=start + timedelta(hours=6),
            venue="Pier-2 Art Center",
            capacity=1,
            registration_mode="open",
            status="confirmed",
        )
        db.session.commit()
        return event.id, event.registration_token


def register(context, live_server, token: str, name: str, email: str):
    guest = context.new_page()
    guest.goto(f"{live_server.url}/register/{token}?lang=en")
    assert guest.locator("h1").inner_text() == "See Kaohsiung"
    guest.fill("input[name=name]", name)
    guest.fill("input[name=email]", email)
    guest.select_option("select[name=country]", "TW")
    guest.check("input[name=consent]")
    guest.get_by_role("button", name="Register").click()
    guest.wait_for_url(re.compile(r".*/register/[^/]+/r/[^/]+$"))
    return guest


def test_guests_register_the_second_is_waitlisted_and_the_officer_checks_in(
    browser, page, live_server, sign_in, full_event, tmp_path
):
    event_id, token = full_event
    suffix = secrets.token_hex(3)
    guests = browser.new_context(locale="en-US", accept_downloads=True)  # no account, no session
    try:
        first = register(guests, live_server, token, "林志明", f"lin-{suffix}@example.tw")
        status = first.locator("[data-registration-status]")
        assert status.get_attribute("data-registration-status") == "registered"
        assert "You are registered" in status.inner_text()
        with first.expect_download() as download_info:
            first.locator("[data-guest-ics]").click()
        path = tmp_path / "event.ics"
        download_info.value.save_as(path)
        vevents = icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")
        assert [str(e["STATUS"]) for e in vevents] == ["CONFIRMED"]

        # a second guest in another browser: the only seat is taken
        others = browser.new_context(locale="en-US")
        try:
            second = register(others, live_server, token, "Somchai Jaidee", f"somchai-{suffix}@example.th")
            status = second.locator("[data-registration-status]")
            assert status.get_attribute("data-registration-status") == "waitlisted"
            assert "number 1 on the waitlist" in status.inner_text()
            assert "林志明" not in second.content()
        finally:
            others.close()
    finally:
        guests.close()

    sign_in("officer")
    switch_language(page, "English")
    page.goto(f"{live_server.url}/events/{event_id}/check-in")
    assert page.locator('[data-figure="attended"]').inner_text() == "0"
    assert page.locator('[data-figure="waitlisted"]').inner_text() == "1"
    page.fill("input[name=q]", "志明")
    follow(page, page.get_by_role("button", name="Find"))
    row = page.locator("[data-check-in-results] tr[data-registration]")
    assert row.count() == 1 and "林志明" in row.inner_text()
    follow(page, row.locator("[data-mark-attended]"))
    assert page.locator('[data-figure="attended"]').inner_text() == "1"
    assert "林志明" in page.locator("[data-recent-check-ins]").inner_text()
    assert "Attended" in page.locator("[data-check-in-results]").inner_text()
