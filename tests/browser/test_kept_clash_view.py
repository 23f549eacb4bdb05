"""Issue 13 in a real browser: an officer books the mayor over another engagement, ticks the warning and
saves; the week calendar then marks both engagements as a kept clash."""

from __future__ import annotations

import uuid
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from tests.browser.actions import switch_language

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

TAIPEI = ZoneInfo("Asia/Taipei")


def booked_mayor(app, title: str) -> tuple[int, str]:
    """A leader with an engagement at 10:00 today, office time: (leader id, today's ISO date)."""
    from intl.core.db import db
    from intl.core.localized import LocalizedText
    from intl.core.time import today_in
    from intl.schedule.models import Leader
    from intl.schedule.services import create_engagement

    with app.app_context():
        mayor = Leader(
            names=LocalizedText({"zh_Hant": "陳其邁", "en": f"Chen {title[-6:]}"}),
            title=LocalizedText({"zh_Hant": "市長", "en": "Mayor"}),
            color="#0d6efd",
        )
        db.session.add(mayor)
        db.session.flush()
        today = today_in("Asia/Taipei")
        start = datetime.combine(today, time(10, 0), TAIPEI)
        create_engagement(
            {"leader": [mayor.id], "contact": [], "user": []},
            title=LocalizedText({"en": title}),
            kind="meeting",
            start_dt=start,
            end_dt=start + timedelta(hours=1),
            timezone="Asia/Taipei",
            visibility="internal",
            status="confirmed",
        )
        db.session.commit()
        return mayor.id, today.isoformat()


def test_a_kept_clash_is_marked_on_the_week_calendar(page, live_server, sign_in):
    suffix = uuid.uuid4().hex[:6]
    first = f"Port authority briefing {suffix}"
    second = f"Da Nang courtesy call {suffix}"
    mayor_id, today = booked_mayor(live_server.app, first)

    sign_in("officer")
    switch_language(page, "English")
    page.goto(f"{live_server.url}/engagements/new")
    page.select_option("[name='title-0-locale']", "en")
    page.fill("[name='title-0-text']", second)
    page.fill("[name=start_on]", today)
    page.fill("[name=start_time]", "10:30")
    page.fill("[name=end_time]", "11:30")
    page.check(f"input[name=leaders][value='{mayor_id}']")
    page.click("form[data-engagement-form] button[type=submit]")
    expect(page.locator("[data-clashes]")).to_contain_text(first)
    page.check("input[name=confirm_clashes]")
    page.click("form[data-engagement-form] button[type=submit]")
    expect(page.locator("[data-kept-clashes]")).to_contain_text("Clash kept")

    page.goto(f"{live_server.url}/schedule?view=week&leader={mayor_id}")
    calendar = page.locator("[data-calendar]")
    for title in (first, second):
        event = calendar.locator(".ec-event", has_text=title)
        expect(event).to_be_visible()
        expect(event.locator("[data-clash-mark]")).to_be_visible()
        expect(event.locator("[data-clash-mark]")).to_contain_text("Clash")
