"""Operations on organizations: each writes the record, its search index and its audit entry."""

from __future__ import annotations

from flask import current_app

from ..core import audit, search
from ..core.db import db
from ..core.tags import tags_named
from .models import Organization

SEARCH_KIND = "organization"


def reindex_organization(org: Organization) -> None:
    sort_names = {locale: org.names.get_for(locale) for locale in current_app.config["LANGUAGES"]}
    search.index_record(SEARCH_KIND, org.id, org.search_texts(), sort_names)


def create_organization(tag_names: list[str] | None = None, **fields) -> Organization:
    org = Organization(**fields)
    org.tags = tags_named(tag_names or [])
    db.session.add(org)
    db.session.flush()
    reindex_organization(org)
    audit.record_create(org)
    return org


def update_organization(org: Organization, tag_names: list[str] | None = None, **fields) -> None:
    before = org.audit_state()
    for name, value in fields.items():
        setattr(org, name, value)
    if tag_names is not None:
        org.tags = tags_named(tag_names)
    db.session.flush()
    after = org.audit_state()
    if any(before[f] != after[f] for f in ("names", "email", "website")):
        reindex_organization(org)
    audit.record_update(org, before)


def would_loop(org: Organization, parent_id: int | None) -> bool:
    """True when making `parent_id` the parent would put the organization under itself."""
    seen = set()
    current = parent_id
    while current is not None and current not in seen:
        if current == org.id:
            return True
        seen.add(current)
        parent = db.session.get(Organization, current)
        current = parent.parent_id if parent else None
    return False
