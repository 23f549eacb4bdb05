"""Which record kinds can be archived, how each is named, and the archive listing."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ..contacts.models import Contact
from ..core.db import db
from ..interactions.models import Interaction
from ..organizations.models import Organization
from ..partners.models import Agreement, Partner

# Explicit on purpose: a kind appears on the archive page only when listed here.
ARCHIVABLE = {
    "partner": Partner,
    "agreement": Agreement,
    "organization": Organization,
    "contact": Contact,
    "interaction": Interaction,
}

KIND_LABELS = {
    "partner": _l("Partner"),
    "agreement": _l("Agreement"),
    "user": _l("User"),
    "organization": _l("Organization"),
    "contact": _l("Contact"),
    "interaction": _l("Interaction"),
    "affiliation": _l("Affiliation"),
    "group": _l("Working group"),
    "group_member": _l("Group member"),
}


def kind_label(kind: str) -> str:
    return str(KIND_LABELS.get(kind, kind))


def archived_records(limit: int = 200) -> list[tuple[str, list]]:
    groups = []
    for kind, model in ARCHIVABLE.items():
        rows = db.session.scalars(
            select(model)
            .where(model.archived_at.is_not(None))
            .order_by(model.archived_at.desc())
            .limit(limit)
        ).all()
        groups.append((kind, rows))
    return groups
