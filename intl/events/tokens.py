"""Secrets in the guests' links.

An event's public registration link carries a random token kept on the event (officers show and rotate it).
A guest's own link (their confirmation page, .ics, or an invitation's RSVP) carries the registration's id and
an HMAC of it keyed by the application's secret and a per-registration nonce: nothing in the database alone
makes a working link, and a new nonce revokes an old one.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from flask import current_app
from sqlalchemy import select

from ..core.db import db
from .models import Event, Registration

TOKEN_BYTES = 18


def new_event_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def new_nonce() -> str:
    return secrets.token_hex(16)


def _signature(registration_id: int, nonce: str) -> str:
    key = current_app.config["SECRET_KEY"].encode()
    message = f"registration:{registration_id}:{nonce}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()[:32]


def registration_token(registration: Registration) -> str:
    return f"{registration.id}-{_signature(registration.id, registration.token_nonce)}"


def find_event(token: str) -> Event | None:
    if not token or len(token) > 64:
        return None
    event = db.session.scalar(select(Event).where(Event.registration_token == token))
    if event is None or event.archived_at is not None:
        return None
    return event


def find_registration(event: Event, token: str) -> Registration | None:
    """The registration this guest link names, if the link is genuine and belongs to this event."""
    number, _dash, signature = (token or "").partition("-")
    if not number.isdigit() or len(number) > 12 or len(signature) != 32:
        return None
    registration = db.session.get(Registration, int(number))
    if registration is None or registration.event_id != event.id:
        return None
    expected = _signature(registration.id, registration.token_nonce)
    return registration if hmac.compare_digest(expected, signature) else None
