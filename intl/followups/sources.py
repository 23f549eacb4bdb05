"""What a follow-up came from: a delegation (visit), a letter, or an interaction (a meeting, a call).

The source is a generic (kind, id) pair; the record is found through its record kind, so that a kind whose
package is not installed simply shows as 'Letter #12' without a link.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from flask import url_for
from flask_babel import lazy_gettext as _l
from werkzeug.routing import BuildError

from ..core.access import can
from ..core.db import db
from ..core.i18n import current_locale_code
from ..core.models import RECORD_KINDS
from ..interactions.models import INTERACTION_KINDS

SOURCE_KINDS = {
    "delegation": _l("Delegation"),
    "letter": _l("Letter"),
    "interaction": _l("Meeting"),
}
# Where each kind's page is: endpoint, the id argument, and an anchor on the page.
_PAGES = {
    "delegation": ("delegations.detail", "delegation_id", "#outcome"),
    "letter": ("correspondence.detail", "letter_id", ""),
}
_INTERACTION_HOMES = {
    "contact": ("contacts.detail", "contact_id"),
    "organization": ("organizations.detail", "org_id"),
    "partner": ("partners.detail", "partner_id"),
}


@dataclass
class Source:
    kind: str
    id: int
    label: str
    url: str | None
    record: object | None
    kind_label: str = ""  # 'Delegation', 'Letter', or the interaction's own kind ('Meeting', 'Call')


def model_of(kind: str):
    return RECORD_KINDS.get(kind) if kind in SOURCE_KINDS else None


def load(kind: str, source_id: int):
    """The source record, or None when the kind is unknown or the record gone."""
    model = model_of(kind)
    return db.session.get(model, source_id) if model is not None else None


def _label(kind: str, record) -> str:
    locale = current_locale_code()
    if kind == "delegation":
        return record.title.get_for(locale)
    if kind == "interaction":
        return record.subject
    return record.audit_label()


def _kind_label(kind: str, record) -> str:
    if kind == "interaction" and record is not None:
        return str(INTERACTION_KINDS.get(record.kind, SOURCE_KINDS[kind]))
    return str(SOURCE_KINDS.get(kind, kind))


def _url(kind: str, record) -> str | None:
    try:
        if kind == "interaction":
            endpoint, arg = _INTERACTION_HOMES.get(record.home_kind, (None, None))
            return url_for(endpoint, **{arg: record.home_id}) if endpoint else None
        endpoint, arg, anchor = _PAGES[kind]
        return url_for(endpoint, **{arg: record.id}) + anchor
    except (BuildError, KeyError):
        return None


def may(user, record, action: str) -> bool:
    """Whether `user` may `action` the source record, by its kind's access policy."""
    return can(user, record, action)


def describe_one(kind: str, source_id: int, user) -> Source:
    return describe_pairs([(kind, source_id)], user)[kind, source_id]


def describe(followups, user) -> dict[tuple[str, int], Source]:
    """(kind, id) -> Source for the follow-ups' sources, one query per kind."""
    return describe_pairs([(f.source_kind, f.source_id) for f in followups], user)


def describe_pairs(pairs, user) -> dict[tuple[str, int], Source]:
    """Sources the user may not see (a confidential letter) keep only their kind as label."""
    wanted: dict[str, set[int]] = defaultdict(set)
    for kind, source_id in pairs:
        wanted[kind].add(source_id)
    result = {}
    for kind, ids in wanted.items():
        model = model_of(kind)
        records = {}
        if model is not None:
            records = {r.id: r for r in db.session.query(model).filter(model.id.in_(ids))}
        for source_id in ids:
            record = records.get(source_id)
            kind_label = _kind_label(kind, record)
            if record is None:
                source = Source(kind, source_id, f"{kind_label} #{source_id}", None, None, kind_label)
            elif not may(user, record, "view"):
                source = Source(kind, source_id, kind_label, None, record, kind_label)
            else:
                source = Source(kind, source_id, _label(kind, record), _url(kind, record), record, kind_label)
            result[kind, source_id] = source
    return result
