"""The registration list writes each guest's registration and check-in time in the reader's zone, era and
language (the page looks the reader up once, not twice per time), and its action forms post to the right
registration with the page's own address to come back to."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from intl.core.db import db
from intl.events.models import Registration
from tests.helpers import page_text


@pytest.fixture
def guest(make_event, register, database):
    event = make_event(capacity=5)
    assert register(event, name="林志明").status_code == 302
    registration = database.session.query(Registration).filter_by(event_id=event.id).one()
    registration.created_at = datetime(2026, 11, 20, 1, 5, tzinfo=UTC)  # 09:05 in Kaohsiung
    registration.checked_in_at = datetime(2026, 11, 21, 2, 30, tzinfo=UTC)  # 10:30
    db.session.commit()
    return registration


@pytest.mark.parametrize(
    ("locale", "style", "zone", "registered", "checked_in"),
    [
        ("zh_Hant_TW", "roc", "Asia/Taipei", "民國115年11月20日 09:05", "民國115年11月21日 10:30"),
        ("en", "gregorian", "Asia/Taipei", "11/20/26, 9:05\u202fAM", "11/21/26, 10:30\u202fAM"),
        ("en", "gregorian", "Asia/Tokyo", "11/20/26, 10:05\u202fAM", "11/21/26, 11:30\u202fAM"),
    ],
)
def test_times_in_the_readers_zone_era_and_language(
    client, make_user, login, database, guest, locale, style, zone, registered, checked_in
):
    user = make_user("officer", locale=locale)
    user.date_style, user.timezone = style, zone
    database.session.commit()
    login(user)
    page = page_text(client.get(f"/events/{guest.event_id}/registrations?status=registered"))
    row = re.search(rf'<tr data-registration="{guest.id}">.*?</tr>', page, flags=re.S).group(0)
    assert registered in row and checked_in in row
    assert f'action="/events/{guest.event_id}/registrations/{guest.id}/status"' in row
    assert f'name="back" value="/events/{guest.event_id}/registrations?status=registered"' in row
