"""The office's working calendar: Taiwan's holidays and make-up workdays from the `holidays` library, the
office's own closures and typhoon days; letters' reply deadlines and the gift report count with it."""

from __future__ import annotations

import re
from datetime import date

from intl.core.time import office_today
from intl.workdays.calendar import add_working_days, is_working_day, office_calendar, working_days_between
from intl.workdays.services import add_office_day
from tests.helpers import page_text


def test_the_2025_make_up_workday_counts_in_a_letter_s_reply_deadline(app):
    with app.app_context():
        days = app.config.get("LETTER_REPLY_DAYS", 14)
        assert days == 14
        # Saturday 8 February 2025 was worked (補班) to bridge the Lunar New Year; 27–31 January were off
        assert is_working_day(date(2025, 2, 8)) and not is_working_day(date(2025, 1, 27))
        # received Monday 20 January: 4 days that week, none the next, 5 the week after, the Saturday, and 4
        assert add_working_days(date(2025, 1, 20), days) == date(2025, 2, 13)
        # Monday to Friday would have said 7 February; without the make-up Saturday, the 14th
        assert add_working_days(date(2025, 2, 5), 3) == date(2025, 2, 8)


def test_2026_has_no_make_up_workday_and_its_holidays_push_the_deadline(app):
    with app.app_context():
        # the Lunar New Year from the 14th to the 22nd (observed Eve on Friday the 20th), Peace Memorial Day
        # observed on Friday 27 February; no Saturday is worked in 2026
        assert not any(
            info.kind == "makeup" for info in office_calendar(date(2026, 1, 1), date(2026, 12, 31)).values()
        )
        assert not is_working_day(date(2026, 2, 20)) and not is_working_day(date(2026, 2, 27))
        assert add_working_days(date(2026, 2, 11), 14) == date(2026, 3, 11)
        assert working_days_between(date(2026, 2, 14), date(2026, 2, 22)) == 0


def test_a_typhoon_day_the_office_adds_moves_the_deadline(client, as_role, app, database):
    as_role("admin")
    assert add_working_days(date(2026, 2, 11), 14) == date(2026, 3, 11)
    response = client.post(
        "/admin/office-calendar/days", data={"day": "2026-03-04", "kind": "typhoon", "name": "颱風停班"}
    )
    assert response.status_code == 302
    assert add_working_days(date(2026, 2, 11), 14) == date(2026, 3, 12)
    client.post("/language", data={"locale": "en"})
    page = page_text(client.get("/admin/office-calendar?year=2026"))
    assert 'data-day="2026-03-04" data-kind="typhoon"' in page
    assert 'data-day="2026-02-17" data-kind="holiday"' in page and "Chinese New Year" in page
    # the same day twice is refused with a message
    again = client.post(
        "/admin/office-calendar/days", data={"day": "2026-03-04", "kind": "closure", "name": "x"}
    )
    assert "already in the office" in page_text(again)


def test_holiday_names_in_the_reader_s_language(app):
    with app.app_context():
        chinese = office_calendar(date(2026, 10, 9), date(2026, 10, 10), "zh_Hant_TW")
        english = office_calendar(date(2026, 10, 9), date(2026, 10, 10), "en")
        assert "國慶日" in chinese[date(2026, 10, 10)].names[0]
        assert english[date(2026, 10, 10)].names == ["National Day"]


def test_the_new_letter_form_proposes_a_deadline_in_working_days(client, as_role, app):
    as_role("officer")
    page = page_text(client.get("/letters/new?direction=incoming"))
    proposed = re.search(r'name="due_on"[^>]*value="([0-9-]+)"', page) or re.search(
        r'value="([0-9-]+)"[^>]*name="due_on"', page
    )
    with app.app_context():
        today = office_today()
        assert date.fromisoformat(proposed.group(1)) == add_working_days(today, 14)


def test_the_calendars_shade_holidays_typhoon_days_and_make_up_workdays(client, as_role, database):
    as_role("officer")
    add_office_day(day=date(2025, 7, 7), kind="typhoon", name="颱風丹娜絲停班")
    database.session.commit()
    client.post("/language", data={"locale": "en"})
    shaded = client.get(
        "/schedule/events.json", query_string={"start": "2025-01-26", "end": "2025-02-10"}
    ).get_json()
    days = {e["start"]: e for e in shaded if e.get("display") == "background"}
    assert (
        days["2025-01-29"]["extendedProps"]["day"] == "holiday"
        and days["2025-01-29"]["title"] == "Chinese New Year"
    )
    assert days["2025-02-08"]["extendedProps"]["day"] == "makeup"
    assert "2025-02-01" not in days  # an ordinary weekend is the calendar's own business
    july = client.get(
        "/schedule/events.json", query_string={"start": "2025-07-06", "end": "2025-07-13"}
    ).get_json()
    assert [e["title"] for e in july if e.get("display") == "background"] == ["颱風丹娜絲停班"]


def test_the_engagement_form_warns_of_a_holiday_or_a_typhoon_day(client, as_role, database, make_leader):
    as_role("officer")
    mayor = make_leader()
    add_office_day(day=date(2026, 9, 15), kind="typhoon", name="颱風停班")
    database.session.commit()
    client.post("/language", data={"locale": "en"})
    notes = client.get("/engagements/days", query_string={"start_on": "2026-10-09", "end_on": "2026-10-10"})
    assert [(n["kind"], n["name"]) for n in notes.get_json()] == [
        ("holiday", "National Day (observed)"),
        ("holiday", "National Day"),
    ]
    assert (
        client.get("/engagements/days", query_string={"start_on": "2026-09-15"}).get_json()[0]["kind"]
        == "typhoon"
    )
    assert client.get("/engagements/days", query_string={"start_on": "2026-09-16"}).get_json() == []
    assert client.get("/engagements/days", query_string={"start_on": "nope"}).status_code == 400
    form = {
        "title-0-locale": "en",
        "title-0-text": "Flag raising",
        "kind": "ceremony",
        "start_on": "2026-10-10",
        "start_time": "08:00",
        "end_time": "09:00",
        "timezone": "Asia/Taipei",
        "visibility": "public",
        "status": "confirmed",
        "leaders": [str(mayor.id)],
    }
    saved = client.post("/engagements/new", data=form, follow_redirects=True)
    assert "The engagement is saved." in page_text(saved) and "National Day" in page_text(saved)
