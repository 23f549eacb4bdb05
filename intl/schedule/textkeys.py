"""Folded forms of what the schedule compares: two spellings of one hall are one venue."""

from __future__ import annotations

from ..core.textnorm import normalize


def venue_key(venue: str | None) -> str | None:
    key = normalize(venue)
    return key[:300] or None
