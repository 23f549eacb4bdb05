"""The intern's activity log: logging and editing until approval, the supervisor's approvals, totals, and the
pages' query counts (keyset pages: the same number of statements whatever the log's length)."""

from __future__ import annotations

import re
from datetime import date, timedelta

from sqlalchemy import select

from intl.internships.placement_models import ActivityEntry
from tests.helpers import page_text

TODAY = date(2026, 8, 20)


def entry_form(**overrides):
    data = {
        "work_on": "2026-08-03",
        "hours": "3.5",
        "description": "Translated the welcome speech",
        "action": "submit",
    }
    data.update(overrides)
    return data


def only_entry(database) -> ActivityEntry:
    database.session.expire_all()
    return database.session.scalars(select(ActivityEntry)).one()


def test_an_intern_logs_hours_and_edits_them_until_approved(
    client, login, make_placement, frozen_today, database
):
    from intl.delegations.services import create_delegation

    frozen_today(TODAY)
    placement, intern, supervisor = make_placement()
    visit = create_delegation(
        [],
        title={"zh_Hant": "峴港市訪問團", "en": "Da Nang delegation"},
        start_on=date(2026, 8, 4),
        end_on=date(2026, 8, 5),
    )
    database.session.commit()
    login(intern)
    assert client.get("/internships/me").location.endswith(f"/internships/placements/{placement.id}")
    form = page_text(client.get("/internships/me/log/new"))
    assert "Da Nang delegation" in form or "峴港市訪問團" in form
    response = client.post("/internships/me/log/new", data=entry_form(served=f"delegation:{visit.id}"))
    assert response.status_code == 302
    entry = only_entry(database)
    assert (entry.minutes, entry.status, entry.served_kind, entry.served_id) == (
        210,
        "submitted",
        "delegation",
        visit.id,
    )
    assert entry.submitted_at is not None
    # still editable while waiting; "save as draft" takes it back from the supervisor
    url = f"/internships/log/{entry.id}/edit"
    response = client.post(
        url,
        data=entry_form(hours="4", action="draft", served=f"delegation:{visit.id}", version=entry.version),
    )
    assert response.status_code == 302
    entry = only_entry(database)
    assert (entry.minutes, entry.status, entry.submitted_at) == (240, "draft", None)
    client.post(f"/internships/log/{entry.id}/submit")
    assert only_entry(database).status == "submitted"

    login(supervisor)
    client.post(f"/internships/log/{entry.id}/review", data={"action": "approve"})
    entry = only_entry(database)
    assert entry.status == "approved" and entry.reviewed_by_id == supervisor.id

    login(intern)
    assert client.get(url).status_code == 302  # read-only now
    client.post(url, data=entry_form(hours="8", version=entry.version))
    client.post(f"/internships/log/{entry.id}/delete")
    assert only_entry(database).minutes == 240
    page = page_text(client.get(f"/internships/placements/{placement.id}"))
    assert f'href="/internships/log/{entry.id}/edit"' not in page
    assert f'href="/delegations/{visit.id}"' in page


def test_hours_and_days_are_checked(client, login, make_placement, frozen_today, database):
    frozen_today(TODAY)
    placement, intern, _supervisor = make_placement()
    login(intern)
    english = {"Accept-Language": "en"}
    cases = {
        "0.3": "quarter hours",
        "0": "more than 0",
        "25": "at most 24",
        "abc": "as a number",
    }
    for hours, message in cases.items():
        response = client.post("/internships/me/log/new", data=entry_form(hours=hours), headers=english)
        assert message in page_text(response), hours
    response = client.post("/internships/me/log/new", data=entry_form(work_on="2026-08-21"), headers=english)
    assert "days that have come" in page_text(response)
    response = client.post("/internships/me/log/new", data=entry_form(work_on="2026-06-30"), headers=english)
    assert "within the placement" in page_text(response)
    response = client.post(
        "/internships/me/log/new", data=entry_form(served="delegation:999999"), headers=english
    )
    assert "Choose from the list" in page_text(response)
    assert client.post("/internships/me/log/new", data=entry_form(hours="1,25")).status_code == 302
    assert database.session.scalars(select(ActivityEntry.minutes)).all() == [75]


def test_supervisor_approves_returns_and_approves_in_bulk(client, login, make_user, make_placement, database):
    from intl.internships.placement_services import add_entry

    placement, intern, supervisor = make_placement()
    entries = [
        add_entry(placement, True, work_on=date(2026, 7, d), minutes=120, description=f"Day {d}")
        for d in (1, 2, 3, 6)
    ]
    database.session.commit()
    login(supervisor)
    queue = page_text(client.get("/internships/approvals"))
    assert all(f'data-entry="{e.id}"' in queue for e in entries)
    assert queue.index("Day 1") < queue.index("Day 6")  # oldest work first
    # returning needs a comment
    client.post(f"/internships/log/{entries[0].id}/review", data={"action": "return", "comment": ""})
    assert database.session.get(ActivityEntry, entries[0].id).status == "submitted"
    client.post(
        f"/internships/log/{entries[0].id}/review",
        data={"action": "return", "comment": "Which bureau was it for?"},
    )
    database.session.expire_all()
    returned = database.session.get(ActivityEntry, entries[0].id)
    assert returned.status == "returned" and returned.review_comment == "Which bureau was it for?"
    response = client.post(
        "/internships/approvals/approve",
        data={"entry": [str(entries[1].id), str(entries[2].id)], "next": "/internships/approvals"},
    )
    assert response.status_code == 302 and response.location.endswith("/internships/approvals")
    database.session.expire_all()
    assert [database.session.get(ActivityEntry, e.id).status for e in entries] == [
        "returned",
        "approved",
        "approved",
        "submitted",
    ]
    # the intern sees the comment and sends it again
    login(intern)
    page = page_text(client.get(f"/internships/placements/{placement.id}"))
    assert "Which bureau was it for?" in page
    edit = page_text(client.get(f"/internships/log/{entries[0].id}/edit"))
    assert "data-returned" in edit
    # another officer is not the supervisor; an administrator may approve
    login(make_user("officer"))
    assert (
        client.post(f"/internships/log/{entries[3].id}/review", data={"action": "approve"}).status_code == 403
    )
    assert (
        client.post("/internships/approvals/approve", data={"entry": [str(entries[3].id)]}).status_code == 403
    )
    assert f'data-entry="{entries[3].id}"' not in page_text(client.get("/internships/approvals"))
    login(make_user("admin"))
    assert f'data-entry="{entries[3].id}"' in page_text(client.get("/internships/approvals?all=1"))
    client.post(f"/internships/log/{entries[3].id}/review", data={"action": "approve"})
    database.session.expire_all()
    assert database.session.get(ActivityEntry, entries[3].id).status == "approved"


def test_totals_overall_and_per_month(client, login, make_placement, database):
    from intl.internships.placement_services import (
        add_entry,
        approve_entry,
        return_entry,
        totals,
    )

    placement, intern, _supervisor = make_placement()
    july = [add_entry(placement, True, work_on=date(2026, 7, d), minutes=90, description="x") for d in (1, 2)]
    august = add_entry(placement, True, work_on=date(2026, 8, 3), minutes=240, description="x")
    draft = add_entry(placement, False, work_on=date(2026, 8, 4), minutes=60, description="x")
    returned = add_entry(placement, True, work_on=date(2026, 8, 5), minutes=45, description="x")
    for entry in july:
        approve_entry(entry)
    return_entry(returned, "Too vague")
    database.session.commit()
    result = totals(placement.id)
    assert (result.approved, result.pending, result.unsubmitted) == (180, 240, 105)
    assert [(m.month, m.approved, m.pending, m.unsubmitted) for m in result.months] == [
        (date(2026, 7, 1), 180, 0, 0),
        (date(2026, 8, 1), 0, 240, 105),
    ]
    assert draft.status == "draft" and august.status == "submitted"
    login(intern)
    client.post("/language", data={"locale": "en"})
    page = page_text(client.get(f"/internships/placements/{placement.id}"))
    assert "data-total-approved>3<" in page and "data-total-pending>4<" in page
    assert "data-total-unsubmitted>1.75<" in page
    assert "July 2026" in page and "August 2026" in page


def test_log_page_and_queue_take_a_constant_number_of_queries(
    client, login, make_user, make_position, make_placement, count_queries, database
):
    from intl.delegations.services import create_delegation
    from intl.internships.placement_services import add_entry

    supervisor = make_user("officer")
    position = make_position()
    placement, intern, _ = make_placement(position=position, supervisor=supervisor)

    def log(placement, count, start):
        for i in range(count):
            visit = create_delegation(
                [], title={"en": f"Visit {start + i}"}, start_on=date(2026, 7, 1), end_on=date(2026, 7, 2)
            )
            add_entry(
                placement,
                True,
                work_on=date(2026, 7, 1) + timedelta(days=(start + i) % 60),
                minutes=60,
                description=f"Work {start + i}",
                served_kind="delegation",
                served_id=visit.id,
            )
        database.session.commit()

    log(placement, 2, 0)
    login(intern)
    url = f"/internships/placements/{placement.id}"
    client.get(url)
    with count_queries() as few:
        client.get(url)
    login(supervisor)
    client.get("/internships/approvals")
    with count_queries() as queue_few:
        client.get("/internships/approvals")

    log(placement, 12, 2)
    for _ in range(3):  # more interns, in other programmes' positions, under the same supervisor
        other, *_rest = make_placement(position=make_position(), supervisor=supervisor)
        log(other, 4, 20)
    login(intern)
    with count_queries() as many:
        page = page_text(client.get(url))
    assert "Work 13" in page
    assert many.count == few.count, "\n".join(s[:150] for s in many.statements)
    login(supervisor)
    with count_queries() as queue_many:
        queue = page_text(client.get("/internships/approvals"))
    assert queue.count("data-entry=") == 2 + 12 + 12
    assert queue_many.count == queue_few.count, "\n".join(s[:150] for s in queue_many.statements)


def test_the_log_is_paged_by_keyset(client, login, make_placement, database, monkeypatch):
    from intl.internships.placement_services import add_entry
    from intl.internships.views import placements as placement_views

    monkeypatch.setattr(placement_views, "LOG_PAGE", 3)
    placement, intern, _ = make_placement()
    for day in range(1, 8):
        add_entry(placement, False, work_on=date(2026, 7, day), minutes=60, description=f"Day {day:02d}")
    database.session.commit()
    login(intern)
    seen, url = [], f"/internships/placements/{placement.id}"
    while url:
        page = page_text(client.get(url))
        seen += re.findall(r"Day \d\d", page)
        url = (
            page.split('rel="next" href="')[1].split('"')[0].replace("&amp;", "&")
            if 'rel="next"' in page
            else None
        )
    assert seen == [f"Day {d:02d}" for d in range(7, 0, -1)]
