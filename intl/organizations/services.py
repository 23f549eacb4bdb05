"""Operations on organizations: each writes the record, its search index and its audit entry, and flushes;
the view commits."""

from __future__ import annotations

from flask import current_app
from flask_babel import gettext as _

from ..core import audit, search
from ..core.archive import archive
from ..core.conflicts import check_version
from ..core.db import db
from ..core.tags import tags_named
from .models import Organization

SEARCH_KIND = "organization"


class OrganizationError(ValueError):
    """A refused change; `field` names the form field the message belongs to."""

    def __init__(self, message: str, field: str):
        super().__init__(message)
        self.field = field


def reindex_organization(org: Organization) -> None:
    sort_names = {locale: org.names.get_for(locale) for locale in current_app.config["LANGUAGES"]}
    search.index_record(SEARCH_KIND, org.id, org.search_texts(), sort_names)


def unindex_organization(org: Organization) -> None:
    """Hook (hooks.before_purge): a purged organization leaves the search index."""
    search.unindex_record(SEARCH_KIND, org.id)


def create_organization(tag_names: list[str] | None = None, **fields) -> Organization:
    org = Organization(**fields)
    org.tags = tags_named(tag_names or [])
    db.session.add(org)
    db.session.flush()
    reindex_organization(org)
    audit.record_create(org)
    return org


def update_organization(
    org: Organization, expected_version: int | None = None, tag_names: list[str] | None = None, **fields
) -> None:
    """Change an organization seen at `expected_version` (EditConflict when it changed since; an
    OrganizationError when the new parent would put it under itself)."""
    if fields.get("parent_id") and would_loop(org, fields["parent_id"]):
        raise OrganizationError(_("An organization cannot be inside itself."), "parent_id")
    check_version(org, expected_version, fields)
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


def archive_organization(org: Organization) -> None:
    archive(org)


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
