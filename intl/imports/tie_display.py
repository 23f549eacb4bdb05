"""How a partner row's tie reads in the import preview: labelled, in the reader's language ("Agreement type:
Sister city agreement · Signed on: 1996-12-20 ..."), never as the stored keys (agreement_type: sister)."""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _

from ..core.dates import iso_text
from ..partners.models import AGREEMENT_STATES, AGREEMENT_TYPES, OUR_PARTIES


def _named(mapping: dict, key: str | None) -> str:
    return str(mapping.get(key, key)) if key else ""


def _signed(values: dict) -> str:
    signed = values.get("signed_on")
    if not signed:
        return ""
    return iso_text(date.fromisoformat(signed), values.get("signed_precision") or "day")


def tie_summary(tie: dict | None) -> list[tuple[str, str]]:
    """The tie's parts that are given, as (label, text) pairs."""
    if not tie:
        return []
    replaced_by = tie.get("superseded_by")
    parts = [
        (_("Agreement type"), _named(AGREEMENT_TYPES, tie.get("agreement_type"))),
        (_("Party on our side"), _named(OUR_PARTIES, tie.get("our_party"))),
        (_("Signed on"), _signed(tie)),
        (_("State of the agreement"), _named(AGREEMENT_STATES, tie.get("state"))),
        (_("Source of the fact"), tie.get("source") or ""),
        (
            _("Superseded by"),
            f"{_named(AGREEMENT_TYPES, replaced_by['agreement_type'])} {_signed(replaced_by)}".strip()
            if replaced_by
            else "",
        ),
    ]
    return [(label, text) for label, text in parts if text]
