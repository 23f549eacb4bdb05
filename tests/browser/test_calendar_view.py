"""Issue 4 in a real browser: the leaders' calendar in week and month views, filtered by leader."""

from __future__ import annotations

import uuid
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from tests.browser.actions import switch_language

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

TAIPEI = ZoneInfo("Asia/Taipei")


def make_schedule(app, title: str) -> tuple[int, int]:
    """Two leaders and an engagement of the first one today (office time): (mayor id, deputy id)."""
    from intl.core.db import db
    from intl.core.localized import LocalizedText
    from intl.core.time import today_in
    from intl.schedule.models import Leader
    from intl.schedule.services import create_engagement

    with app.app_context():
        mayor = Leader(
            names=LocalizedText({"zh_Hant": "陳其邁", "en": "Chen Chi-mai"}),
            title=LocalizedText({"zh_Hant": "市長", "en": "Mayor"}),
            color="#d63384",
        )
        deputy = Leader(
            names=LocalizedText({"zh_Hant": "林欽榮", "en": "Lin Chin-rong"}),
            title=LocalizedText({"zh_Hant": "副市長", "en": "Deputy Mayor"}),
            color="#198754",
            position=1,
        )
        db.session.add_all([mayor, deputy])
        db.session.flush()
        start = datetime.combine(today_in("Asia/Taipei"), time(10, 0), TAIPEI)
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
        create_engagement(
            {"leader": [deputy.id], "contact": [], "user": []},
            title=LocalizedText({"en": f"Ribbon cutting {title[-8:]}"}),
            kind="ceremony",
            start_dt=start + timedelta(hours=4),
            end_dt=start + timedelta(hours=5),
            timezone="Asia/Taipei",
            visibility="public",
            status="confirmed",
        )
        db.session.commit()
        return mayor.id, deputy.id


def test_week_and_month_views_filtered_by_leader(page, live_server, sign_in, tmp_path):
    title = f"Courtesy call {uuid.uuid4().hex[:8]}"
    mayor_id, deputy_id = make_schedule(live_server.app, title)
    refused = []
    page.on(
        "console",
        lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None,
    )

    sign_in("officer")
    switch_language(page, "English")
    page.get_by_role("link", name="Schedule").click()
    page.wait_for_url(f"{live_server.url}/schedule")
    calendar = page.locator("[data-calendar]")
    meeting = calendar.locator(".ec-event", has_text=title)
    expect(calendar.locator(".ec-week-view")).to_be_visible()
    expect(meeting).to_be_visible()
    assert meeting.locator("a").get_attribute("href").startswith("/engagements/")
    expect(meeting).to_contain_text("10:00")  # office time

    calendar.get_by_role("button", name="Month").click()
    expect(calendar.locator(".ec-month-view")).to_be_visible()
    expect(meeting).to_be_visible()
    assert "view=month" in page.url
    page.screenshot(path=str(tmp_path / "month.png"), full_page=True)

    page.check(f"input[name=leader][value='{deputy_id}']")  # only the deputy mayor's engagements
    expect(meeting).to_have_count(0)
    expect(calendar.locator(".ec-event", has_text="Ribbon cutting")).not_to_have_count(0)
    assert f"leader={deputy_id}" in page.url
    page.uncheck(f"input[name=leader][value='{deputy_id}']")
    page.check(f"input[name=leader][value='{mayor_id}']")
    expect(meeting).to_be_visible()

    meeting.locator("a").click()
    page.wait_for_url(f"{live_server.url}/engagements/*")
    assert not refused, refused
