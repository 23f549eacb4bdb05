"""Gifts given and received: list, record, correct, the ethics record, withdraw; a partner's and a contact's
gift history."""

from __future__ import annotations

from datetime import date

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, or_, select

from ..core.conflicts import detect_conflict, set_fields
from ..core.db import db
from ..core.files import UploadRejected, send_stored
from ..core.i18n import current_locale_code, format_date
from ..core.pagination import SortTerm, paginate
from ..core.permissions import ADMIN, STAFF, roles_required
from ..core.plan_links import item_filter, requested_item
from ..core.time import today_in
from . import queries, services
from .blueprint import bp, get_gift_or_404
from .forms import EthicsRecordForm, GivenGiftForm, ReceivedGiftForm
from .models import GIFT_DIRECTIONS, GIFT_LABELS, Gift

FLAGS = ("report_owed", "overdue", "disposition")


def _today():
    return today_in(current_app.config["OFFICE_TIMEZONE"])


def _arg_id(name: str) -> int | None:
    value = request.args.get(name, "")
    return int(value) if value.isdigit() and len(value) < 10 else None


@bp.route("/gifts")
@roles_required(*STAFF)
def index():
    direction = request.args.get("direction") if request.args.get("direction") in GIFT_DIRECTIONS else ""
    flag = request.args.get("flag") if request.args.get("flag") in FLAGS else ""
    year = _arg_id("year")
    q = (request.args.get("q") or "").strip()[:200]
    archived = current_user.is_admin and request.args.get("archived") == "1"
    today = _today()
    stmt = select(Gift).where(Gift.archived_at.is_not(None) if archived else Gift.archived_at.is_(None))
    if direction:
        stmt = stmt.where(Gift.direction == direction)
    if year and 1900 < year < 3000:
        stmt = stmt.where(Gift.exchanged_on.between(date(year, 1, 1), date(year, 12, 31)))
    plan_item = requested_item()
    if plan_item:
        stmt = stmt.where(item_filter(Gift.plan_item_id, plan_item))
    if flag == "report_owed":
        stmt = stmt.where(queries.report_missing())
    elif flag == "overdue":
        stmt = stmt.where(queries.report_missing(), Gift.report_due_on < today)
    elif flag == "disposition":
        stmt = stmt.where(Gift.needs_report.is_(True), Gift.disposition.is_(None))
    if q:
        pattern = f"%{q.lower()}%"
        stmt = stmt.where(
            or_(func.lower(Gift.description).like(pattern), func.lower(Gift.occasion_note).like(pattern))
        )
    page = paginate(
        db.session,
        stmt,
        [SortTerm(Gift.exchanged_on, True), SortTerm(Gift.id, True)],
        request.args.get("cursor"),
        per_page=current_app.config["PER_PAGE"],
    )
    return render_template(
        "gifts/index.html",
        page=page,
        direction=direction,
        flag=flag,
        year=year,
        q=q,
        archived=archived,
        today=today,
        plan_item=plan_item,
    )


def _already_given(contact_id: int | None, partner_id: int | None) -> dict:
    """stock item id -> the latest date it was given to this contact or partner."""
    if contact_id is None and partner_id is None:
        return {}
    whom = [Gift.contact_id == contact_id] if contact_id else []
    whom += [Gift.partner_id == partner_id] if partner_id else []
    rows = db.session.execute(
        select(Gift.stock_item_id, func.max(Gift.exchanged_on))
        .where(
            Gift.direction == "given",
            Gift.archived_at.is_(None),
            Gift.stock_item_id.is_not(None),
            or_(*whom),
        )
        .group_by(Gift.stock_item_id)
    ).all()
    return dict(rows)


def _repeat_warning(earlier: list[Gift]) -> str:
    locale = current_locale_code()
    parts = [
        _(
            "Already given to %(whom)s on %(date)s.",
            whom=" · ".join(g.their_side(locale)),
            date=format_date(g.exchanged_on),
        )
        for g in earlier[:3]
    ]
    return " ".join(parts) + " " + _("Choose another gift, or tick “Give it again all the same”.")


def _prefill() -> dict:
    data = {
        "exchanged_on": _today(),
        "occasion_kind": "visit",
        "contact_id": _arg_id("contact"),
        "partner_id": _arg_id("partner"),
        "organization_id": _arg_id("organization"),
        "quantity": 1,
    }
    if _arg_id("delegation"):
        data.update(occasion_kind="delegation", delegation_id=str(_arg_id("delegation")))
    elif _arg_id("event"):
        data.update(occasion_kind="event", occasion_id=_arg_id("event"))
    if _arg_id("stock"):
        data["stock_item_id"] = str(_arg_id("stock"))
    return data


def _save_gift(form, direction: str, gift: Gift | None):
    """Create or update from a validated form; None when refused (the form then carries the reason)."""
    fields = form.fields_data()
    if direction == "given" and fields.get("stock_item_id"):
        earlier = services.given_before(
            fields["stock_item_id"], fields["contact_id"], fields["partner_id"], gift.id if gift else None
        )
        unchanged = gift is not None and gift.stock_item_id == fields["stock_item_id"]
        if earlier and not unchanged and not form.give_again.data:
            form.stock_item_id.errors = [_repeat_warning(earlier)]
            form.repeat_warning = True
            return None
    photo = form.photo.data if getattr(form.photo.data, "filename", "") else None
    try:
        if gift is None:
            gift = services.create_gift(direction, photo=photo, **fields)
        else:
            services.update_gift(gift, photo=photo, **fields)
    except services.StockError as error:
        db.session.rollback()
        form.quantity.errors = [str(error)]
        return None
    except UploadRejected as error:
        db.session.rollback()
        form.photo.errors = [str(error)]
        return None
    return gift


def _flash_verdict(gift: Gift) -> None:
    if gift.needs_report and not gift.report_complete():
        flash(
            _(
                "This gift must be reported by %(date)s. %(reason)s",
                date=format_date(gift.report_due_on),
                reason=services.ethics_reason_text(gift.report_reason),
            ),
            "warning",
        )
    else:
        flash(_("The gift is saved."), "success")


def _gift_form_page(direction: str, gift: Gift | None):
    form_class = GivenGiftForm if direction == "given" else ReceivedGiftForm
    if gift is None:
        data = _prefill() if request.method == "GET" else None
        if data is not None and direction == "received":
            data["user_id"] = str(current_user.id)
        form = form_class(data=data)
    else:
        form = form_class(data=form_class.data_of(gift))
    form.repeat_warning = False
    conflict = None
    if form.validate_on_submit():
        if gift is not None:
            fields = form.fields_data()

            def apply(target):
                for name, value in fields.items():
                    if value is not None or name != "estimated_value":
                        setattr(target, name, value)

            conflict = detect_conflict(gift, form.version.data, apply, GIFT_LABELS)
            if conflict is not None:
                form.version.data = gift.version
        if conflict is None:
            saved = _save_gift(form, direction, gift)
            if saved is not None:
                db.session.commit()
                _flash_verdict(saved)
                return redirect(url_for("gifts.detail", gift_id=saved.id))
    if direction == "given":
        # Mark the store's items already given to the chosen contact or partner.
        contact_id, partner_id = form.contact_id.data, form.partner_id.data
        current = int(form.stock_item_id.data) if (form.stock_item_id.data or "").isdigit() else None
        from .forms import stock_choices

        form.stock_item_id.choices = stock_choices(_already_given(contact_id, partner_id), current)
    return render_template("gifts/form.html", form=form, gift=gift, direction=direction, conflict=conflict)


@bp.route("/gifts/give", methods=["GET", "POST"])
@roles_required(*STAFF)
def give():
    return _gift_form_page("given", None)


@bp.route("/gifts/receive", methods=["GET", "POST"])
@roles_required(*STAFF)
def receive():
    return _gift_form_page("received", None)


@bp.route("/gifts/<int:gift_id>/edit", methods=["GET", "POST"])
@roles_required(*STAFF)
def edit(gift_id: int):
    gift = get_gift_or_404(gift_id, need="edit")
    if gift.archived_at is not None:
        abort(404)
    return _gift_form_page(gift.direction, gift)


@bp.route("/gifts/<int:gift_id>")
@roles_required(*STAFF)
def detail(gift_id: int):
    gift = get_gift_or_404(gift_id)
    earlier = (
        services.given_before(gift.stock_item_id, gift.contact_id, gift.partner_id, gift.id)
        if gift.direction == "given"
        else []
    )
    return render_template(
        "gifts/detail.html",
        gift=gift,
        earlier=earlier,
        today=_today(),
        labels=GIFT_LABELS,
        reason_text=services.ethics_reason_text(gift.report_reason),
    )


@bp.route("/gifts/<int:gift_id>/ethics", methods=["GET", "POST"])
@roles_required(*STAFF)
def ethics(gift_id: int):
    gift = get_gift_or_404(gift_id, need="edit")
    if not gift.received or gift.archived_at is not None:
        abort(404)
    form = EthicsRecordForm(obj=gift, received_on=gift.exchanged_on, today=_today())
    conflict = None
    if form.validate_on_submit():
        fields = {
            "reported_to_supervisor_on": form.reported_to_supervisor_on.data,
            "ethics_unit_notified_on": form.ethics_unit_notified_on.data,
            "disposition": form.disposition.data or None,
            "disposition_note": (form.disposition_note.data or "").strip() or None,
        }

        conflict = detect_conflict(gift, form.version.data, set_fields(fields), GIFT_LABELS)
        if conflict is None:
            services.update_ethics_record(gift, **fields)
            db.session.commit()
            flash(_("The ethics record is saved."), "success")
            return redirect(url_for("gifts.detail", gift_id=gift.id))
        form.version.data = gift.version
    return render_template(
        "gifts/ethics_form.html",
        form=form,
        gift=gift,
        conflict=conflict,
        today=_today(),
        reason_text=services.ethics_reason_text(gift.report_reason),
    )


@bp.route("/gifts/<int:gift_id>/photo")
@roles_required(*STAFF)
def photo(gift_id: int):
    gift = get_gift_or_404(gift_id)
    if gift.photo is None:
        abort(404)
    return send_stored(gift.photo, inline=True)


@bp.route("/gifts/<int:gift_id>/archive", methods=["POST"])
@roles_required(*STAFF)
def archive(gift_id: int):
    gift = get_gift_or_404(gift_id, need="edit")
    if gift.archived_at is None:
        services.withdraw_gift(gift)
        db.session.commit()
        flash(_("The gift record is withdrawn; pieces it took from the store are back in stock."), "success")
    return redirect(url_for("gifts.index"))


@bp.route("/gifts/<int:gift_id>/restore", methods=["POST"])
@roles_required(ADMIN)
def restore(gift_id: int):
    gift = get_gift_or_404(gift_id)
    if gift.archived_at is None:
        return redirect(url_for("gifts.detail", gift_id=gift.id))
    try:
        services.restore_gift(gift)
    except services.StockError as error:
        db.session.rollback()
        flash(str(error), "danger")
        return redirect(url_for("gifts.index", archived="1"))
    db.session.commit()
    flash(_("The gift record is restored."), "success")
    return redirect(url_for("gifts.detail", gift_id=gift.id))


@bp.route("/partners/<int:partner_id>/gifts")
@roles_required(*STAFF)
def partner_history(partner_id: int):
    from ..core.access import load_or_404
    from ..partners.models import Partner

    partner = load_or_404(Partner, partner_id)
    return render_template(
        "gifts/history.html",
        gifts=queries.history(partner_id=partner.id),
        title=partner.names.get_for(current_locale_code()),
        back_url=url_for("partners.detail", partner_id=partner.id),
        give_url=url_for("gifts.give", partner=partner.id),
        receive_url=url_for("gifts.receive", partner=partner.id),
        today=_today(),
    )


@bp.route("/contacts/<int:contact_id>/gifts")
@roles_required(*STAFF)
def contact_history(contact_id: int):
    from ..contacts.models import Contact
    from ..core.access import load_or_404

    contact = load_or_404(Contact, contact_id)
    return render_template(
        "gifts/history.html",
        gifts=queries.history(contact_id=contact.id),
        title=contact.display_name(current_locale_code()),
        back_url=url_for("contacts.detail", contact_id=contact.id),
        give_url=url_for("gifts.give", contact=contact.id),
        receive_url=url_for("gifts.receive", contact=contact.id),
        today=_today(),
    )
