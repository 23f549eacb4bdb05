"""Gifts given and received: list, record, correct, the ethics record, withdraw; a partner's and a contact's
gift history."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ...contacts.models import Contact
from ...core.access import ADMINS, STAFF, allow, can, load_or_404
from ...core.conflicts import EditConflict
from ...core.db import db
from ...core.files import UploadRejected, send_stored
from ...core.i18n import current_locale_code, format_date
from ...core.pagination import SortTerm, paginate
from ...core.plan_links import requested_item
from ...core.time import office_today
from ...partners.models import Partner
from .. import queries, services
from ..forms import EthicsRecordForm, GivenGiftForm, ReceivedGiftForm, stock_choices
from ..models import GIFT_LABELS, Gift


def _arg_id(name: str) -> int | None:
    value = request.args.get(name, "")
    return int(value) if value.isdigit() and len(value) < 10 else None


@allow(STAFF)
def index():
    filters = queries.GiftFilters.from_args(
        request.args, archived_allowed=can(current_user, Gift, "restore"), plan_item=requested_item()
    )
    today = office_today()
    page = paginate(
        db.session,
        queries.gift_list(filters, today),
        [SortTerm(Gift.exchanged_on, True), SortTerm(Gift.id, True)],
        request.args.get("cursor"),
        per_page=current_app.config["PER_PAGE"],
    )
    return render_template(
        "gifts/index.html",
        page=page,
        direction=filters.direction,
        flag=filters.flag,
        year=filters.year,
        q=filters.q,
        archived=filters.archived,
        today=today,
        plan_item=filters.plan_item,
    )


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
        "exchanged_on": office_today(),
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
    """Create or update from a validated form: the gift, or None when refused (the form then carries the
    reason, or `form.conflict` the other change)."""
    fields = form.fields_data()
    photo = form.photo.data if getattr(form.photo.data, "filename", "") else None
    give_again = direction != "given" or bool(form.give_again.data)
    try:
        if gift is None:
            gift = services.create_gift(direction, photo=photo, give_again=give_again, **fields)
        else:
            services.update_gift(gift, form.version.data, photo=photo, give_again=give_again, **fields)
    except EditConflict as error:
        form.conflict = error.conflict
        form.version.data = gift.version
        return None
    except services.AlreadyGiven as refusal:
        db.session.rollback()
        form.stock_item_id.errors = [_repeat_warning(refusal.earlier)]
        form.repeat_warning = True
        return None
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
    form.conflict = None
    if form.validate_on_submit():
        saved = _save_gift(form, direction, gift)
        if saved is not None:
            db.session.commit()
            _flash_verdict(saved)
            return redirect(url_for("gifts.detail", gift_id=saved.id))
    if direction == "given":
        # Mark the store's items already given to the chosen contact or partner.
        current = int(form.stock_item_id.data) if (form.stock_item_id.data or "").isdigit() else None
        form.stock_item_id.choices = stock_choices(
            queries.already_given(form.contact_id.data, form.partner_id.data), current
        )
    return render_template(
        "gifts/form.html", form=form, gift=gift, direction=direction, conflict=form.conflict
    )


@allow(STAFF)
def give():
    return _gift_form_page("given", None)


@allow(STAFF)
def receive():
    return _gift_form_page("received", None)


@allow(STAFF)
def edit(gift_id: int):
    gift = load_or_404(Gift, gift_id, need="edit")
    if gift.archived_at is not None:
        abort(404)
    return _gift_form_page(gift.direction, gift)


@allow(STAFF)
def detail(gift_id: int):
    gift = load_or_404(Gift, gift_id)
    earlier = (
        queries.given_before(gift.stock_item_id, gift.contact_id, gift.partner_id, gift.id)
        if gift.direction == "given"
        else []
    )
    return render_template(
        "gifts/detail.html",
        gift=gift,
        earlier=earlier,
        today=office_today(),
        labels=GIFT_LABELS,
        reason_text=services.ethics_reason_text(gift.report_reason),
    )


@allow(STAFF)
def ethics(gift_id: int):
    gift = load_or_404(Gift, gift_id, need="edit")
    if not gift.received or gift.archived_at is not None:
        abort(404)
    today = office_today()
    form = EthicsRecordForm(obj=gift, received_on=gift.exchanged_on, today=today)
    conflict = None
    if form.validate_on_submit():
        try:
            services.update_ethics_record(
                gift,
                form.version.data,
                reported_to_supervisor_on=form.reported_to_supervisor_on.data,
                ethics_unit_notified_on=form.ethics_unit_notified_on.data,
                disposition=form.disposition.data or None,
                disposition_note=(form.disposition_note.data or "").strip() or None,
            )
        except EditConflict as error:
            conflict = error.conflict
            form.version.data = gift.version
        else:
            db.session.commit()
            flash(_("The ethics record is saved."), "success")
            return redirect(url_for("gifts.detail", gift_id=gift.id))
    return render_template(
        "gifts/ethics_form.html",
        form=form,
        gift=gift,
        conflict=conflict,
        today=today,
        reason_text=services.ethics_reason_text(gift.report_reason),
    )


@allow(STAFF)
def photo(gift_id: int):
    gift = load_or_404(Gift, gift_id)
    if gift.photo is None:
        abort(404)
    return send_stored(gift.photo, inline=True)


@allow(STAFF)
def archive(gift_id: int):
    gift = load_or_404(Gift, gift_id, need="archive")
    if gift.archived_at is None:
        services.withdraw_gift(gift)
        db.session.commit()
        flash(_("The gift record is withdrawn; pieces it took from the store are back in stock."), "success")
    return redirect(url_for("gifts.index"))


@allow(ADMINS)
def restore(gift_id: int):
    gift = load_or_404(Gift, gift_id, need="restore")
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


@allow(STAFF)
def partner_history(partner_id: int):
    partner = load_or_404(Partner, partner_id)
    return render_template(
        "gifts/history.html",
        gifts=queries.history(partner_id=partner.id),
        title=partner.names.get_for(current_locale_code()),
        back_url=url_for("partners.detail", partner_id=partner.id),
        give_url=url_for("gifts.give", partner=partner.id),
        receive_url=url_for("gifts.receive", partner=partner.id),
        today=office_today(),
    )


@allow(STAFF)
def contact_history(contact_id: int):
    contact = load_or_404(Contact, contact_id)
    return render_template(
        "gifts/history.html",
        gifts=queries.history(contact_id=contact.id),
        title=contact.display_name(current_locale_code()),
        back_url=url_for("contacts.detail", contact_id=contact.id),
        give_url=url_for("gifts.give", contact=contact.id),
        receive_url=url_for("gifts.receive", contact=contact.id),
        today=office_today(),
    )
