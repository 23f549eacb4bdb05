"""What a day's work served: a delegation now; events and letters join by adding an entry to SERVED_KINDS.

A log entry keeps the link generically as (served_kind, served_id). Each kind says how to offer its records
for a placement's dates, how to name many at once (one query per kind), and who may link or follow them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from flask import url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select

from ..core.access import can
from ..core.db import db
from ..core.i18n import current_locale_code, format_date
from ..delegations.models import Delegation


def _viewable(record) -> bool:
    """Whether the signed-in user may see this record (its kind's policy decides; a letter may be
    confidential)."""
    return can(current_user, record, "view")


# Records whose dates fall this close to the placement's are offered.
MARGIN = timedelta(days=31)


@dataclass(frozen=True)
class ServedKind:
    label: object
    offered: Callable[[date, date], list]  # (first, last) -> records
    named: Callable[[set[int]], dict[int, object]]  # ids -> {id: record}
    describe: Callable[[object, str], str]  # (record, locale) -> label
    url: Callable[[int], str] | None = None  # endpoint for a link, for viewers allowed to follow it


def _delegations_between(first: date, last: date) -> list:
    return list(
        db.session.scalars(
            select(Delegation)
            .where(
                Delegation.archived_at.is_(None),
                Delegation.start_on <= last + MARGIN,
                Delegation.end_on >= first - MARGIN,
            )
            .order_by(Delegation.start_on, Delegation.id)
            .limit(300)
        )
    )


def _delegations_by_id(ids: set[int]) -> dict[int, object]:
    if not ids:
        return {}
    return {d.id: d for d in db.session.scalars(select(Delegation).where(Delegation.id.in_(ids)))}


def _describe_delegation(delegation, locale: str) -> str:
    return f"{delegation.title.get_for(locale)} ({format_date(delegation.start_on)})"


def _delegation_url(delegation_id: int) -> str:
    return url_for("delegations.detail", delegation_id=delegation_id)


SERVED_KINDS: dict[str, ServedKind] = {
    "delegation": ServedKind(
        _l("Delegation"), _delegations_between, _delegations_by_id, _describe_delegation, _delegation_url
    ),
}


def choice_value(kind: str, record_id: int) -> str:
    return f"{kind}:{record_id}"


def parse_choice(value: str | None) -> tuple[str | None, int | None]:
    """'delegation:12' -> ("delegation", 12); blank -> (None, None); ValueError when malformed."""
    if not value:
        return None, None
    kind, _sep, number = value.partition(":")
    if kind not in SERVED_KINDS or not number.isdigit():
        raise ValueError(value)
    return kind, int(number)


def choices_for(first: date, last: date, current: tuple[str | None, int | None] = (None, None)):
    """Grouped <select> choices: {kind label: [(value, label), ...]}, the current link always included."""
    locale = current_locale_code()
    groups: dict[str, list[tuple[str, str]]] = {}
    for kind, spec in SERVED_KINDS.items():
        records = spec.offered(first, last)
        if current[0] == kind and current[1] not in {r.id for r in records}:
            records = list(spec.named({current[1]}).values()) + records
        records = [r for r in records if _viewable(r)]
        if records:
            groups[str(spec.label)] = [(choice_value(kind, r.id), spec.describe(r, locale)) for r in records]
    return groups


def exists(kind: str, record_id: int) -> bool:
    """The record exists and the signed-in user may link to it."""
    record = SERVED_KINDS[kind].named({record_id}).get(record_id)
    return record is not None and _viewable(record)


def labels_for(entries) -> dict[tuple[str, int], dict]:
    """(kind, id) -> {"label", "kind_label", "url"} for the links of these entries, one query per kind."""
    wanted: dict[str, set[int]] = {}
    for entry in entries:
        if entry.served_kind in SERVED_KINDS and entry.served_id is not None:
            wanted.setdefault(entry.served_kind, set()).add(entry.served_id)
    locale = current_locale_code()
    found = {}
    for kind, ids in wanted.items():
        spec = SERVED_KINDS[kind]
        for record_id, record in spec.named(ids).items():
            if not _viewable(record):
                continue
            found[(kind, record_id)] = {
                "label": spec.describe(record, locale),
                "kind_label": str(spec.label),
                "url": spec.url(record_id) if spec.url else None,
            }
    return found
