"""The level of reception for an inbound visit: the office's table (each rank's `reception`) applied to the
head of the delegation, what the office decided before for heads of the same rank, and the decision taken."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from ..contacts.models import Contact
from ..core.audit import record_create, record_update
from ..core.db import db
from ..core.time import now_utc
from ..delegations.models import Delegation, DelegationMember
from .models import Rank, Reception
from .queries import rank_matcher
from .services import Invitee, titles_of


@dataclass
class Proposal:
    head: Contact | None
    rank: Rank | None
    level: str | None  # a key of RECEPTION_LEVELS, None when the head has no rank in the table
    decided: Reception | None
    precedents: list[Reception]


def head_of(delegation: Delegation) -> Contact | None:
    member = db.session.scalar(
        select(DelegationMember)
        .where(DelegationMember.delegation_id == delegation.id)
        .order_by((DelegationMember.role != "head"), DelegationMember.position, DelegationMember.id)
        .limit(1)
    )
    return member.contact if member is not None else None


def propose(delegation: Delegation, precedents: int = 20) -> Proposal:
    head = head_of(delegation)
    rank = None
    if head is not None:
        found = rank_matcher().match(
            titles_of([Invitee("contact", head.id, "guest")]).get(("contact", head.id), [])
        )
        rank = db.session.get(Rank, found.id) if found else None
    decided = db.session.scalar(select(Reception).where(Reception.delegation_id == delegation.id))
    past: list[Reception] = []
    if rank is not None:
        past = list(
            db.session.scalars(
                select(Reception)
                .join(Delegation, Delegation.id == Reception.delegation_id)
                .where(
                    Reception.head_rank_id == rank.id,
                    Reception.delegation_id != delegation.id,
                    Delegation.archived_at.is_(None),
                )
                .order_by(Delegation.start_on.desc(), Reception.id.desc())
                .limit(precedents)
            )
        )
    return Proposal(head, rank, rank.reception if rank else None, decided, past)


def decide(
    delegation: Delegation, proposal: Proposal, level: str, reason: str, user_id: int | None
) -> Reception:
    """Record who receives the visit and why (replacing an earlier decision, which the audit log keeps)."""
    reception = proposal.decided
    fields = {
        "decided_level": level,
        "reason": reason,
        "proposed_level": proposal.level,
        "head_rank_id": proposal.rank.id if proposal.rank else None,
        "decided_by_id": user_id,
        "decided_at": now_utc(),
    }
    if reception is None:
        reception = Reception(delegation_id=delegation.id, **fields)
        db.session.add(reception)
        db.session.flush()
        record_create(reception)
        return reception
    before = reception.audit_state()
    for name, value in fields.items():
        setattr(reception, name, value)
    db.session.flush()
    record_update(reception, before)
    return reception
