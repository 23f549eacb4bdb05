"""The gift store: what is in stock to give, its items, and their movements in and out."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from ..core.archive import archive
from ..core.conflicts import detect_conflict, set_fields
from ..core.db import db
from ..core.files import UploadRejected, send_stored
from ..core.forms import error_text
from ..core.permissions import STAFF, roles_required
from . import services
from .blueprint import STORE_VIEWERS, bp, get_stock_item_or_404
from .forms import NewStockItemForm, StockItemForm, StockMoveForm
from .models import STOCK_LABELS, StockItem


@bp.route("/gifts/stock")
@roles_required(*STORE_VIEWERS)
def stock():
    items = db.session.scalars(
        select(StockItem).where(StockItem.archived_at.is_(None)).order_by(StockItem.id)
    ).all()
    return render_template("gifts/stock.html", items=items)


@bp.route("/gifts/stock/<int:item_id>")
@roles_required(*STORE_VIEWERS)
def stock_item(item_id: int):
    item = get_stock_item_or_404(item_id)
    return render_template(
        "gifts/stock_item.html",
        item=item,
        movements=services.stock_movements(item),
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


@bp.route("/gifts/stock/new", methods=["GET", "POST"])
@roles_required(*STAFF)
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


@bp.route("/gifts/stock/<int:item_id>/edit", methods=["GET", "POST"])
@roles_required(*STAFF)
def edit_stock_item(item_id: int):
    item = get_stock_item_or_404(item_id, need="edit")
    form = StockItemForm(obj=item, data={"name": item.name})
    conflict = None
    if form.validate_on_submit():
        fields = _item_fields(form)
        conflict = detect_conflict(item, form.version.data, set_fields(fields), STOCK_LABELS)
        if conflict is None:
            try:
                services.update_stock_item(item, photo=_upload(form), **fields)
            except UploadRejected as error:
                db.session.rollback()
                form.photo.errors = [str(error)]
            else:
                db.session.commit()
                flash(_("The gift is saved."), "success")
                return redirect(url_for("gifts.stock_item", item_id=item.id))
        else:
            form.version.data = item.version
    return render_template("gifts/stock_form.html", form=form, item=item, conflict=conflict)


@bp.route("/gifts/stock/<int:item_id>/move", methods=["POST"])
@roles_required(*STAFF)
def move_stock(item_id: int):
    item = get_stock_item_or_404(item_id, need="edit")
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


@bp.route("/gifts/stock/<int:item_id>/photo")
@roles_required(*STORE_VIEWERS)
def stock_photo(item_id: int):
    item = get_stock_item_or_404(item_id)
    if item.photo is None:
        abort(404)
    return send_stored(item.photo, inline=True)


@bp.route("/gifts/stock/<int:item_id>/archive", methods=["POST"])
@roles_required(*STAFF)
def archive_stock_item(item_id: int):
    item = get_stock_item_or_404(item_id, need="edit")
    if item.archived_at is None:
        archive(item)
        db.session.commit()
        flash(_("The gift is no longer offered from the store. An administrator can restore it."), "success")
    return redirect(url_for("gifts.stock"))
