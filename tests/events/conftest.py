"""Factories for events and guests' registrations."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest


@pytest.fixture
def make_event(database):
    from intl.events.services import create_event

    def make(title=None, start=None, hours=3, **fields):
        start = start or datetime(2027, 3, 20, 1, 0, tzinfo=UTC)  # 09:00 in Kaohsiung
        values = {
            "kind": "see_kaohsiung",
            "audiences": ["international_students"],
            "timezone": "Asia/Taipei",
            "venue": "駁二藝術特區",
            "capacity": 2,
            "registration_mode": "open",
            "visibility": "public",
            "status": "confirmed",
        }
        values.update(fields)
        event = create_event(
            title=title or {"zh_Hant": "看見高雄", "en": "See Kaohsiung"},
            start_dt=start,
            end_dt=start + timedelta(hours=hours),
            **values,
        )
        database.session.commit()
        return event

    return make


@pytest.fixture
def register(client):
    """Register a guest through the public form, as a visitor without an account would."""

    def post(event, name="林志明", email=None, consent=True, **fields):
        data = {"name": name, "email": email or f"{abs(hash(name)) % 10**8}@example.com", **fields}
        if consent:
            data["consent"] = "y"
        return client.post(f"/register/{event.registration_token}", data=data)

    return post
