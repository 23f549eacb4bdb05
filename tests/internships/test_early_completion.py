"""Certificates only for served time (issue 11, problem 7): completing a placement before its planned end asks
for the last day served, counts the approved hours of that period only, shows what is still in draft, returned
or waiting and lets the officer decide, and never dates the certificate before the period it attests ends."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from pypdf import PdfReader

from intl.core.time import office_today
from intl.internships.certificate import certificate_content, issued_on
from intl.internships.placement_models import ActivityEntry, Placement
from intl.internships.placement_services import (
    LogRefused,
    add_entry,
    approve_entry,
    return_entry,
    update_placement,
)
from tests.helpers import page_text
from tests.internships.test_certificate import EVALUATION


def _running(make_placement, database):
    today = office_today()
    placement, intern, supervisor = make_placement(
        start_on=today - timedelta(days=60), end_on=today + timedelta(days=60)
    )
    approve_entry(
        add_entry(placement, True, work_on=today - timedelta(days=20), minutes=240, description="a")
    )
    approve_entry(add_entry(placement, True, work_on=today - timedelta(days=3), minutes=60, description="b"))
    add_entry(placement, True, work_on=today - timedelta(days=2), minutes=120, description="waiting")
    add_entry(placement, False, work_on=today - timedelta(days=1), minutes=180, description="a draft")
    returned = add_entry(placement, True, work_on=today - timedelta(days=4), minutes=30, description="again")
    return_entry(returned, "Say which meeting")
    database.session.commit()
    return placement, intern, supervisor


def test_completing_early_asks_for_the_last_day_and_what_to_do_with_open_entries(
    client, login, make_placement, database
):
    placement, intern, supervisor = _running(make_placement, database)
    today = office_today()
    url = f"/internships/placements/{placement.id}/evaluation"
    login(supervisor)
    form = page_text(client.get(url, headers={"Accept-Language": "en"}))
    assert "data-ends-early" in form and 'name="last_day"' in form
    shown = form.split("data-open-entries")[1].split("</table>")[0]
    assert all(text in shown for text in ("waiting", "a draft", "again"))  # what is left, shown

    def post(**extra):
        response = client.post(url, data={**EVALUATION, **extra}, headers={"Accept-Language": "en"})
        database.session.expire_all()
        return response

    # no last day, a day to come, a day before approved hours, no decision on the drafts: all refused
    assert "give the last day served" in page_text(post(leave_unsubmitted="y"))
    tomorrow = (today + timedelta(days=1)).isoformat()
    assert "cannot be in the future" in page_text(post(last_day=tomorrow, leave_unsubmitted="y"))
    too_early = (today - timedelta(days=10)).isoformat()
    assert "after that day" in page_text(post(last_day=too_early, leave_unsubmitted="y"))
    last_day = today - timedelta(days=2)
    assert "complete without them" in page_text(post(last_day=last_day.isoformat()))
    assert database.session.get(Placement, placement.id).status == "active"

    done_response = post(last_day=last_day.isoformat(), leave_unsubmitted="y")
    assert done_response.status_code == 302
    told = page_text(client.get(done_response.location, headers={"Accept-Language": "en"}))
    assert "3 entries (5.5 hours) were not approved" in told
    done = database.session.get(Placement, placement.id)
    assert (done.status, done.end_on) == ("completed", last_day)
    # nothing stranded out of sight: every entry stays, and the waiting one can still be approved
    statuses = sorted(e.status for e in database.session.query(ActivityEntry).filter_by(placement_id=done.id))
    assert statuses == ["approved", "approved", "draft", "returned", "submitted"]
    assert "data-not-counted" in page_text(client.get(f"/internships/placements/{placement.id}"))

    with client.application.test_request_context():
        content = certificate_content(done)
    assert content["hours"]["other"] == "5"  # 240 + 60 approved minutes; drafts and waiting ones are not
    assert issued_on(done) >= done.end_on
    login(intern)
    text = " ".join(
        page.extract_text()
        for page in PdfReader(
            io.BytesIO(client.get(f"/internships/placements/{placement.id}/certificate.pdf").data)
        ).pages
    )
    assert f"{last_day.year - 1911}年{last_day.month}月{last_day.day}日" in text.replace("\n", "").replace(
        " ", ""
    )


def test_a_certificate_is_never_dated_before_the_period_ends(make_placement, database):
    from intl.core.time import now_utc

    today = office_today()
    placement, _intern, _supervisor = make_placement(start_on=today - timedelta(days=30), end_on=today)
    placement.status, placement.completed_at = "completed", now_utc() - timedelta(days=5)  # completed ahead
    database.session.commit()
    assert issued_on(placement) == today


def test_the_placement_form_cannot_complete_before_the_end(make_placement, database):
    placement, _intern, _supervisor = _running(make_placement, database)
    with pytest.raises(LogRefused, match="實際最後實習日"):  # the evaluation asks for the last day served
        update_placement(placement, status="completed")
    assert placement.status == "active"
