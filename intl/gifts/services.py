"""Operations on gifts and the gift store: record, correct, withdraw; stock in and out; the ethics verdict
kept in step with every change. Changes made on a page take the version the user saw (`expected_version`)
and raise EditConflict when the record moved on meanwhile."""

from __future__ import annotations

from datetime import date

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import and_, select, update
from sqlalchemy.orm.attributes import set_committed_value

from ..core import audit
from ..core.archive import archive, restore
from ..core.audit import acting_user_id
from ..core.conflicts import check_version
from ..core.db import db
from ..core.files import IMAGE_TYPES, store_upload
from ..core.i18n import current_locale_code
from . import ethics
from .models import REPORT_REASONS, Gift, StockItem, StockMovement
from .queries import given_before


class StockError(ValueError):
    """The store cannot give what was asked; the message says why, in the user's language."""


class AlreadyGiven(ValueError):
    """The store's gift was already given to this contact or partner (`earlier`, newest first): refused unless
    the officer asks to give it again all the same."""

    def __init__(self, earlier: list[Gift]):
        super().__init__("already given")
        self.earlier = earlier


def thresholds() -> ethics.Thresholds:
    return ethics.Thresholds.from_config(current_app.config)


def ethics_reason_text(reason: str | None) -> str:
    """What the rules say about a gift, in the reader's language."""
    return str(REPORT_REASONS[reason]) if reason in REPORT_REASONS else ""


# ---- the ethics verdict -------------------------------------------------------------------------------


def _same_giver_and_receiver(gift: Gift):
    """Received gifts, not archived, from the same giver to the same receiver in the gift's calendar year.

    The giver is the most specific party recorded: the person, else the organization, else the partner.
    """
    year = gift.exchanged_on.year
    conditions = [
        Gift.direction == "received",
        Gift.archived_at.is_(None),
        Gift.exchanged_on >= date(year, 1, 1),
        Gift.exchanged_on <= date(year, 12, 31),
        Gift.leader_id.is_(None) if gift.leader_id is None else Gift.leader_id == gift.leader_id,
        Gift.user_id.is_(None) if gift.user_id is None else Gift.user_id == gift.user_id,
    ]
    if gift.contact_id is not None:
        conditions.append(Gift.contact_id == gift.contact_id)
    elif gift.organization_id is not None:
        conditions += [Gift.contact_id.is_(None), Gift.organization_id == gift.organization_id]
    elif gift.partner_id is not None:
        conditions += [
            Gift.contact_id.is_(None),
            Gift.organization_id.is_(None),
            Gift.partner_id == gift.partner_id,
        ]
    else:
        return [gift] if gift.archived_at is None else []
    return list(db.session.scalars(select(Gift).where(and_(*conditions))))


def _apply_assessment(gift: Gift, assessment: ethics.Assessment | None) -> None:
    needs = bool(assessment and assessment.needs_report)
    reason = assessment.reason if assessment and gift.received else None
    due = assessment.due_on if assessment else None
    if (gift.needs_report, gift.report_reason, gift.report_due_on) != (needs, reason, due):
        gift.needs_report, gift.report_reason, gift.report_due_on = needs, reason, due


def reassess(gift: Gift) -> None:
    """Apply the rules to the gift and to the others of its giver, receiver and year (whose running totals
    the gift may change). Changes to the other gifts are audited as theirs."""
    db.session.flush()
    rules = thresholds()
    if not gift.received:
        _apply_assessment(gift, None)
        return
    group = _same_giver_and_receiver(gift)
    totals = ethics.cumulative_totals(group)
    for other in group:
        before = other.audit_state() if other is not gift else None
        _apply_assessment(other, ethics.assess(other, totals[other.id], rules))
        if before is not None:
            audit.record_update(other, before)
    if gift.archived_at is not None or gift not in group:
        _apply_assessment(gift, ethics.assess(gift, totals.get(gift.id, gift.estimated_value), rules))


def reassess_all() -> int:
    """Apply the rules to every received gift again (after the thresholds in the settings change)."""
    count = 0
    seen: set[int] = set()
    for gift in db.session.scalars(
        select(Gift).where(Gift.direction == "received").order_by(Gift.exchanged_on, Gift.id)
    ):
        if gift.id in seen:
            continue
        reassess(gift)
        seen.update(g.id for g in _same_giver_and_receiver(gift))
        seen.add(gift.id)
        count += 1
    db.session.flush()
    return count


# ---- the gift store -----------------------------------------------------------------------------------


def move_stock(
    item: StockItem, change: int, reason: str, gift: Gift | None = None, note: str | None = None
) -> StockMovement:
    """Add (change > 0) or take (change < 0) pieces. Taking more than the store holds is refused, also when
    two officers give the last piece at the same moment: the check and the change are one UPDATE."""
    if change == 0:
        raise StockError(_("Enter a number of pieces other than zero."))
    stmt = update(StockItem).where(StockItem.id == item.id)
    if change < 0:
        stmt = stmt.where(StockItem.quantity >= -change)
    stmt = stmt.values(quantity=StockItem.quantity + change).returning(StockItem.quantity)
    db.session.flush()
    after = db.session.execute(stmt, execution_options={"synchronize_session": False}).scalar()
    if after is None:
        db.session.refresh(item, ["quantity"])
        raise StockError(
            _(
                "Only %(left)s left in the store of “%(name)s”; %(wanted)s cannot be given.",
                left=item.quantity,
                name=item.name.get_for(current_locale_code()),
                wanted=-change,
            )
        )
    set_committed_value(item, "quantity", after)
    movement = StockMovement(
        stock_item_id=item.id,
        change=change,
        quantity_after=after,
        reason=reason,
        gift_id=gift.id if gift is not None else None,
        note=note,
        user_id=acting_user_id(),
    )
    db.session.add(movement)
    db.session.flush()
    audit.record("update", item, {"quantity": [after - change, after]})
    return movement


def create_stock_item(name, quantity: int = 0, photo=None, note: str | None = None, **fields) -> StockItem:
    item = StockItem(name=name, quantity=0, **fields)
    db.session.add(item)
    db.session.flush()
    audit.record_create(item)
    if quantity:
        move_stock(item, quantity, "purchase", note=note)
    if photo is not None:
        set_photo(item, photo)
    return item


def update_stock_item(item: StockItem, expected_version: int | None = None, photo=None, **fields) -> None:
    check_version(item, expected_version, fields)
    before = item.audit_state()
    for name, value in fields.items():
        setattr(item, name, value)
    db.session.flush()
    audit.record_update(item, before)
    if photo is not None:
        set_photo(item, photo)


def set_photo(record: Gift | StockItem, upload) -> None:
    stored = store_upload(upload, IMAGE_TYPES, user_id=acting_user_id())
    db.session.flush()
    old = record.photo.original_name if record.photo else None
    record.photo_id = stored.id
    record.photo = stored
    db.session.flush()
    audit.record("update", record, {"photo": [old, stored.original_name]})


# ---- gifts --------------------------------------------------------------------------------------------


def _defaults_from_stock(fields: dict) -> None:
    """A gift from the store needs no value or description of its own: the store's stand in."""
    item = db.session.get(StockItem, fields["stock_item_id"]) if fields.get("stock_item_id") else None
    if fields.get("estimated_value") is None:
        fields["estimated_value"] = item.unit_value * (fields.get("quantity") or 1) if item else 0
    if not fields.get("description") and item is not None:
        fields["description"] = " / ".join(dict.fromkeys(item.name.values()))


def _check_repeat(gift: Gift | None, direction: str, fields: dict, give_again: bool) -> None:
    """A gift from the store already given to the same contact or partner is refused (AlreadyGiven) unless
    `give_again`; correcting a gift that keeps its store item is not a repeat."""
    stock_item_id = fields.get("stock_item_id")
    if give_again or direction != "given" or not stock_item_id:
        return
    if gift is not None and gift.stock_item_id == stock_item_id:
        return
    earlier = given_before(
        stock_item_id, fields.get("contact_id"), fields.get("partner_id"), gift.id if gift else None
    )
    if earlier:
        raise AlreadyGiven(earlier)


def create_gift(direction: str, photo=None, give_again: bool = True, **fields) -> Gift:
    """Record a gift; one given from the store takes its pieces out of stock (StockError when short)."""
    if direction != "given":
        fields["stock_item_id"] = None
    _check_repeat(None, direction, fields, give_again)
    _defaults_from_stock(fields)
    fields.setdefault("recorded_by_id", acting_user_id())
    gift = Gift(direction=direction, **fields)
    db.session.add(gift)
    db.session.flush()
    if gift.stock_item_id:
        move_stock(db.session.get(StockItem, gift.stock_item_id), -gift.quantity, "gift", gift=gift)
    reassess(gift)
    audit.record_create(gift)
    if photo is not None:
        set_photo(gift, photo)
    return gift


def update_gift(
    gift: Gift, expected_version: int | None = None, photo=None, give_again: bool = True, **fields
) -> None:
    """Change a gift; a change of stock item or quantity puts the old pieces back and takes the new. An empty
    value means "the store's value" and does not count as a change of its own."""
    if gift.direction != "given":
        fields["stock_item_id"] = None
    check_version(
        gift,
        expected_version,
        {name: value for name, value in fields.items() if value is not None or name != "estimated_value"},
    )
    _check_repeat(gift, gift.direction, fields, give_again)
    before = gift.audit_state()
    _defaults_from_stock(fields)
    old_stock = (gift.stock_item_id, gift.quantity)
    old_group = _same_giver_and_receiver(gift) if gift.received else []
    for name, value in fields.items():
        setattr(gift, name, value)
    db.session.flush()
    new_stock = (gift.stock_item_id, gift.quantity)
    if old_stock != new_stock:
        if old_stock[0]:
            move_stock(db.session.get(StockItem, old_stock[0]), old_stock[1], "gift_changed", gift=gift)
        if new_stock[0]:
            move_stock(db.session.get(StockItem, new_stock[0]), -new_stock[1], "gift_changed", gift=gift)
    reassess(gift)
    _reassess_others(old_group, gift)
    audit.record_update(gift, before)
    if photo is not None:
        set_photo(gift, photo)


def _reassess_others(group: list[Gift], changed: Gift) -> None:
    """The gift left its old group (other giver, receiver or year): the old group's totals change."""
    for other in group:
        if other is not changed and other.archived_at is None:
            reassess(other)
            break


def update_ethics_record(gift: Gift, expected_version: int | None = None, **fields) -> None:
    check_version(gift, expected_version, fields)
    before = gift.audit_state()
    for name, value in fields.items():
        setattr(gift, name, value)
    db.session.flush()
    audit.record_update(gift, before)


def withdraw_gift(gift: Gift) -> None:
    """Archive a gift record; pieces it took from the store go back."""
    group = _same_giver_and_receiver(gift) if gift.received else []
    archive(gift)
    if gift.stock_item_id:
        move_stock(db.session.get(StockItem, gift.stock_item_id), gift.quantity, "gift_withdrawn", gift=gift)
    _reassess_others(group, gift)


def archive_stock_item(item: StockItem) -> None:
    """The store no longer offers this gift (an administrator can restore it)."""
    if item.archived_at is None:
        archive(item)


def restore_gift(gift: Gift) -> None:
    """Bring an archived gift back; it takes its pieces from the store again (StockError when short)."""
    restore(gift)
    if gift.stock_item_id:
        move_stock(db.session.get(StockItem, gift.stock_item_id), -gift.quantity, "gift", gift=gift)
    reassess(gift)
