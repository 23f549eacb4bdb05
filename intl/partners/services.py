"""Operations on partners and agreements: they write the record, its search index and its audit entry, and
flush; the view commits. Archive, restore and purge go through `core.archive`, whose hooks (registered in
blueprint.py) keep the signing order and the search index in step."""

from __future__ import annotations

from flask import current_app
from sqlalchemy import func, select, update

from ..core import audit, search
from ..core.archive import archive
from ..core.audit import acting_user_id
from ..core.conflicts import check_version
from ..core.db import db
from ..core.files import DOCUMENT_TYPES, store_upload
from ..core.time import office_today
from .models import Agreement, Partner

SEARCH_KIND = "partner"


def sort_names(partner: Partner) -> dict[str, str]:
    return {locale: partner.names.get_for(locale) for locale in current_app.config["LANGUAGES"]}


def reindex_partner(partner: Partner) -> None:
    search.index_record(SEARCH_KIND, partner.id, partner.search_texts(), sort_names(partner))


def create_partner(**fields) -> Partner:
    focus = fields.pop("focus_areas", [])
    partner = Partner(**fields)
    partner.focus_areas = focus
    db.session.add(partner)
    db.session.flush()
    reindex_partner(partner)
    audit.record_create(partner)
    return partner


def update_partner(partner: Partner, expected_version: int | None, **fields) -> None:
    """Change a partner seen at `expected_version` (EditConflict when it changed since)."""
    check_version(partner, expected_version, fields)
    before = partner.audit_state()
    focus = fields.pop("focus_areas", None)
    if (
        "relationship" in fields
        and fields["relationship"] != partner.relationship
        and not fields.get("relationship_since")
    ):
        # A change of stage with no date given happened today, in the office's day.
        fields["relationship_since"] = office_today()
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


def renumber_partners() -> None:
    """Number the live partners in order of their first signed sister or friendly agreement with the city
    government (void and archived agreements do not count; archived partners lose their number)."""
    first_signed = (
        select(Agreement.partner_id, func.min(Agreement.signed_on).label("first"))
        .join(Partner, Partner.id == Agreement.partner_id)
        .where(
            Agreement.agreement_type.in_(("sister", "friendly")),
            Agreement.our_party == "city_government",
            Agreement.signed_on.is_not(None),
            Agreement.void.is_(False),
            Agreement.archived_at.is_(None),
            Partner.archived_at.is_(None),
        )
        .group_by(Agreement.partner_id)
        .subquery()
    )
    ordered = (
        db.session.execute(
            select(first_signed.c.partner_id).order_by(first_signed.c.first, first_signed.c.partner_id)
        )
        .scalars()
        .all()
    )
    wanted = {partner_id: number for number, partner_id in enumerate(ordered, start=1)}
    current = dict(
        db.session.execute(
            select(Partner.id, Partner.sequence_no).where(Partner.sequence_no.is_not(None))
        ).all()
    )
    for partner_id in set(current) - set(wanted):
        db.session.execute(
            update(Partner)
            .where(Partner.id == partner_id)
            .values(sequence_no=None)
            .execution_options(synchronize_session=False)
        )
    for partner_id, number in wanted.items():
        if current.get(partner_id) != number:
            db.session.execute(
                update(Partner)
                .where(Partner.id == partner_id)
                .values(sequence_no=number)
                .execution_options(synchronize_session=False)
            )


def renumber_after_archive_change(record: Partner | Agreement) -> None:
    """Hook (hooks.archive_changed): a partner or an agreement was archived, restored or purged."""
    renumber_partners()


def unindex_partner(partner: Partner) -> None:
    """Hook (hooks.before_purge): a purged partner leaves the search index."""
    search.unindex_record(SEARCH_KIND, partner.id)


def attach_document(agreement: Agreement, upload) -> None:
    stored = store_upload(upload, DOCUMENT_TYPES, user_id=acting_user_id())
    db.session.flush()
    agreement.document_id = stored.id
    agreement.document = stored


def create_agreement(partner: Partner, upload=None, **fields) -> Agreement:
    agreement = Agreement(partner=partner, **fields)
    db.session.add(agreement)
    if upload:
        attach_document(agreement, upload)
    db.session.flush()
    audit.record_create(agreement)
    renumber_partners()
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
    renumber_partners()


def archive_agreement(agreement: Agreement) -> None:
    archive(agreement)
