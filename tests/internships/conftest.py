"""Factories for the internship tests: each returns a callable, as the shared fixtures do."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from intl.core.localized import LocalizedText
from intl.core.time import today_in

START, END = date(2026, 7, 1), date(2026, 8, 31)


@pytest.fixture
def make_programme(database):
    from intl.internships.services import create_programme

    def make(**fields):
        values = {
            "title": LocalizedText({"zh_Hant": "暑期實習", "en": "Summer internship"}),
            "kind": "internship",
            "term": "summer",
            "year": 2026,
            "start_on": START,
            "end_on": END,
        }
        values.update(fields)
        programme = create_programme(**values)
        database.session.commit()
        return programme

    return make


@pytest.fixture
def make_position(database, make_programme):
    from intl.internships.services import create_position

    def make(programme=None, **fields):
        values = {
            "title": LocalizedText({"zh_Hant": "國際交流助理", "en": "International exchange assistant"}),
            "host_unit": "國際事務科 International Affairs Section",
            "languages": ["en", "ja"],
            "places": 2,
        }
        values.update(fields)
        position = create_position(programme or make_programme(), **values)
        database.session.commit()
        return position

    return make


@pytest.fixture
def make_placement(database, make_position, make_user):
    """A running placement: (placement, intern, supervisor)."""
    from intl.internships.placement_services import create_placement

    def make(position=None, intern=None, supervisor=None, **fields):
        intern = intern or make_user("intern")
        supervisor = supervisor or make_user("officer")
        values = {
            "start_on": START,
            "end_on": END,
            "weekly_hours": 20,
            "working_hours": "Mon–Fri 09:00–13:00",
        }
        values.update(fields)
        placement = create_placement(
            position or make_position(), intern_id=intern.id, supervisor_id=supervisor.id, **values
        )
        database.session.commit()
        return placement, intern, supervisor

    return make


@pytest.fixture
def frozen_today(monkeypatch):
    """The office's today, fixed (so that logging a day inside the placement is not 'in the future')."""

    def freeze(day: date):
        from intl.internships.views import log

        monkeypatch.setattr(log, "office_today", lambda: day)

    return freeze


@pytest.fixture
def open_programme(make_programme, make_position):
    """A programme taking applications (they close in a month), with one position."""

    def make(**fields):
        today = today_in("Asia/Taipei")
        values = {
            "year": today.year,
            "start_on": today + timedelta(days=40),
            "end_on": today + timedelta(days=100),
            "apply_by": today + timedelta(days=30),
        }
        values.update(fields)
        programme = make_programme(**values)
        make_position(programme)
        return programme

    return make
