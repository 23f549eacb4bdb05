"""A phone number as a phone dials it."""

from __future__ import annotations


def dialable(number: str | None) -> str:
    """The number without blanks around it and without the apostrophe spreadsheets put before a leading + (our
    own exports did, before; a number pasted from such a file keeps it)."""
    return (number or "").strip().lstrip("'").strip()
