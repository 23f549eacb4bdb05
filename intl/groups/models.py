from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..core.db import db
from ..core.localized import LocalizedText, LocalizedTextType
from ..core.models import AuditedMixin, TimestampMixin, VersionedMixin, record_kind

GROUP_ROLES = {
    "convener": _l("Convener"),
    "deputy_convener": _l("Deputy convener"),
    "liaison": _l("Liaison officer"),
    "deputy_liaison": _l("Deputy liaison officer"),
    "committee_member": _l("Outside committee member"),
    "secretary": _l("Secretary"),
}

MEMBER_LABELS = {
    "contact_id": _l("Member"),
    "role": _l("Role"),
    "organization_id": _l("Bureau or organization"),
    "term_start": _l("Term starts"),
    "term_end": _l("Term ends"),
    "notes": _l("Notes"),
}


@record_kind("group")
class WorkingGroup(AuditedMixin, TimestampMixin, VersionedMixin, db.Model):
    __tablename__ = "working_group"

    id: Mapped[int] = mapped_column(primary_key=True)
    names: Mapped[LocalizedText] = mapped_column(LocalizedTextType, nullable=False)
    description: Mapped[str | None] = mapped_column(Text)

    members = relationship(
        "GroupMember", back_populates="group", cascade="all, delete-orphan", order_by="GroupMember.id"
    )

    audit_fields = ("names", "description")

    def audit_label(self) -> str:
        return self.names.native or f"#{self.id}"


@record_kind("group_member")
class GroupMember(AuditedMixin, TimestampMixin, VersionedMixin, db.Model):
    __tablename__ = "group_member"

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("working_group.id", ondelete="CASCADE"), nullable=False)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contact.id", ondelete="CASCADE"), nullable=False)
    role: Mapped[str] = mapped_column(String(30), nullable=False, default="liaison")
    organization_id: Mapped[int | None] = mapped_column(ForeignKey("organization.id", ondelete="SET NULL"))
    term_start: Mapped[date | None] = mapped_column(Date)
    term_end: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(Text)

    group = relationship("WorkingGroup", back_populates="members")
    contact = relationship("Contact", lazy="joined")
    organization = relationship("Organization", lazy="joined")

    __table_args__ = (
        Index("ix_group_member_group", "group_id", "role"),
        Index("ix_group_member_contact", "contact_id"),
    )

    audit_fields = tuple(MEMBER_LABELS)
    audit_labels = MEMBER_LABELS

    def audit_label(self) -> str:
        return (
            f"{self.contact.audit_label() if self.contact else ''} — {GROUP_ROLES.get(self.role, self.role)}"
        )

    def is_current(self, today: date) -> bool:
        return (self.term_start is None or self.term_start <= today) and (
            self.term_end is None or today <= self.term_end
        )
