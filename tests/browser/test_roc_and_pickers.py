"""Issue 11 in a real browser: an officer who reads ROC dates types 116/04/20 on the engagement form and is
warned of the clash as they type; the calendar's and home page's dates are ROC (with the weekday); the
multi-record pickers suggest after two characters in any script and are used with the keyboard."""

from __future__ import annotations

import re
import uuid
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from tests.conftest import TEST_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

TAIPEI = ZoneInfo("Asia/Taipei")


def roc_officer(app) -> str:
    """An officer of their own (the shared ones keep Gregorian dates), reading Chinese and ROC dates."""
    from intl.auth.services import create_user
    from intl.core.db import db

    name = f"roc-{uuid.uuid4().hex[:8]}"
    with app.app_context():
        user = create_user(name, TEST_PASSWORD, "officer", display_name="ROC Officer", locale="zh_Hant_TW")
        user.date_style = "roc"
        db.session.commit()
    return name


def sign_in_as(page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/sign-in")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", TEST_PASSWORD)
    page.click("#sign-in-form button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")


def booked_mayor(app, title: str) -> int:
    """A leader with an engagement on 2027-04-20 (ROC 116/04/20) 10:00-11:00 Taipei: the leader's id."""
    from intl.core.db import db
    from intl.core.localized import LocalizedText
    from intl.schedule.models import Leader
    from intl.schedule.services import create_engagement

    with app.app_context():
        leader = Leader(
            names=LocalizedText({"zh_Hant": "王美華", "en": "Wang Mei-hua"}),
            title=LocalizedText({"zh_Hant": "副市長", "en": "Deputy Mayor"}),
            color="#6f42c1",
            position=9,
        )
        db.session.add(leader)
        db.session.flush()
        start = datetime(2027, 4, 20, 10, 0, tzinfo=TAIPEI)
        create_engagement(
            {"leader": [leader.id], "contact": [], "user": []},
            title=LocalizedText({"zh_Hant": title}),
            kind="meeting",
            start_dt=start,
            end_dt=start + timedelta(hours=1),
            timezone="Asia/Taipei",
            visibility="internal",
            status="confirmed",
        )
        db.session.commit()
        return leader.id


def test_live_clash_warning_with_roc_dates(page, live_server):
    title = f"經貿座談 {uuid.uuid4().hex[:6]}"
    leader_id = booked_mayor(live_server.app, title)
    sign_in_as(page, live_server, roc_officer(live_server.app))

    # the home page: today in ROC, with its weekday
    today = page.locator("main p").first.inner_text()
    assert re.search(r"民國\d+年\d+月\d+日 星期[一二三四五六日]", today), today

    page.goto(f"{live_server.url}/engagements/new")
    day = page.locator("input[name=start_on]")
    assert day.get_attribute("type") == "text"  # ROC readers type their dates
    page.fill("input[name=start_time]", "10:30")
    page.fill("input[name=end_time]", "11:15")
    page.check(f"input[name=leaders][value='{leader_id}']")
    day.fill("116/04/20")  # typed, not chosen from a Gregorian picker
    warning = page.locator("[data-clashes]")
    expect(warning).to_be_visible()
    expect(warning).to_contain_text(title)
    # another day: the warning goes away; the written ROC form brings it back
    day.fill("116/04/21")
    expect(warning).to_be_hidden()
    day.fill("民國116年4月20日")
    expect(warning).to_contain_text(title)


def test_calendar_headers_in_roc(page, live_server):
    sign_in_as(page, live_server, roc_officer(live_server.app))
    page.goto(f"{live_server.url}/schedule?view=month&date=2027-04-20")
    expect(page.locator(".ec-title")).to_contain_text("民國116年")
    page.goto(f"{live_server.url}/schedule?view=week&date=2027-04-20")
    expect(page.locator(".ec-title")).to_have_text(re.compile(r"民國116年4月18日 – 24日"))


def partners(app) -> tuple[int, int, int]:
    from intl.core.db import db
    from intl.core.localized import LocalizedText
    from intl.partners.services import create_partner

    with app.app_context():
        made = [
            create_partner(
                names=LocalizedText(names),
                kind="city",
                country=country,
                timezone=zone,
                relationship="friendly",
            )
            for names, country, zone in (
                ({"ja": "横浜市", "en": "Yokohama", "zh_Hant": "橫濱市"}, "JP", "Asia/Tokyo"),
                ({"ja": "二本松市", "en": "Nihonmatsu", "ja_Hira": "にほんまつし"}, "JP", "Asia/Tokyo"),
                ({"zh_Hant": "高雄港務分公司", "en": "Port of Kaohsiung"}, "TW", "Asia/Taipei"),
            )
        ]
        db.session.commit()
        return tuple(p.id for p in made)


def test_multi_record_picker_suggests_in_any_script_and_works_with_the_keyboard(page, live_server, sign_in):
    yokohama, nihonmatsu, port = partners(live_server.app)
    sign_in("officer")
    page.goto(f"{live_server.url}/delegations/new")
    box = page.locator("textarea[name=partners]")
    listbox = page.locator(f"#{box.get_attribute('aria-controls')}")
    assert box.get_attribute("role") == "combobox"

    box.click()
    box.type("Y")
    page.wait_for_timeout(400)
    expect(listbox).to_be_hidden()  # one character suggests nothing
    box.type("oko")
    expect(listbox.get_by_role("option").first).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    option = listbox.get_by_role("option", name=re.compile(rf"\[#{yokohama}\]"))
    expect(option).to_be_visible()
    index = [o.inner_text() for o in listbox.get_by_role("option").all()].index(option.inner_text())
    for _ in range(index + 1):
        box.press("ArrowDown")
    expect(option).to_have_attribute("aria-selected", "true")
    box.press("Enter")  # chooses: no new line of its own, no form submitted
    expect(listbox).to_be_hidden()
    assert re.fullmatch(rf"[^\n]*\[#{yokohama}\]\n", box.input_value())

    for typed, wanted in (("高雄", port), ("にほ", nihonmatsu)):
        box.type(typed)
        choice = listbox.get_by_role("option", name=re.compile(rf"\[#{wanted}\]"))
        expect(choice).to_be_visible()
        choice.click()
    lines = box.input_value().splitlines()
    assert [re.search(r"\[#(\d+)\]", line).group(1) for line in lines] == [
        str(yokohama),
        str(port),
        str(nihonmatsu),
    ]

    # Escape closes the list and keeps what was typed
    box.type("Yo")
    expect(listbox).to_be_visible()
    box.press("Escape")
    expect(listbox).to_be_hidden()
    assert box.input_value().endswith("Yo")
