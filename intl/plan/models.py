"""The year's plan (施政計畫): plan years, their items in the plan's own hierarchy (壹 / 一 / 1.), the targets
officers set per item, and expenses that no activity record carries.

Budgets are in thousands of NT$ as the plan writes them (預算 單位：千元); costs of activities and expenses
are in NT$. An item with no budget of its own is funded by its parent's line; a parent's budget is its own
figure, or the sum of its children's when it has none.
"""

from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..core.db import db
from ..core.i18n import ROC_OFFSET
from ..core.localized import LocalizedText, LocalizedTextType
from ..core.models import AuditedMixin, TimestampMixin, VersionedMixin, record_kind

PLAN_YEAR_LABELS = {
    "year": _l("Year"),
    "title": _l("Title"),
    "notes": _l("Notes"),
}


@record_kind("plan_year")
class PlanYear(AuditedMixin, TimestampMixin, VersionedMixin, db.Model):
    __tablename__ = "plan_year"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer, nullable=False, unique=True)  # Gregorian; shown as ROC
    title: Mapped[LocalizedText] = mapped_column(LocalizedTextType, nullable=False)
    notes: Mapped[str | None] = mapped_column(Text)
    copied_from_id: Mapped[int | None] = mapped_column(ForeignKey("plan_year.id", ondelete="SET NULL"))

    items = relationship(
        "PlanItem",
        back_populates="plan_year",
        cascade="all, delete-orphan",
        order_by="(PlanItem.level, PlanItem.position, PlanItem.id)",
    )

    __table_args__ = (CheckConstraint("year >= 1912 AND year <= 2200", name="year_range"),)

    audit_fields = tuple(PLAN_YEAR_LABELS)
    audit_labels = PLAN_YEAR_LABELS

    @property
    def roc_year(self) -> int:
        return self.year - ROC_OFFSET

    @property
    def start(self) -> date:
        return date(self.year, 1, 1)

    @property
    def end(self) -> date:
        return date(self.year, 12, 31)

    def audit_label(self) -> str:
        return f"{self.roc_year} ({self.year})"


def numbered(number: str, name: str) -> str:
    """An item's number and name as the plan writes them: 肆、國際事務 · 1.推動... · (一)行政業務."""
    if not number:
        return name
    if number[-1] in ")）.、":
        return f"{number}{name}"
    return f"{number}.{name}" if number.isascii() else f"{number}、{name}"


PLAN_ITEM_LABELS = {
    "number": _l("Number"),
    "parent_id": _l("Part of"),
    "position": _l("Order"),
    "name": _l("Name"),
    "goal": _l("Goal"),
    "implementation": _l("Implementation points"),
    "budget_thousand": _l("Budget (thousand NT$)"),
    "responsible_id": _l("Responsible officer"),
    "notes": _l("Notes"),
}


@record_kind("plan_item")
class PlanItem(AuditedMixin, TimestampMixin, VersionedMixin, db.Model):
    """A line of the plan: a section (肆、國際事務), a working item (1.推動姊妹市...), or a finer point."""

    __tablename__ = "plan_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_year_id: Mapped[int] = mapped_column(ForeignKey("plan_year.id", ondelete="CASCADE"), nullable=False)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("plan_item.id", ondelete="CASCADE"))
    number: Mapped[str] = mapped_column(
        String(20), nullable=False
    )  # 肆, 一, 1, (一) ... as the plan writes it
    level: Mapped[int] = mapped_column(
        Integer, nullable=False, default=1
    )  # 1 for a top line, +1 per step down
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)  # order among its siblings
    name: Mapped[LocalizedText] = mapped_column(LocalizedTextType, nullable=False)
    goal: Mapped[LocalizedText] = mapped_column(LocalizedTextType, nullable=False, default=LocalizedText)
    implementation: Mapped[LocalizedText] = mapped_column(
        LocalizedTextType, nullable=False, default=LocalizedText
    )
    budget_thousand: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str | None] = mapped_column(Text)
    responsible_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    copied_from_id: Mapped[int | None] = mapped_column(ForeignKey("plan_item.id", ondelete="SET NULL"))

    plan_year = relationship("PlanYear", back_populates="items")
    responsible = relationship("User", lazy="joined", foreign_keys=[responsible_id])
    targets = relationship(
        "PlanTarget", back_populates="item", cascade="all, delete-orphan", order_by="PlanTarget.id"
    )

    __table_args__ = (
        Index("ix_plan_item_year", "plan_year_id", "level", "position"),
        Index("ix_plan_item_parent", "parent_id"),
        Index("ix_plan_item_responsible", "responsible_id"),
        CheckConstraint("budget_thousand IS NULL OR budget_thousand >= 0", name="budget_positive"),
        CheckConstraint("level >= 1 AND level <= 6", name="level_range"),
    )

    audit_fields = tuple(PLAN_ITEM_LABELS)
    audit_labels = PLAN_ITEM_LABELS

    def audit_label(self) -> str:
        return f"{self.number} {self.name.native or ''}".strip()

    def label(self, locale: str) -> str:
        return numbered(self.number, self.name.get_for(locale))


# The figures a target can be set on. What each counts is defined in intl/plan/metrics.py.
PERIODS = {"year": _l("Whole year"), "Q1": _l("Q1"), "Q2": _l("Q2"), "Q3": _l("Q3"), "Q4": _l("Q4")}

TARGET_LABELS = {"metric": _l("Figure"), "period": _l("Period"), "value": _l("Target"), "note": _l("Note")}


@record_kind("plan_target")
class PlanTarget(AuditedMixin, TimestampMixin, VersionedMixin, db.Model):
    __tablename__ = "plan_target"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("plan_item.id", ondelete="CASCADE"), nullable=False)
    metric: Mapped[str] = mapped_column(String(40), nullable=False)
    period: Mapped[str] = mapped_column(String(4), nullable=False, default="year")
    value: Mapped[int] = mapped_column(Integer, nullable=False)
    note: Mapped[str | None] = mapped_column(String(500))

    item = relationship("PlanItem", back_populates="targets")

    __table_args__ = (
        UniqueConstraint("item_id", "metric", "period"),
        CheckConstraint("value >= 0", name="value_positive"),
    )

    audit_fields = tuple(TARGET_LABELS)
    audit_labels = TARGET_LABELS

    def audit_label(self) -> str:
        return f"{self.metric} {self.period}"


EXPENSE_LABELS = {
    "item_id": _l("Plan item"),
    "spent_on": _l("Date"),
    "payee": _l("Payee"),
    "amount": _l("Amount (NT$)"),
    "note": _l("Note"),
    "receipt_id": _l("Receipt"),
}


@record_kind("expense")
class Expense(AuditedMixin, TimestampMixin, VersionedMixin, db.Model):
    """Money spent on a plan item that no activity record carries: printing, a venue, a translation."""

    __tablename__ = "plan_expense"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("plan_item.id", ondelete="CASCADE"), nullable=False)
    spent_on: Mapped[date] = mapped_column(Date, nullable=False)
    payee: Mapped[str] = mapped_column(String(300), nullable=False)
    amount: Mapped[int] = mapped_column(Integer, nullable=False)
    note: Mapped[str | None] = mapped_column(Text)
    receipt_id: Mapped[int | None] = mapped_column(ForeignKey("stored_file.id", ondelete="SET NULL"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))

    item = relationship("PlanItem", lazy="joined")
    receipt = relationship("StoredFile", lazy="joined")

    __table_args__ = (
        Index("ix_plan_expense_item", "item_id", "spent_on"),
        Index("ix_plan_expense_spent_on", "spent_on"),
        CheckConstraint("amount >= 0", name="amount_positive"),
    )

    audit_fields = tuple(EXPENSE_LABELS)
    audit_labels = EXPENSE_LABELS

    def audit_label(self) -> str:
        return f"{self.spent_on.isoformat()} {self.payee} NT${self.amount:,}"
