"""All gift URLs: gifts given and received with their ethics record (gift_views), the gift store
(stock_views). Officers and administrators manage both; interns may look at the store; leaders see neither.

| URL                                   | endpoint                  | roles            |
| ------------------------------------- | ------------------------- | ---------------- |
| /gifts                                | gifts.index               | admin, officer   |
| /gifts/give, /gifts/receive           | gifts.give, gifts.receive | admin, officer   |
| /gifts/<id>                           | gifts.detail              | admin, officer   |
| /gifts/<id>/edit, /ethics, /photo     | gifts.edit, .ethics, .photo | admin, officer |
| /gifts/<id>/archive (POST)            | gifts.archive             | admin, officer   |
| /gifts/<id>/restore (POST)            | gifts.restore             | admin            |
| /partners/<id>/gifts                  | gifts.partner_history     | admin, officer   |
| /contacts/<id>/gifts                  | gifts.contact_history     | admin, officer   |
| /gifts/stock, /gifts/stock/<id>       | gifts.stock, .stock_item  | admin, officer, intern |
| /gifts/stock/<id>/photo               | gifts.stock_photo         | admin, officer, intern |
| /gifts/stock/new, /<id>/edit          | gifts.create_stock_item, .edit_stock_item | admin, officer |
| /gifts/stock/<id>/move, /archive (POST) | gifts.move_stock, .archive_stock_item | admin, officer |
"""

from __future__ import annotations

from flask import Blueprint, abort, url_for
from flask_login import current_user
from werkzeug.routing import BuildError

from ..core.db import db
from ..core.models import RECORD_KINDS
from .models import (
    DISPOSITIONS,
    GIFT_DIRECTIONS,
    MOVEMENT_REASONS,
    OCCASION_KINDS,
    REPORT_REASONS,
    Gift,
    StockItem,
)

bp = Blueprint("gifts", __name__)

STORE_VIEWERS = ("admin", "officer", "intern")


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


def get_gift_or_404(gift_id: int, need: str = "view") -> Gift:
    gift = db.session.get(Gift, gift_id)
    if gift is None or (gift.archived_at is not None and not current_user.is_admin):
        abort(404)
    if not (gift.can_edit(current_user) if need == "edit" else gift.can_view(current_user)):
        abort(403)
    return gift


def get_stock_item_or_404(item_id: int, need: str = "view") -> StockItem:
    item = db.session.get(StockItem, item_id)
    if item is None or (item.archived_at is not None and not current_user.is_admin):
        abort(404)
    if not (item.can_edit(current_user) if need == "edit" else item.can_view(current_user)):
        abort(403)
    return item


def occasion(gift: Gift) -> tuple[str, str | None]:
    """The occasion's name and address (if it has a page) for showing a gift."""
    from ..core.i18n import current_locale_code

    note = gift.occasion_note or ""
    if gift.occasion_id and gift.occasion_kind in ("delegation", "event"):
        model = RECORD_KINDS.get(gift.occasion_kind)
        record = db.session.get(model, gift.occasion_id) if model is not None else None
        if record is not None:
            title = getattr(record, "title", None)
            label = (
                title.get_for(current_locale_code()) if hasattr(title, "get_for") else record.audit_label()
            )
            endpoint, arg = {
                "delegation": ("delegations.detail", "delegation_id"),
                "event": ("events.detail", "event_id"),
            }[gift.occasion_kind]
            try:
                url = url_for(endpoint, **{arg: record.id})
            except BuildError:
                url = None
            return (f"{label} — {note}" if note else label), url
        return f"#{gift.occasion_id}" + (f" — {note}" if note else ""), None
    return note, None


def gift_summary(kind: str, entity_id: int, limit: int = 5) -> dict:
    """For the 'Gifts' section of a partner's or contact's page: the latest gifts and how many in all."""
    from .queries import history

    if not (current_user.is_authenticated and current_user.is_staff):
        return {"gifts": [], "count": 0}
    gifts = history(**{f"{kind}_id": entity_id})
    return {"gifts": gifts[:limit], "count": len(gifts)}


from . import gift_views, stock_views  # noqa: E402, F401  (register the routes)
