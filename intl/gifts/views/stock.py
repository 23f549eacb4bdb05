"""The gift store: what is in stock to give, its items, and their movements in and out."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from ...core.access import STAFF, allow, load_or_404
from ...core.conflicts import EditConflict
from ...core.db import db
from ...core.files import UploadRejected, send_stored
from ...core.forms import error_text
from .. import queries, services
from ..access import STORE_READERS
from ..forms import NewStockItemForm, StockItemForm, StockMoveForm
from ..models import StockItem


@allow(STORE_READERS)
def stock():
    return render_template("gifts/stock.html", items=queries.stock_items())


@allow(STORE_READERS)
def stock_item(item_id: int):
    item = load_or_404(StockItem, item_id)
    return render_template(
        "gifts/stock_item.html",
        item=item,
        movements=queries.stock_movements(item),
        move_form=StockMoveForm(formdata=None),
    )


def _item_fields(form: StockItemForm) -> dict:
    return {
        "name": form.name.localized,
        "description": (form.description.data or "").strip() or None,
        "unit_value": form.unit_value.data,
        "notes": (form.notes.data or "").strip() or None,
    }


def _upload(form) -> object | None:
    return form.photo.data if getattr(form.photo.data, "filename", "") else None


@allow(STAFF)
def create_stock_item():
    form = NewStockItemForm()
    if form.validate_on_submit():
        try:
            item = services.create_stock_item(
                quantity=form.quantity.data, photo=_upload(form), **_item_fields(form)
            )
        except UploadRejected as error:
            db.session.rollback()
            form.photo.errors = [str(error)]
        else:
            db.session.commit()
            flash(_("The gift is in the store."), "success")
            return redirect(url_for("gifts.stock_item", item_id=item.id))
    return render_template("gifts/stock_form.html", form=form, item=None, conflict=None)


@allow(STAFF)
def edit_stock_item(item_id: int):
    item = load_or_404(StockItem, item_id, need="edit")
    form = StockItemForm(obj=item, data={"name": item.name})
    conflict = None
    if form.validate_on_submit():
        try:
            services.update_stock_item(item, form.version.data, photo=_upload(form), **_item_fields(form))
        except EditConflict as error:
            conflict = error.conflict
            form.version.data = item.version
        except UploadRejected as error:
            db.session.rollback()
            form.photo.errors = [str(error)]
        else:
            db.session.commit()
            flash(_("The gift is saved."), "success")
            return redirect(url_for("gifts.stock_item", item_id=item.id))
    return render_template("gifts/stock_form.html", form=form, item=item, conflict=conflict)


@allow(STAFF)
def move_stock(item_id: int):
    item = load_or_404(StockItem, item_id, need="edit")
    form = StockMoveForm()
    if form.validate_on_submit():
        try:
            services.move_stock(item, form.change.data, form.reason.data, note=form.note.data or None)
        except services.StockError as error:
            db.session.rollback()
            flash(str(error), "danger")
        else:
            db.session.commit()
            flash(_("The store now holds %(n)s.", n=item.quantity), "success")
    else:
        flash(error_text(form), "danger")
    return redirect(url_for("gifts.stock_item", item_id=item.id))


@allow(STORE_READERS)
def stock_photo(item_id: int):
    item = load_or_404(StockItem, item_id)
    if item.photo is None:
        abort(404)
    return send_stored(item.photo, inline=True)


@allow(STAFF)
def archive_stock_item(item_id: int):
    item = load_or_404(StockItem, item_id, need="archive")
    if item.archived_at is None:
        services.archive_stock_item(item)
        db.session.commit()
        flash(_("The gift is no longer offered from the store. An administrator can restore it."), "success")
    return redirect(url_for("gifts.stock"))
