"""Factories for letters: fixtures that return callables, as everywhere in the suite."""

from __future__ import annotations

from datetime import date

import pytest


@pytest.fixture
def make_letter(database):
    from intl.correspondence.services import create_letter

    def make(direction: str = "incoming", parties=(), links=(), registered_on=None, **fields):
        values = {
            "subject": "高雄燈會邀請 Lantern Festival",
            "letter_on": date(2026, 11, 20),
            "language": "zh_Hant",
            "channel": "email",
            "body": "第一段。\n\n第二段。",
        }
        values.update(fields)
        letter = create_letter(
            direction, parties=list(parties), links=list(links), registered_on=registered_on, **values
        )
        database.session.commit()
        return letter

    return make


@pytest.fixture
def make_template(database):
    from intl.correspondence.models import LetterTemplate

    def make(
        kind="invitation", language="en", subject="Invitation", body="Dear {honorific} {recipient_name},"
    ):
        template = LetterTemplate(
            kind=kind, language=language, name=f"{kind} {language}", subject=subject, body=body
        )
        database.session.add(template)
        database.session.commit()
        return template

    return make


@pytest.fixture
def acting(app):
    """Run service calls as a user, the way a request would (the audit log and steps record them)."""
    from contextlib import contextmanager

    from flask import g

    @contextmanager
    def as_user(user):
        previous = g.get("audit_user_id")
        g.audit_user_id = user.id
        try:
            yield user
        finally:
            g.audit_user_id = previous

    return as_user
