"""One timeline per record: its interactions and its audit history merged, newest first, a page at a time.

Each source is read with its own keyset query (newest first, at most one page past the cursor), the two are
merged in order, and the last item shown becomes the next cursor. Two small queries per page, however long
the history.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, or_, select
from werkzeug.exceptions import BadRequest

from ..core.audit import AuditEntry
from ..core.db import db
from .models import Interaction, InteractionLink

SOURCES = ("audit", "interaction")  # the tie-break order between entries at the same instant


@dataclass
class TimelineItem:
    at: datetime
    source: str
    id: int
    entry: object


@dataclass
class TimelinePage:
    items: list[TimelineItem]
    next_cursor: str | None
    is_first: bool


def _encode(item: TimelineItem) -> str:
    raw = json.dumps({"at": item.at.isoformat(), "s": item.source, "id": item.id})
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _decode(token: str | None):
    if not token:
        return None
    try:
        data = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
        at, source, item_id = datetime.fromisoformat(data["at"]), data["s"], int(data["id"])
        if source not in SOURCES or at.tzinfo is None:
            raise ValueError
        return at, source, item_id
    except (ValueError, KeyError, TypeError, json.JSONDecodeError, UnicodeDecodeError):
        raise BadRequest("malformed timeline cursor") from None


def _after_cursor(source: str, at_column, id_column, cursor):
    """Entries of `source` that come after the cursor in (time desc, source, id desc) order."""
    at, cursor_source, cursor_id = cursor
    rank, cursor_rank = SOURCES.index(source), SOURCES.index(cursor_source)
    if rank > cursor_rank:
        return at_column <= at
    if rank < cursor_rank:
        return at_column < at
    return or_(at_column < at, and_(at_column == at, id_column < cursor_id))


def timeline(
    kind: str,
    entity_id: int,
    cursor: str | None = None,
    per_page: int = 20,
    audit_ids: dict[str, object] | None = None,
) -> TimelinePage:
    """The merged timeline of one record. `audit_ids` maps further kinds to SELECTs of ids whose audit
    entries belong here too (a partner's agreements, the contacts merged into this one)."""
    position = _decode(cursor)

    interactions = (
        select(Interaction)
        .join(InteractionLink, InteractionLink.interaction_id == Interaction.id)
        .where(
            InteractionLink.kind == kind,
            InteractionLink.entity_id == entity_id,
            Interaction.archived_at.is_(None),
        )
    )
    condition = and_(AuditEntry.kind == kind, AuditEntry.entity_id == entity_id)
    for other_kind, ids in (audit_ids or {}).items():
        condition = or_(condition, and_(AuditEntry.kind == other_kind, AuditEntry.entity_id.in_(ids)))
    entries = select(AuditEntry).where(condition)
    if position is not None:
        interactions = interactions.where(
            _after_cursor("interaction", Interaction.occurred_at, Interaction.id, position)
        )
        entries = entries.where(_after_cursor("audit", AuditEntry.at_dt, AuditEntry.id, position))
    found = [
        TimelineItem(i.occurred_at, "interaction", i.id, i)
        for i in db.session.scalars(
            interactions.order_by(Interaction.occurred_at.desc(), Interaction.id.desc()).limit(per_page + 1)
        )
    ] + [
        TimelineItem(e.at_dt, "audit", e.id, e)
        for e in db.session.scalars(
            entries.order_by(AuditEntry.at_dt.desc(), AuditEntry.id.desc()).limit(per_page + 1)
        )
    ]
    found.sort(key=lambda item: (-item.at.timestamp(), SOURCES.index(item.source), -item.id))
    page = found[:per_page]
    next_cursor = _encode(page[-1]) if len(found) > per_page else None
    return TimelinePage(items=page, next_cursor=next_cursor, is_first=position is None)
