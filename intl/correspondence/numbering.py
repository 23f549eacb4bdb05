"""Reference numbers: the office's own numbering scheme, configurable, with a sequence per year and direction.

The pattern comes from the configuration (LETTER_REFERENCE_PATTERN, a format string or one per direction)
with the fields {year} (Gregorian), {roc_year} (民國), {dir} (LETTER_DIRECTION_CODES: IN / OUT) and {seq}.
The default gives KCG-INT-115-IN-0001.

The sequence lives in a counter row updated in the letter's own transaction (UPDATE ... RETURNING): on
PostgreSQL the row lock makes a concurrent registration wait for this one to commit; SQLite lets one writer
at a time anyway. The first number of a year inserts the row inside a savepoint, and a registration that
loses that race increments the row the winner created.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date

from flask import current_app, has_app_context
from sqlalchemy import insert, update
from sqlalchemy.exc import IntegrityError

from ..core.i18n import ROC_OFFSET
from .models import ReferenceCounter

DEFAULT_PATTERN = "KCG-INT-{roc_year}-{dir}-{seq:04d}"
DEFAULT_DIRECTION_CODES = {"incoming": "IN", "outgoing": "OUT"}


@dataclass(frozen=True)
class Reference:
    number: str
    year: int
    seq: int


def _config(name: str, default):
    value = current_app.config.get(name) if has_app_context() else None
    if value is None:
        value = os.environ.get(name) or default
    return value


def pattern_for(direction: str) -> str:
    pattern = _config("LETTER_REFERENCE_PATTERN", DEFAULT_PATTERN)
    if isinstance(pattern, dict):
        pattern = pattern[direction]
    elif "{dir" not in pattern:
        # One pattern for both directions must tell them apart, or incoming 1 and outgoing 1 would collide.
        raise RuntimeError("LETTER_REFERENCE_PATTERN needs {dir} (or give one pattern per direction)")
    if "{seq" not in pattern:
        raise RuntimeError("LETTER_REFERENCE_PATTERN needs {seq}")
    return pattern


def format_reference(direction: str, year: int, seq: int) -> str:
    codes = _config("LETTER_DIRECTION_CODES", DEFAULT_DIRECTION_CODES)
    return pattern_for(direction).format(
        year=year, roc_year=year - ROC_OFFSET, dir=codes.get(direction, direction[:3].upper()), seq=seq
    )


def next_sequence(session, direction: str, year: int) -> int:
    """Take the next number of (direction, year) in the session's transaction."""
    bump = (
        update(ReferenceCounter)
        .where(ReferenceCounter.direction == direction, ReferenceCounter.year == year)
        .values(last_seq=ReferenceCounter.last_seq + 1)
        .returning(ReferenceCounter.last_seq)
    )
    seq = session.execute(bump).scalar_one_or_none()
    if seq is not None:
        return seq
    try:
        with session.begin_nested():
            session.execute(insert(ReferenceCounter).values(direction=direction, year=year, last_seq=1))
        return 1
    except IntegrityError:
        # Another registration created the year's row meanwhile: take the number after its.
        return session.execute(bump).scalar_one()


def allocate(session, direction: str, on: date) -> Reference:
    seq = next_sequence(session, direction, on.year)
    return Reference(format_reference(direction, on.year, seq), on.year, seq)
