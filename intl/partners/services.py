"""Operations on partners and agreements: they write the record, its search index and its audit entry, and
flush; the view commits. Archive, restore and purge go through `core.archive`, whose hooks (registered in
blueprint.py) keep the standing (standing.py) and the search index in step."""

from __future__ import annotations

from flask import current_app

from ..core import audit, search
from ..core.archive import archive
from ..core.audit import acting_user_id
from ..core.conflicts import check_version
from ..core.db import db
from ..core.files import DOCUMENT_TYPES, store_upload
from .models import Agreement, Partner
from .standing import TIE_RANK, refresh_standing

SEARCH_KIND = "partner"


def sort_names(partner: Partner) -> dict[str, str]:
    return {locale: partner.names.get_for(locale) for locale in current_app.config["LANGUAGES"]}


def reindex_partner(partner: Partner) -> None:
    search.index_record(SEARCH_KIND, partner.id, partner.search_texts(), sort_names(partner))


def create_partner(ties: list[dict] | None = None, restand: bool = True, **fields) -> Partner:
    """A partner with its ties (each a dict of Agreement fields). Its standing follows from the ties; a
    `relationship` given instead (older callers, the demo) is recorded as a city-government tie of that kind
    in force, signed on `relationship_since`, so that nothing counts without a tie. `restand` False: the caller
    (an import) refreshes the standing once for all its partners."""
    focus = fields.pop("focus_areas", [])
    relationship = fields.pop("relationship", None)
    since = fields.pop("relationship_since", None)
    ties = list(ties or [])
    if not ties and relationship in TIE_RANK:
        ties.append({"agreement_type": relationship, "signed_on": since})
    partner = Partner(relationship="prospect", **fields)
    partner.focus_areas = focus
    db.session.add(partner)
    db.session.flush()
    reindex_partner(partner)
    audit.record_create(partner)
    for tie in ties:
        agreement = Agreement(partner=partner, **tie)
        db.session.add(agreement)
        db.session.flush()
        audit.record_create(agreement)
    if ties and restand:
        refresh_standing()
    return partner


def update_partner(partner: Partner, expected_version: int | None, **fields) -> None:
    """Change a partner seen at `expected_version` (EditConflict when it changed since). Its standing is not
    edited here: it follows from its ties."""
    check_version(partner, expected_version, fields)
    before = partner.audit_state()
    focus = fields.pop("focus_areas", None)
    for name, value in fields.items():
        setattr(partner, name, value)
    if focus is not None:
        partner.focus_areas = focus
    db.session.flush()
    if before["names"] != partner.audit_state()["names"]:
        reindex_partner(partner)
    audit.record_update(partner, before)


def archive_partner(partner: Partner) -> None:
    archive(partner)


def restand_after_archive_change(record: Partner | Agreement) -> None:
    """Hook (hooks.archive_changed): a partner or an agreement was archived, restored or purged."""
    refresh_standing()


def unindex_partner(partner: Partner) -> None:
    """Hook (hooks.before_purge): a purged partner leaves the search index."""
    search.unindex_record(SEARCH_KIND, partner.id)


def attach_document(agreement: Agreement, upload) -> None:
    stored = store_upload(upload, DOCUMENT_TYPES, user_id=acting_user_id())
    db.session.flush()
    agreement.document_id = stored.id
    agreement.document = stored


def create_agreement(partner: Partner, upload=None, restand: bool = True, **fields) -> Agreement:
    """A tie of the partner; `restand` False: the caller (an import) refreshes the standing once at the end."""
    agreement = Agreement(partner=partner, **fields)
    db.session.add(agreement)
    if upload:
        attach_document(agreement, upload)
    db.session.flush()
    audit.record_create(agreement)
    if restand:
        refresh_standing()
    return agreement


def update_agreement(agreement: Agreement, expected_version: int | None, upload=None, **fields) -> None:
    """Change an agreement seen at `expected_version` (EditConflict when it changed since)."""
    check_version(agreement, expected_version, fields)
    before = agreement.audit_state()
    for name, value in fields.items():
        setattr(agreement, name, value)
    if upload:
        attach_document(agreement, upload)
    db.session.flush()
    audit.record_update(agreement, before)
    refresh_standing()


def archive_agreement(agreement: Agreement) -> None:
    archive(agreement)
