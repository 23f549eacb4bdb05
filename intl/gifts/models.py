"""Gifts given and received, with the ethics record public servants owe; the gift store (stock) and its
movements."""

from __future__ import annotations

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..core.db import db
from ..core.localized import LocalizedText, LocalizedTextType
from ..core.models import ArchivableMixin, AuditedMixin, TimestampMixin, VersionedMixin, record_kind
from ..core.time import UTCDateTime, now_utc
from . import ethics

GIFT_DIRECTIONS = {"given": _l("Given by the city"), "received": _l("Received")}
OCCASION_KINDS = {
    "delegation": _l("Delegation"),
    "event": _l("Event"),
    "visit": _l("Visit or courtesy call"),
    "other": _l("Other occasion"),
}
DISPOSITIONS = {
    "paid_for": _l("Paid for by the receiver"),
    "handed_over": _l("Handed over to the city"),
    "donated": _l("Donated"),
    "returned": _l("Returned to the giver"),
    "city_property": _l("Kept as city property"),
    "displayed": _l("Displayed"),
}
REPORT_REASONS = {
    ethics.INTEREST: _l(
        "The giver has an interest in the receiver's duties: refuse or return the gift, report it to the "
        "supervisor and notify the ethics unit."
    ),
    ethics.OVER_GIFT_LIMIT: _l("Worth more than normal social custom allows: report it to the supervisor."),
    ethics.OVER_YEARLY_LIMIT: _l(
        "Gifts from this giver this year exceed the yearly limit: report it to the supervisor."
    ),
    ethics.OFFICIAL_COURTESY: _l("Official courtesy: no report needed."),
    ethics.MINOR_VALUE: _l("Of minor value: no report needed."),
    ethics.WITHIN_CUSTOM: _l("Within normal social custom: no report needed."),
    ethics.NOT_RECEIVED: _l("Given by the city: the ethics rules do not apply."),
}
GIFT_LABELS = {
    "plan_item_id": _l("Plan item"),
    "direction": _l("Direction"),
    "exchanged_on": _l("Date"),
    "occasion_kind": _l("Occasion"),
    "occasion_id": _l("Occasion record"),
    "occasion_note": _l("About the occasion"),
    "leader_id": _l("Leader"),
    "user_id": _l("Officer"),
    "contact_id": _l("Contact"),
    "partner_id": _l("Partner"),
    "organization_id": _l("Organization"),
    "description": _l("Description"),
    "estimated_value": _l("Estimated value (NT$)"),
    "quantity": _l("Quantity"),
    "stock_item_id": _l("From the gift store"),
    "giver_has_interest": _l("The giver has an interest in the receiver's duties"),
    "official_courtesy": _l("Official courtesy"),
    "to_many_staff": _l("Given to many staff together"),
    "needs_report": _l("Report needed"),
    "report_due_on": _l("Report due"),
    "reported_to_supervisor_on": _l("Reported to the supervisor on"),
    "ethics_unit_notified_on": _l("Ethics unit notified on"),
    "disposition": _l("Disposition"),
    "disposition_note": _l("Disposition note"),
}


@record_kind("gift")
class Gift(ArchivableMixin, AuditedMixin, TimestampMixin, VersionedMixin, db.Model):
    """A gift the city gave or one of its people received.

    Our side is a leader and/or an officer (neither: the city as a whole); their side is a contact and/or a
    partner and/or an organization, so that a gift to Yokohama's mayor shows in the history of both.
    """

    __tablename__ = "gift"

    id: Mapped[int] = mapped_column(primary_key=True)
    direction: Mapped[str] = mapped_column(String(10), nullable=False)
    exchanged_on: Mapped[date] = mapped_column(Date, nullable=False)
    occasion_kind: Mapped[str] = mapped_column(String(20), nullable=False, default="other")
    # The delegation's id, or the id of an event (generic: the kind says which table).
    occasion_id: Mapped[int | None] = mapped_column(Integer)
    occasion_note: Mapped[str | None] = mapped_column(String(300))
    leader_id: Mapped[int | None] = mapped_column(ForeignKey("leader.id", ondelete="SET NULL"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contact.id", ondelete="SET NULL"))
    partner_id: Mapped[int | None] = mapped_column(ForeignKey("partner.id", ondelete="SET NULL"))
    organization_id: Mapped[int | None] = mapped_column(ForeignKey("organization.id", ondelete="SET NULL"))
    description: Mapped[str] = mapped_column(Text, nullable=False)
    photo_id: Mapped[int | None] = mapped_column(ForeignKey("stored_file.id", ondelete="SET NULL"))
    estimated_value: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    quantity: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    stock_item_id: Mapped[int | None] = mapped_column(ForeignKey("stock_item.id", ondelete="SET NULL"))
    # The ethics record, for gifts received.
    giver_has_interest: Mapped[bool | None] = mapped_column(Boolean)
    official_courtesy: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    to_many_staff: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    # The rules' verdict (intl/gifts/ethics.py), kept up to date by the services.
    needs_report: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    report_reason: Mapped[str | None] = mapped_column(String(30))
    report_due_on: Mapped[date | None] = mapped_column(Date)
    reported_to_supervisor_on: Mapped[date | None] = mapped_column(Date)
    ethics_unit_notified_on: Mapped[date | None] = mapped_column(Date)
    disposition: Mapped[str | None] = mapped_column(String(20))
    disposition_note: Mapped[str | None] = mapped_column(Text)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    # The plan item (intl/plan) this counts towards, for the budget and the year's report.
    plan_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("plan_item.id", ondelete="SET NULL"), index=True
    )

    leader = relationship("Leader", lazy="joined")
    user = relationship("User", lazy="joined", foreign_keys=[user_id])
    recorded_by = relationship("User", lazy="joined", foreign_keys=[recorded_by_id])
    contact = relationship("Contact", lazy="joined")
    partner = relationship("Partner", lazy="joined")
    organization = relationship("Organization", lazy="joined")
    photo = relationship("StoredFile", lazy="joined")
    stock_item = relationship("StockItem", lazy="joined")

    __table_args__ = (
        CheckConstraint("direction IN ('given', 'received')", name="direction"),
        CheckConstraint("estimated_value >= 0", name="value_not_negative"),
        CheckConstraint("quantity >= 1", name="quantity_positive"),
        Index("ix_gift_exchanged_on", "exchanged_on"),
        Index("ix_gift_contact", "contact_id", "exchanged_on"),
        Index("ix_gift_partner", "partner_id", "exchanged_on"),
        Index("ix_gift_organization", "organization_id"),
        Index("ix_gift_stock_item", "stock_item_id"),
        Index("ix_gift_report", "needs_report", "report_due_on"),
    )

    audit_fields = tuple(GIFT_LABELS)
    audit_labels = GIFT_LABELS

    def audit_label(self) -> str:
        return f"{self.exchanged_on.isoformat()} {self.description}"[:120]

    @property
    def received(self) -> bool:
        return self.direction == "received"

    def our_side(self, locale: str) -> list[str]:
        """The city's people in the gift: a leader, an officer; empty means the city as a whole."""
        names = [self.leader.names.get_for(locale)] if self.leader else []
        return names + ([self.user.display_name] if self.user else [])

    def their_side(self, locale: str) -> list[str]:
        names = [self.contact.display_name(locale)] if self.contact else []
        names += [self.partner.names.get_for(locale)] if self.partner else []
        return names + ([self.organization.names.get_for(locale)] if self.organization else [])

    def report_complete(self) -> bool:
        return ethics.report_complete(self)

    def is_overdue(self, today: date) -> bool:
        return ethics.overdue(self, today)

    @property
    def must_refuse(self) -> bool:
        return self.report_reason == ethics.INTEREST

    @property
    def awaiting_disposition(self) -> bool:
        return self.received and self.needs_report and not self.disposition


STOCK_LABELS = {
    "name": _l("Name"),
    "description": _l("Description"),
    "unit_value": _l("Value of one piece (NT$)"),
    "quantity": _l("In stock"),
    "notes": _l("Notes"),
}


@record_kind("stock_item")
class StockItem(ArchivableMixin, AuditedMixin, TimestampMixin, VersionedMixin, db.Model):
    """A kind of gift the office keeps in its store to give (a port model, a tea set)."""

    __tablename__ = "stock_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[LocalizedText] = mapped_column(LocalizedTextType, nullable=False)
    description: Mapped[str | None] = mapped_column(Text)
    unit_value: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    # Changed only through stock movements (a conditional UPDATE), never by the edit form.
    quantity: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    photo_id: Mapped[int | None] = mapped_column(ForeignKey("stored_file.id", ondelete="SET NULL"))
    notes: Mapped[str | None] = mapped_column(Text)

    photo = relationship("StoredFile", lazy="joined")

    __table_args__ = (
        CheckConstraint("quantity >= 0", name="quantity_not_negative"),
        CheckConstraint("unit_value >= 0", name="unit_value_not_negative"),
    )

    audit_fields = ("name", "description", "unit_value", "notes")
    audit_labels = STOCK_LABELS

    def audit_label(self) -> str:
        return self.name.native or f"#{self.id}"


MOVEMENT_REASONS = {
    "purchase": _l("Added to the store"),
    "count": _l("Stock count correction"),
    "gift": _l("Given as a gift"),
    "gift_changed": _l("Gift record corrected"),
    "gift_withdrawn": _l("Gift record withdrawn"),
}


class StockMovement(db.Model):
    """One change of a stock item's quantity: the store's ledger."""

    __tablename__ = "stock_movement"

    id: Mapped[int] = mapped_column(primary_key=True)
    stock_item_id: Mapped[int] = mapped_column(
        ForeignKey("stock_item.id", ondelete="CASCADE"), nullable=False
    )
    change: Mapped[int] = mapped_column(Integer, nullable=False)
    quantity_after: Mapped[int] = mapped_column(Integer, nullable=False)
    reason: Mapped[str] = mapped_column(String(20), nullable=False)
    gift_id: Mapped[int | None] = mapped_column(ForeignKey("gift.id", ondelete="SET NULL"))
    note: Mapped[str | None] = mapped_column(String(500))
    at_dt: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=now_utc)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))

    user = relationship("User", lazy="joined")
    gift = relationship("Gift", lazy="joined")

    __table_args__ = (
        CheckConstraint("change <> 0", name="change_not_zero"),
        Index("ix_stock_movement_item", "stock_item_id", "id"),
        Index("ix_stock_movement_gift", "gift_id"),
    )
