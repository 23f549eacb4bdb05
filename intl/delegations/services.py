"""Operations on delegations: create, change, members, outcome, and copying a past programme."""

from __future__ import annotations

from datetime import date

from flask import current_app

from ..core import attachments, audit, search
from ..core.conflicts import check_version
from ..core.db import db
from ..followups import services as followup_services
from ..followups.models import FollowUp
from ..partners.models import Partner
from ..schedule.services import create_engagement, schedule_changed, touch_engagements, trip_changed
from .models import DELEGATION_LABELS, Delegation, DelegationAttachment, DelegationMember

# What makes an outbound programme its leaders' trip away from the city (intl/schedule/presence).
TRIP_FIELDS = ("direction", "start_on", "end_on", "status")

SEARCH_KIND = "delegation"


def reindex(delegation: Delegation) -> None:
    search.index_record(
        SEARCH_KIND,
        delegation.id,
        delegation.search_texts(),
        {loc: delegation.title.get_for(loc) for loc in current_app.config["LANGUAGES"]},
    )


def _partners(ids: list[int]) -> list[Partner]:
    return list(db.session.query(Partner).filter(Partner.id.in_(ids))) if ids else []


def create_delegation(partner_ids: list[int], **fields) -> Delegation:
    delegation = Delegation(**fields)
    delegation.partners = _partners(partner_ids)
    db.session.add(delegation)
    db.session.flush()
    reindex(delegation)
    audit.record_create(delegation)
    return delegation


def update_delegation(
    delegation: Delegation,
    partner_ids: list[int] | None = None,
    expected_version: int | None = None,
    **fields,
) -> None:
    """Change a delegation; raises EditConflict when `expected_version` (the version the user saw) is no
    longer the saved one."""
    check_version(delegation, expected_version, fields, DELEGATION_LABELS)
    before = delegation.audit_state()
    for name, value in fields.items():
        setattr(delegation, name, value)
    if partner_ids is not None:
        delegation.partners = _partners(partner_ids)
    db.session.flush()
    after = delegation.audit_state()
    if before["title"] != after["title"]:
        reindex(delegation)
        touch_engagements(list(delegation.engagements))  # the programme's name appears in each event
    if before["lead_officer_id"] != after["lead_officer_id"]:
        schedule_changed()  # the lead officer's own feed carries the programme, and reads it in full
    if any(before.get(name) != after.get(name) for name in TRIP_FIELDS):
        trip_changed(delegation.id)  # an outbound programme is a trip of its leaders: kept clashes re-open
    audit.record_update(delegation, before)


def add_member(delegation: Delegation, contact_id: int, **fields) -> DelegationMember:
    position = max((m.position for m in delegation.members), default=-1) + 1
    member = DelegationMember(delegation=delegation, contact_id=contact_id, position=position, **fields)
    db.session.add(member)
    db.session.flush()
    audit.record("update", delegation, {"members": [None, f"+ {member.audit_label()}"]})
    return member


def update_member(member: DelegationMember, **fields) -> None:
    before = member.audit_state()
    for name, value in fields.items():
        setattr(member, name, value)
    db.session.flush()
    changes = audit.diff(before, member.audit_state())
    if changes:
        audit.record("update", member.delegation, {f"member.{k}": v for k, v in changes.items()})


def remove_member(member: DelegationMember) -> None:
    delegation = member.delegation
    audit.record("update", delegation, {"members": [member.audit_label(), None]})
    delegation.members.remove(member)
    db.session.flush()


def add_followup(
    delegation: Delegation, description: str, owner_id: int | None, due_on: date | None
) -> FollowUp:
    return followup_services.add_followup("delegation", delegation.id, description, owner_id, due_on)


def followups_of(delegation: Delegation) -> list[FollowUp]:
    return followup_services.followups_of("delegation", delegation.id)


def add_attachment(delegation: Delegation, upload, caption: str | None) -> DelegationAttachment:
    return attachments.add_attachment(delegation, DelegationAttachment, upload, caption)


def copy_programme(source: Delegation, start_on: date, title: dict | None = None) -> Delegation:
    """A new delegation starting on `start_on` with the source's partners, members and engagements moved
    by the same number of days (new UIDs: these are new events for every calendar)."""
    shift = start_on - source.start_on
    copy = create_delegation(
        [p.id for p in source.partners],
        title=title or dict(source.title),
        direction=source.direction,
        purpose=source.purpose,
        categories=list(source.categories),
        start_on=start_on,
        end_on=source.end_on + shift,
        status="proposed",
        lead_officer_id=source.lead_officer_id,
        budget=source.budget,
        emergency_contacts=source.emergency_contacts,
        copied_from_id=source.id,
    )
    for member in source.members:
        add_member(copy, member.contact_id, role=member.role, hotel=member.hotel)
    for engagement in source.engagements:
        if engagement.archived_at is not None or engagement.status == "cancelled":
            continue
        participants: dict[str, list[int]] = {}
        for participant in engagement.participants:
            participants.setdefault(participant.kind, []).append(participant.ref_id)
        create_engagement(
            participants,
            delegation_id=copy.id,
            kind=engagement.kind,
            title=dict(engagement.title),
            start_dt=engagement.start_dt + shift,
            end_dt=engagement.end_dt + shift,
            timezone=engagement.timezone,
            all_day=engagement.all_day,
            venue=engagement.venue,
            address=engagement.address,
            city=engagement.city,
            latitude=engagement.latitude,
            longitude=engagement.longitude,
            host=engagement.host,
            dress_code=engagement.dress_code,
            interpreter=engagement.interpreter,
            notes=engagement.notes,
            visibility=engagement.visibility,
            status="tentative",
        )
    return copy
