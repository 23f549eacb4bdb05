"""Issue 5 (internships) in a real browser: an intern logs hours from the home page, the supervisor approves
them from the queue, and the intern sees them counted."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from tests.browser.actions import follow, switch_language

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


@pytest.fixture
def placement(live_server):
    """intern-b placed under officer-b in a programme running around today."""
    from sqlalchemy import select

    from intl.auth.services import find_user
    from intl.core.db import db
    from intl.core.localized import LocalizedText
    from intl.core.time import today_in
    from intl.internships.placement_models import Placement
    from intl.internships.placement_services import create_placement
    from intl.internships.services import create_position, create_programme

    with live_server.app.app_context():
        intern, officer = find_user("intern-b"), find_user("officer-b")
        existing = db.session.scalars(select(Placement).where(Placement.intern_id == intern.id)).first()
        if existing is not None:
            return existing.id
        today = today_in("Asia/Taipei")
        programme = create_programme(
            title=LocalizedText({"zh_Hant": "瀏覽器測試實習", "en": "Browser test internship"}),
            kind="internship",
            term="summer",
            year=today.year,
            start_on=today - timedelta(days=10),
            end_on=today + timedelta(days=30),
        )
        position = create_position(
            programme,
            title=LocalizedText({"zh_Hant": "翻譯助理", "en": "Translation assistant"}),
            supervisor_id=officer.id,
            languages=["en", "ja"],
            places=1,
        )
        placed = create_placement(
            position,
            intern_id=intern.id,
            supervisor_id=officer.id,
            start_on=programme.start_on,
            end_on=programme.end_on,
        )
        db.session.commit()
        return placed.id


def test_an_intern_logs_hours_and_the_supervisor_approves_them(page, live_server, sign_in, placement):
    sign_in("intern")
    switch_language(page, "English")
    page.locator("[data-my-internship]").click()
    page.wait_for_url(f"{live_server.url}/internships/placements/{placement}")
    assert "Translation assistant" in page.locator("h1 + div").inner_text()
    follow(page, page.locator("[data-log-hours]"))
    page.fill("input[name=hours]", "2.5")
    page.fill("textarea[name=description]", "Translated the Osaka delegation's briefing notes")
    page.get_by_role("button", name="Submit for approval").click()
    page.wait_for_url(re.compile(rf".*/internships/placements/{placement}$"))
    row = page.locator("[data-log] tr", has_text="Osaka delegation's briefing notes")
    assert "Submitted" in row.inner_text()
    assert page.locator("[data-total-pending]").inner_text() == "2.5"

    page.context.clear_cookies()
    sign_in("officer")
    switch_language(page, "English")
    page.goto(f"{live_server.url}/internships/approvals")
    queued = page.locator("[data-queue] tr", has_text="Osaka delegation's briefing notes")
    assert "Intern Browser" in queued.inner_text()
    follow(page, queued.get_by_role("button", name="Approve"))
    assert "The entry is approved." in page.locator(".alert").first.inner_text()
    assert page.locator("[data-queue] tr", has_text="Osaka delegation's briefing notes").count() == 0

    page.context.clear_cookies()
    sign_in("intern")
    page.goto(f"{live_server.url}/internships/placements/{placement}")
    row = page.locator("[data-log] tr", has_text="Osaka delegation's briefing notes")
    assert "Approved" in row.inner_text()
    assert row.get_by_role("link", name="Edit").count() == 0  # approved: no longer editable
    assert float(page.locator("[data-total-approved]").inner_text()) >= 2.5


@pytest.fixture
def open_programme(live_server):
    """A programme taking applications, with one position; fresh for each run (its own secret link)."""
    from intl.core.db import db
    from intl.core.localized import LocalizedText
    from intl.core.time import today_in
    from intl.internships.services import create_position, create_programme

    with live_server.app.app_context():
        today = today_in("Asia/Taipei")
        programme = create_programme(
            title=LocalizedText({"zh_Hant": "瀏覽器測試暑期實習", "en": "Browser summer internship"}),
            kind="work_study",
            term="summer",
            year=today.year,
            start_on=today + timedelta(days=40),
            end_on=today + timedelta(days=100),
            apply_by=today + timedelta(days=20),
        )
        position = create_position(
            programme,
            title=LocalizedText({"zh_Hant": "國際交流助理", "en": "International exchange assistant"}),
            languages=["en", "vi"],
            places=2,
        )
        db.session.commit()
        return programme.application_token, position.id


def test_a_student_applies_through_the_public_link(browser, live_server, open_programme, tmp_path):
    import secrets

    from tests.helpers import MINIMAL_PDF

    token, position_id = open_programme
    cv = tmp_path / "cv.pdf"
    cv.write_bytes(MINIMAL_PDF)
    student = browser.new_context(locale="en-US")  # no account, no session
    try:
        page = student.new_page()
        page.goto(f"{live_server.url}/internships/apply/{token}?lang=en")
        assert page.locator("h1").inner_text() == "Browser summer internship"
        assert page.locator("[data-nav-programmes]").count() == 0
        page.select_option("select[name=position_id]", str(position_id))
        page.fill("input[name=name]", "阮氏梅")
        page.fill("input[name=latin_name]", "Nguyen Thi Mai")
        page.fill("input[name=email]", f"mai-{secrets.token_hex(3)}@example.edu.vn")
        page.select_option("select[name=nationality]", "VN")
        page.fill("input[name=school]", "National Sun Yat-sen University")
        page.select_option("select[name=study_level]", "master")
        page.fill("input[name=study_year]", "1")
        page.select_option("select[name='languages-0-language']", "vi")
        page.select_option("select[name='languages-0-level']", "native")
        page.set_input_files("input[name=cv]", str(cv))
        page.check("input[name=consent]")
        page.get_by_role("button", name="Send my application").click()
        page.wait_for_url(re.compile(rf".*/internships/apply/{re.escape(token)}/received$"))
        confirmation = page.locator("[data-application-received]").inner_text()
        assert "Application received" in confirmation
        assert "阮氏梅" in confirmation and "Browser summer internship" in confirmation
    finally:
        student.close()
