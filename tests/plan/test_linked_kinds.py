"""Events, lectures, courses, internship programmes, letters and gifts link to plan items: their costs count
against the item's budget, their figures against its targets, and each list filters by plan item."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from intl.core.localized import LocalizedText

from ..helpers import job_file
from .conftest import YEAR


@pytest.fixture
def linked(make_plan, make_user, make_partner, database):
    """One record of every new kind, linked to items of the plan, and one of each left unlinked."""
    from intl.correspondence.models import LetterParty
    from intl.correspondence.services import create_letter
    from intl.courses.services import add_session, create_course
    from intl.events.registrations import check_in, new_registration
    from intl.events.services import create_event
    from intl.gifts.services import create_gift
    from intl.internships.placement_services import create_placement
    from intl.internships.services import create_position, create_programme
    from intl.lectures.services import create_lecture, create_series
    from intl.plan import services

    plan_year, items = make_plan()
    officer = make_user("officer")
    partner = make_partner(names={"en": "Cebu City"}, country="PH", relationship="friendly")
    title = LocalizedText({"zh_Hant": "活動", "en": "Activity"})
    start = datetime(YEAR, 4, 10, 1, 0, tzinfo=UTC)

    event = create_event(
        title=title,
        kind="see_kaohsiung",
        start_dt=start,
        end_dt=start + timedelta(hours=3),
        status="done",
        budget=40_000,
        actual_cost=30_000,
        plan_item_id=items["2"].id,
    )
    for name in ("Ana", "Budi", "Chen"):
        registration = new_registration(event, "registered", "officer", name=name)
        if name != "Chen":
            check_in(registration)
    create_event(title=title, start_dt=start, end_dt=start + timedelta(hours=1), status="done", actual_cost=9)

    series = create_series(title=LocalizedText({"en": "Envoys talk"}))
    lecture = create_lecture(
        series,
        topic=LocalizedText({"en": "ASEAN and the city"}),
        start_dt=start + timedelta(days=7),
        end_dt=start + timedelta(days=7, hours=2),
        status="done",
        attendance=45,
        plan_item_id=items["2"].id,
    )

    course = create_course(
        title=LocalizedText({"en": "Protocol basics"}), status="done", plan_item_id=items["5"].id
    )
    add_session(course, start_dt=start + timedelta(days=30), end_dt=start + timedelta(days=30, hours=3))

    programme = create_programme(
        title=LocalizedText({"en": "Summer internship"}),
        kind="internship",
        term="summer",
        year=YEAR,
        start_on=date(YEAR, 7, 1),
        end_on=date(YEAR, 8, 31),
        plan_item_id=items["3"].id,
    )
    position = create_position(programme, title=LocalizedText({"en": "Assistant"}), places=3)
    for n in range(3):
        placement = create_placement(
            position,
            intern_id=make_user("intern").id,
            supervisor_id=officer.id,
            start_on=date(YEAR, 7, 1),
            end_on=date(YEAR, 8, 31),
        )
        if n == 2:
            placement.status = "cancelled"

    incoming = create_letter(
        "incoming",
        subject="Invitation to the Cebu Sinulog",
        letter_on=date(YEAR, 1, 5),
        language="en",
        channel="email",
        body="Dear Mayor",
        due_on=date(YEAR, 1, 20),
        plan_item_id=items["1"].id,
    )
    database.session.add(
        LetterParty(letter_id=incoming.id, role="sender", kind="partner", entity_id=partner.id)
    )
    reply = create_letter(
        "outgoing",
        subject="Reply",
        letter_on=date(YEAR, 1, 15),
        language="en",
        channel="email",
        body="Thank you",
        in_reply_to_id=incoming.id,
        sent_on=date(YEAR, 1, 18),
    )
    reply.status = "sent"
    late = create_letter(
        "incoming",
        subject="Confidential request",
        letter_on=date(YEAR, 2, 1),
        language="en",
        channel="email",
        body="…",
        due_on=date(YEAR, 2, 5),
        confidential=True,
        plan_item_id=items["1"].id,
    )
    late_reply = create_letter(
        "outgoing",
        subject="Late reply",
        letter_on=date(YEAR, 2, 9),
        language="en",
        channel="email",
        body="Sorry",
        in_reply_to_id=late.id,
        sent_on=date(YEAR, 2, 9),
    )
    late_reply.status = "sent"

    gift = create_gift(
        "given",
        exchanged_on=date(YEAR, 3, 1),
        description="Kaohsiung ceramic vase",
        estimated_value=2_000,
        quantity=3,
        partner_id=partner.id,
        plan_item_id=items["1"].id,
    )
    received = create_gift(
        "received",
        exchanged_on=date(YEAR, 3, 1),
        description="Dried mangoes",
        estimated_value=400,
        partner_id=partner.id,
        plan_item_id=items["1"].id,
    )

    for item, metric, value in (
        ("2", "event_participants", 5),
        ("2", "lecture_attendance", 40),
        ("3", "interns_placed", 2),
        ("5", "courses_held", 1),
        ("1", "letters_on_time", 2),
    ):
        services.set_target(items[item], metric, "year", value)
    database.session.commit()
    records = {
        "event": event,
        "lecture": lecture,
        "course": course,
        "programme": programme,
        "letter": incoming,
        "late": late,
        "gift": gift,
        "received": received,
    }
    return plan_year, items, records


def test_every_kind_counts_for_its_item_targets_and_budget(linked, app):
    from intl.plan.budget import year_budget
    from intl.plan.periods import Period
    from intl.plan.report import build_report

    plan_year, items, records = linked
    with app.test_request_context():
        report = build_report(plan_year, Period(YEAR), date(YEAR, 12, 31))
        actual = {
            t.metric.key: t.actual for entry in report.items for t in entry.targets if t.actual is not None
        }
        assert actual == {
            "event_participants": 2,  # checked in, not merely registered
            "lecture_attendance": 45,
            "interns_placed": 2,  # the cancelled placement does not count
            "courses_held": 1,
            "letters_on_time": 1,  # the late reply does not count
        }
        _tree, lines, total = year_budget(plan_year)
    assert lines[items["2"].id].spent == 30_000  # the event's actual cost; the unlinked event is not counted
    assert lines[items["1"].id].spent == 6_000  # three vases given; a gift received costs nothing
    assert total.spent == 36_000


def test_the_item_page_lists_each_record_with_a_link(linked, client, as_role):
    plan_year, items, records = linked
    as_role("officer")
    page = client.get(f"/plan/items/{items['1'].id}").get_data(as_text=True)
    assert f'href="/letters/{records["letter"].id}"' in page and "Invitation to the Cebu Sinulog" in page
    assert f'href="/gifts/{records["gift"].id}"' in page
    # a confidential letter shows by its reference number, never its subject
    assert records["late"].reference_no in page and "Confidential request" not in page
    two = client.get(f"/plan/items/{items['2'].id}").get_data(as_text=True)
    assert (
        f'href="/events/{records["event"].id}"' in two and f'href="/lectures/{records["lecture"].id}"' in two
    )
    lists = two.split("data-linked-lists", 1)[1].split("</p>", 1)[0].replace("&amp;", "&")
    for list_url in ("/events?", "/lectures?", "/courses?", "/internships?", "/letters?", "/gifts?"):
        assert list_url in lists and f"plan_item={items['2'].id}" in lists


@pytest.mark.parametrize(
    "url, record, other_item",
    [
        ("/events?when=all&plan_item={}", "event", "1"),
        ("/lectures?plan_item={}", "lecture", "1"),
        ("/courses?plan_item={}", "course", "1"),
        ("/internships?plan_item={}", "programme", "1"),
        ("/letters?plan_item={}", "letter", "2"),
        ("/gifts?plan_item={}", "gift", "2"),
    ],
)
def test_each_list_filters_by_plan_item(linked, client, as_role, url, record, other_item):
    plan_year, items, records = linked
    as_role("officer")
    target = records[record]
    item_id = target.plan_item_id
    link = {
        "event": f"/events/{target.id}",
        "lecture": f"/lectures/{target.id}",
        "course": f"/courses/{target.id}",
        "programme": f"/internships/programmes/{target.id}",
        "letter": f"/letters/{target.id}",
        "gift": f"/gifts/{target.id}",
    }[record]
    # the section 肆 includes its items' records
    for shown in (item_id, items["肆"].id):
        page = client.get(url.format(shown)).get_data(as_text=True)
        assert f'href="{link}"' in page, (url, shown)
    other = client.get(url.format(items[other_item].id))
    assert other.status_code == 200 and f'href="{link}"' not in other.get_data(as_text=True)


def selected_item(page: str) -> str | None:
    """The value of the selected option of the page's plan-item picker."""
    import re

    picker = page.split('name="plan_item_id"', 1)[1].split("</select>", 1)[0]
    found = re.search(
        r'<option[^>]*\bselected\b[^>]*value="(\d*)"|<option[^>]*value="(\d*)"[^>]*\bselected\b', picker
    )
    return (found.group(1) or found.group(2)) if found else None


@pytest.mark.parametrize(
    "record, edit_url",
    [
        ("event", "/events/{}/edit"),
        ("lecture", "/lectures/{}/edit"),
        ("course", "/courses/{}/edit"),
        ("programme", "/internships/programmes/{}/edit"),
        ("letter", "/letters/{}/edit"),
        ("gift", "/gifts/{}/edit"),
    ],
)
def test_each_form_shows_the_item_the_record_counts_towards(linked, client, as_role, record, edit_url):
    plan_year, items, records = linked
    as_role("admin")
    target = records[record]
    page = client.get(edit_url.format(target.id)).get_data(as_text=True)
    assert selected_item(page) == str(target.plan_item_id)


def programme_form(item_id: int, **overrides) -> dict:
    data = {
        "title-0-locale": "en",
        "title-0-text": "Summer internship",
        "kind": "internship",
        "term": "summer",
        "year": str(YEAR),
        "start_on": f"{YEAR}-07-01",
        "end_on": f"{YEAR}-08-31",
        "plan_item_id": str(item_id),
    }
    data.update(overrides)
    return data


def test_a_programme_links_to_an_item_of_its_own_year_only(linked, client, as_role, make_plan, database):
    from sqlalchemy import select

    from intl.internships.models import InternshipProgramme

    plan_year, items, records = linked
    _next_year, next_items = make_plan(year=YEAR + 1)
    as_role("officer")
    assert client.post("/internships/programmes/new", data=programme_form(items["4"].id)).status_code == 302
    created = database.session.scalars(
        select(InternshipProgramme).order_by(InternshipProgramme.id.desc())
    ).first()
    assert created.plan_item_id == items["4"].id

    refused = client.post("/internships/programmes/new", data=programme_form(next_items["4"].id))
    assert refused.status_code == 200
    assert f"此項目屬於 {YEAR + 1} 年的計畫，而活動在 {YEAR} 年舉行" in refused.get_data(as_text=True)
    assert (
        database.session.scalar(
            select(InternshipProgramme.id).where(InternshipProgramme.plan_item_id == next_items["4"].id)
        )
        is None
    )


def test_letters_and_gifts_are_counted_per_item_and_listed_only_in_the_spreadsheet(linked, client, as_role):
    import io

    from openpyxl import load_workbook
    from pypdf import PdfReader

    plan_year, items, records = linked
    as_role("officer")
    page = client.get(f"/plan/{YEAR}/report").get_data(as_text=True)
    one = page.split(f'data-report-activities="{items["1"].id}"')[1].split("</details>")[0]
    assert 'data-counted="letter"' in one and 'data-counted="gift"' in one
    assert "Invitation to the Cebu Sinulog" not in one and "Kaohsiung ceramic vase" not in one
    two = page.split(f'data-report-activities="{items["2"].id}"')[1].split("</details>")[0]
    assert "ASEAN and the city" in two  # lectures are listed one by one

    book = load_workbook(io.BytesIO(job_file(client, f"/plan/{YEAR}/report.xlsx").data))
    titles = [str(cell.value) for row in book["Activities"].iter_rows() for cell in row]
    assert "Invitation to the Cebu Sinulog" in titles and "Kaohsiung ceramic vase" in titles
    pdf = job_file(client, f"/plan/{YEAR}/report.pdf").data
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "ASEAN and the city" in text and "Kaohsiung ceramic vase" not in text


def test_a_letter_or_a_gift_is_not_an_exchange(linked, app):
    """Cebu had a letter and two gifts in the year and nothing else: it is dormant, and no exchange counts it."""
    from intl.plan.dormant import dormant_partners

    plan_year, items, records = linked
    with app.test_request_context():
        found, _total = dormant_partners(date(YEAR, 12, 31))
    assert "Cebu City" in [p.names.get("en") for p in found]
