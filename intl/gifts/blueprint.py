"""All gift URLs: gifts given and received with their ethics record (views/gifts.py), the gift store
(views/stock.py); the labels and helpers their templates (and the partner, contact and home pages) use. Who may
do what is decided in access.py: officers and administrators keep both, interns may look at the store,
leaders see neither.
"""

from __future__ import annotations

from flask import Blueprint, url_for
from flask_login import current_user

from ..core.access import can, may
from ..core.db import db
from ..core.i18n import current_locale_code
from ..core.models import RECORD_KINDS
from . import queries
from .cli import reassess_command
from .models import (
    DISPOSITIONS,
    GIFT_DIRECTIONS,
    MOVEMENT_REASONS,
    OCCASION_KINDS,
    REPORT_REASONS,
    Gift,
)
from .views import gifts, stock

bp = Blueprint("gifts", __name__, cli_group="gifts")
bp.cli.help = "Gifts and their ethics record."
bp.cli.add_command(reassess_command)

BOTH = ["GET", "POST"]

bp.add_url_rule("/gifts", "index", gifts.index)
bp.add_url_rule("/gifts/give", "give", gifts.give, methods=BOTH)
bp.add_url_rule("/gifts/receive", "receive", gifts.receive, methods=BOTH)
bp.add_url_rule("/gifts/<int:gift_id>", "detail", gifts.detail)
bp.add_url_rule("/gifts/<int:gift_id>/edit", "edit", gifts.edit, methods=BOTH)
bp.add_url_rule("/gifts/<int:gift_id>/ethics", "ethics", gifts.ethics, methods=BOTH)
bp.add_url_rule("/gifts/<int:gift_id>/photo", "photo", gifts.photo)
bp.add_url_rule("/gifts/<int:gift_id>/archive", "archive", gifts.archive, methods=["POST"])
bp.add_url_rule("/gifts/<int:gift_id>/restore", "restore", gifts.restore, methods=["POST"])
bp.add_url_rule("/partners/<int:partner_id>/gifts", "partner_history", gifts.partner_history)
bp.add_url_rule("/contacts/<int:contact_id>/gifts", "contact_history", gifts.contact_history)
bp.add_url_rule("/gifts/stock", "stock", stock.stock)
bp.add_url_rule("/gifts/stock/new", "create_stock_item", stock.create_stock_item, methods=BOTH)
bp.add_url_rule("/gifts/stock/<int:item_id>", "stock_item", stock.stock_item)
bp.add_url_rule("/gifts/stock/<int:item_id>/edit", "edit_stock_item", stock.edit_stock_item, methods=BOTH)
bp.add_url_rule("/gifts/stock/<int:item_id>/photo", "stock_photo", stock.stock_photo)
bp.add_url_rule("/gifts/stock/<int:item_id>/move", "move_stock", stock.move_stock, methods=["POST"])
bp.add_url_rule(
    "/gifts/stock/<int:item_id>/archive",
    "archive_stock_item",
    stock.archive_stock_item,
    methods=["POST"],
)

# The pages of the records a gift's occasion may be: (endpoint, argument).
OCCASION_PAGES = {
    "delegation": ("delegations.detail", "delegation_id"),
    "event": ("events.detail", "event_id"),
}


def occasion(gift: Gift) -> tuple[str, str | None]:
    """The occasion's name and address (if it has a page the reader reaches) for showing a gift."""
    note = gift.occasion_note or ""
    if not (gift.occasion_id and gift.occasion_kind in OCCASION_PAGES):
        return note, None
    model = RECORD_KINDS.get(gift.occasion_kind)
    record = db.session.get(model, gift.occasion_id) if model is not None else None
    if record is None:
        return f"#{gift.occasion_id}" + (f" — {note}" if note else ""), None
    title = getattr(record, "title", None)
    label = title.get_for(current_locale_code()) if hasattr(title, "get_for") else record.audit_label()
    endpoint, argument = OCCASION_PAGES[gift.occasion_kind]
    url = url_for(endpoint, **{argument: record.id}) if may(endpoint) else None
    return (f"{label} — {note}" if note else label), url


def gift_summary(kind: str, entity_id: int, limit: int = 5) -> dict:
    """For the 'Gifts' section of a partner's or contact's page: the latest gifts and how many in all."""
    if not can(current_user, Gift, "view"):
        return {"gifts": [], "count": 0}
    found = queries.history(**{f"{kind}_id": entity_id})
    return {"gifts": found[:limit], "count": len(found)}


@bp.record_once
def _template_globals(state) -> None:
    # Lazy strings: each page shows them in its reader's language (also on partner, contact and home pages).
    state.app.jinja_env.globals.update(
        GIFT_DIRECTIONS=GIFT_DIRECTIONS,
        GIFT_OCCASION_KINDS=OCCASION_KINDS,
        GIFT_DISPOSITIONS=DISPOSITIONS,
        GIFT_REPORT_REASONS=REPORT_REASONS,
        STOCK_MOVEMENT_REASONS=MOVEMENT_REASONS,
        gift_summary=gift_summary,
        gift_occasion=occasion,
    )
