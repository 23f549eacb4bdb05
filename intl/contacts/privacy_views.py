"""Answering a person's requests about their data: everything we hold (JSON and a readable page), and
anonymization; plus merging two records of the same person."""

from __future__ import annotations

import json

from flask import Response, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from ..core.audit import acting_user_id
from ..core.db import db
from ..core.models import audit_value
from ..core.permissions import STAFF, roles_required
from ..core.time import now_utc
from .access import get_contact_or_404
from .blueprint import bp
from .forms import AnonymizeForm, MergeForm
from .merge import merge_contacts
from .privacy import PERSONAL_DATA_SECTIONS, anonymize, log_access, personal_data


@bp.route("/contacts/<int:contact_id>/personal-data")
@roles_required(*STAFF)
def personal_data_page(contact_id: int):
    contact = get_contact_or_404(contact_id, need="personal")
    log_access(contact, "export")
    data = personal_data(contact)
    db.session.commit()
    sections = [(key, title, data[key]) for key, title, _builder in PERSONAL_DATA_SECTIONS]
    return render_template("contacts/personal_data.html", contact=contact, sections=sections, now=now_utc())


@bp.route("/contacts/<int:contact_id>/personal-data.json")
@roles_required(*STAFF)
def personal_data_json(contact_id: int):
    contact = get_contact_or_404(contact_id, need="personal")
    log_access(contact, "export")
    payload = {
        "exported_at": audit_value(now_utc()),
        "exported_by_user_id": acting_user_id(),
        "contact_uid": contact.uid,
        **personal_data(contact),
    }
    db.session.commit()
    body = json.dumps(payload, ensure_ascii=False, indent=2, default=str)
    return Response(
        body,
        mimetype="application/json",
        headers={
            "Content-Disposition": f'attachment; filename="personal-data-{contact.uid}.json"',
            "Cache-Control": "no-store",
        },
    )


@bp.route("/contacts/<int:contact_id>/anonymize", methods=["GET", "POST"])
@roles_required(*STAFF)
def anonymize_view(contact_id: int):
    contact = get_contact_or_404(contact_id, need="edit")
    form = AnonymizeForm()
    if contact.is_anonymized:
        flash(_("This contact is already anonymized."), "info")
        return redirect(url_for("contacts.detail", contact_id=contact.id))
    if form.validate_on_submit():
        if (form.confirm_text.data or "").strip().upper() != "ANONYMIZE":
            form.confirm_text.errors = [_("Type ANONYMIZE to confirm.")]
        else:
            anonymize(contact)
            db.session.commit()
            flash(_("The person's details are removed; the record of what happened remains."), "success")
            return redirect(url_for("contacts.detail", contact_id=contact.id))
    return render_template("contacts/anonymize.html", contact=contact, form=form)


@bp.route("/contacts/<int:contact_id>/merge", methods=["GET", "POST"])
@roles_required(*STAFF)
def merge_view(contact_id: int):
    keep = get_contact_or_404(contact_id, need="edit")
    form = MergeForm()
    other = None
    if form.validate_on_submit():
        other = get_contact_or_404(form.other_id.data, need="edit")
        if other.id == keep.id:
            form.other_id.errors = [_("Choose another contact than this one.")]
            other = None
        elif form.confirm.data:
            merge_contacts(keep, other)
            db.session.commit()
            flash(
                _(
                    "%(other)s is merged into this contact; both histories are kept.",
                    other=other.audit_label(),
                ),
                "success",
            )
            return redirect(url_for("contacts.detail", contact_id=keep.id))
    return render_template("contacts/merge.html", keep=keep, other=other, form=form)
