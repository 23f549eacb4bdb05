"""Issue 4 in a real browser: a two-day inbound visit with a courtesy call and a banquet, a clash warning when
the mayor is double-booked, the itinerary as PDF and .ics, and a subscription that works without a session
until it is revoked."""

from __future__ import annotations

import re
import urllib.error
import urllib.request

import icalendar
import pytest

from tests.browser.actions import follow, switch_language

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


@pytest.fixture
def mayor(live_server):
    from intl.core.db import db
    from intl.core.localized import LocalizedText
    from intl.schedule.models import Leader

    with live_server.app.app_context():
        leader = db.session.query(Leader).filter_by(color="#123456").first()
        if leader is None:
            leader = Leader(
                names=LocalizedText({"zh_Hant": "林志遠", "en": "Lin Chih-yuan"}),
                title=LocalizedText({"zh_Hant": "市長", "en": "Mayor"}),
                color="#123456",
            )
            db.session.add(leader)
            db.session.commit()
        return leader.id


def add_engagement(page, title_zh, title_en, kind, day, start, end, mayor_id):
    follow(page, page.get_by_role("link", name="Add engagement"))
    rows = page.locator(".names-row")
    rows.nth(0).locator("select").select_option("zh_Hant")
    rows.nth(0).locator("input").fill(title_zh)
    rows.nth(1).locator("select").select_option("en")
    rows.nth(1).locator("input").fill(title_en)
    page.select_option("select[name=kind]", kind)
    page.select_option("select[name=status]", "confirmed")
    page.fill("input[name=start_on]", day)
    page.fill("input[name=start_time]", start)
    page.fill("input[name=end_time]", end)
    page.check(f"input[name=leaders][value='{mayor_id}']")


def test_plan_a_visit_see_a_clash_print_and_subscribe(page, live_server, sign_in, mayor, tmp_path):
    sign_in("officer")
    switch_language(page, "English")
    page.goto(f"{live_server.url}/delegations/new")
    rows = page.locator(".names-row")
    rows.nth(0).locator("select").select_option("ja")
    rows.nth(0).locator("input").fill("熊本市訪問団")
    rows.nth(1).locator("select").select_option("en")
    rows.nth(1).locator("input").fill("Kumamoto delegation")
    page.fill("input[name=start_on]", "2027-03-15")
    page.fill("input[name=end_on]", "2027-03-16")
    page.select_option("select[name=status]", "confirmed")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(re.compile(r".*/delegations/\d+$"))
    delegation_url = page.url

    add_engagement(
        page, "拜會市長", "Courtesy call on the Mayor", "courtesy_call", "2027-03-15", "10:00", "10:45", mayor
    )
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(delegation_url)
    add_engagement(page, "歡迎晚宴", "Welcome banquet", "banquet", "2027-03-16", "18:30", "20:30", mayor)
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(delegation_url)
    programme = page.locator("[data-programme]")
    assert "Courtesy call on the Mayor" in programme.locator('[data-day="2027-03-15"]').inner_text()
    assert "Welcome banquet" in programme.locator('[data-day="2027-03-16"]').inner_text()

    # double-book the mayor: the warning comes while typing, and again on save
    add_engagement(page, "記者會", "Press conference", "press", "2027-03-16", "19:00", "19:30", mayor)
    warning = page.locator("[data-clashes]")
    warning.wait_for(state="visible")
    assert "Welcome banquet" in warning.inner_text() and "already booked" in warning.inner_text()
    follow(page, page.get_by_role("button", name="Save"))
    assert "/engagements/new" in page.url and page.locator("[data-clashes]").is_visible()
    page.get_by_role("link", name="Cancel").click()
    page.wait_for_url(delegation_url)

    with page.expect_download() as download_info:
        page.locator("[data-itinerary-ics]").click()
    ics_path = tmp_path / "itinerary.ics"
    download_info.value.save_as(ics_path)
    events = icalendar.Calendar.from_ical(ics_path.read_bytes()).walk("VEVENT")
    assert {str(e["SUMMARY"]) for e in events} == {"Courtesy call on the Mayor", "Welcome banquet"}

    pdf = page.request.get(delegation_url + "/itinerary.pdf")
    assert pdf.ok and pdf.headers["content-type"].startswith("application/pdf") and pdf.body()[:5] == b"%PDF-"

    page.goto(f"{live_server.url}/feeds")
    page.select_option("select[name=subject]", f"leader:{mayor}")
    page.select_option("select[name=locale]", "en")
    follow(page, page.get_by_role("button", name="Create"))
    feed_url = page.locator("[data-feed-url]").inner_text()
    assert page.locator("[data-webcal]").get_attribute("href").startswith("webcal://")
    path = "/" + feed_url.split("/", 3)[3]
    with urllib.request.urlopen(live_server.url + path) as response:  # no session, as a calendar client
        body = response.read()
        assert response.headers["Content-Type"].startswith("text/calendar")
    assert b"Welcome banquet" in body
    page.once("dialog", lambda dialog: dialog.accept())  # "Revoke this address?"
    follow(page, page.locator("[data-feeds] form button").first)
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(live_server.url + path)
    assert error.value.code == 404
