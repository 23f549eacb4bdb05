"""Interactions: notes, calls, meetings, e-mails and gifts, on the timelines of the records they concern."""

from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..core.db import db
from ..core.models import ArchivableMixin, AuditedMixin, TimestampMixin, VersionedMixin, record_kind
from ..core.time import UTCDateTime

INTERACTION_KINDS = {
    "note": _l("Note"),
    "call": _l("Call"),
    "meeting": _l("Meeting"),
    "email": _l("E-mail"),
    "gift": _l("Gift"),
}
LINKABLE_KINDS = ("contact", "organization", "partner")

INTERACTION_LABELS = {
    "kind": _l("Kind"),
    "occurred_at": _l("When"),
    "subject": _l("Subject"),
    "text": _l("Text"),
    "participants_text": _l("Other participants"),
}


@record_kind("interaction")
class Interaction(ArchivableMixin, AuditedMixin, TimestampMixin, VersionedMixin, db.Model):
    __tablename__ = "interaction"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), nullable=False, default="note")
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    subject: Mapped[str] = mapped_column(String(300), nullable=False)
    text: Mapped[str | None] = mapped_column(Text)
    participants_text: Mapped[str | None] = mapped_column(String(1000))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    # The record the interaction was entered on: where its page links back to.
    home_kind: Mapped[str] = mapped_column(String(20), nullable=False)
    home_id: Mapped[int] = mapped_column(nullable=False)

    links = relationship(
        "InteractionLink",
        cascade="all, delete-orphan",
        lazy="selectin",
        order_by="(InteractionLink.kind, InteractionLink.entity_id)",
    )
    created_by = relationship("User", lazy="joined", foreign_keys=[created_by_id])

    __table_args__ = (Index("ix_interaction_occurred_at", "occurred_at"),)

    audit_fields = tuple(INTERACTION_LABELS)
    audit_labels = INTERACTION_LABELS

    def audit_label(self) -> str:
        return self.subject

    def linked_ids(self, kind: str) -> list[int]:
        return [link.entity_id for link in self.links if link.kind == kind]


class InteractionLink(db.Model):
    """An interaction concerns one or more contacts, organizations and partners."""

    __tablename__ = "interaction_link"

    interaction_id: Mapped[int] = mapped_column(
        ForeignKey("interaction.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    entity_id: Mapped[int] = mapped_column(primary_key=True)

    __table_args__ = (Index("ix_interaction_link_entity", "kind", "entity_id", "interaction_id"),)
