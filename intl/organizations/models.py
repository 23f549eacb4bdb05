"""The organizations the office deals with."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..core.db import db
from ..core.localized import LocalizedText, LocalizedTextType
from ..core.models import ArchivableMixin, AuditedMixin, TimestampMixin, VersionedMixin, record_kind
from ..core.tags import organization_tag

ORGANIZATION_KINDS = {
    "embassy": _l("Embassy / representative office"),
    "consulate": _l("Consulate"),
    "university": _l("University"),
    "school": _l("School"),
    "chamber": _l("Chamber of commerce"),
    "company": _l("Company"),
    "ngo": _l("NGO"),
    "media": _l("Media outlet"),
    "international": _l("International organization"),
    "city_bureau": _l("City government bureau"),
    "government": _l("Government body abroad"),
    "other": _l("Other"),
}

ORGANIZATION_LABELS = {
    "names": _l("Names"),
    "kind": _l("Kind"),
    "country": _l("Country"),
    "parent_id": _l("Parent organization"),
    "partner_id": _l("Partner city"),
    "website": _l("Website"),
    "email": _l("E-mail"),
    "phone": _l("Phone"),
    "address": _l("Address"),
    "notes": _l("Notes"),
    "tag_names": _l("Tags"),
}


@record_kind("organization")
class Organization(ArchivableMixin, AuditedMixin, TimestampMixin, VersionedMixin, db.Model):
    __tablename__ = "organization"

    id: Mapped[int] = mapped_column(primary_key=True)
    names: Mapped[LocalizedText] = mapped_column(LocalizedTextType, nullable=False)
    kind: Mapped[str] = mapped_column(String(20), nullable=False, default="other")
    country: Mapped[str | None] = mapped_column(String(2))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("organization.id", ondelete="SET NULL"))
    partner_id: Mapped[int | None] = mapped_column(ForeignKey("partner.id", ondelete="SET NULL"))
    website: Mapped[str | None] = mapped_column(String(500))
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(100))
    address: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)

    parent = relationship("Organization", remote_side=[id], lazy="joined", innerjoin=False, join_depth=1)
    partner = relationship("Partner", lazy="joined")
    tags = relationship("Tag", secondary=organization_tag, lazy="selectin", order_by="Tag.name")

    __table_args__ = (
        Index("ix_organization_country", "country"),
        Index("ix_organization_archived", "archived_at"),
        Index("ix_organization_kind", "kind"),
        Index("ix_organization_parent", "parent_id"),
        Index("ix_organization_partner", "partner_id"),
    )

    audit_fields = tuple(ORGANIZATION_LABELS)
    audit_labels = ORGANIZATION_LABELS

    @property
    def tag_names(self) -> list[str]:
        return [t.name for t in self.tags]

    def audit_label(self) -> str:
        return self.names.native or f"#{self.id}"

    def search_texts(self) -> list[str]:
        return [*self.names.values(), self.email or "", self.website or ""]
