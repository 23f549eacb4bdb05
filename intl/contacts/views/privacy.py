"""Answering a person's requests about their data: everything we hold (JSON and a readable page), and
anonymization; plus merging two records of the same person."""

from __future__ import annotations

import json

from flask import Response, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from ...core.access import STAFF, allow, load_or_404
from ...core.audit import acting_user_id
from ...core.db import db
from ...core.models import audit_value
from ...core.time import now_utc
from ..forms import AnonymizeForm, MergeForm
from ..merge import merge_contacts
from ..models import Contact
from ..personal import disclose
from ..privacy import (
    PERSONAL_DATA_ACTIONS,
    PERSONAL_DATA_COLUMNS,
    PERSONAL_DATA_SECTIONS,
    anonymize,
    personal_data,
)


def _exported(contact_id: int) -> Contact:
    """The contact whose data a request asks for; the export is logged (403 for those who may not)."""
    contact = load_or_404(Contact, contact_id)
    if not disclose([contact], "export"):
        abort(403)
    return contact


@allow(STAFF)
def personal_data_page(contact_id: int):
    contact = _exported(contact_id)
    data = personal_data(contact)
    sections = [(key, title, data[key]) for key, title, _builder in PERSONAL_DATA_SECTIONS]
    return render_template(
        "contacts/personal_data.html",
        contact=contact,
        sections=sections,
        columns=PERSONAL_DATA_COLUMNS,
        actions=PERSONAL_DATA_ACTIONS,
        now=now_utc(),
    )


@allow(STAFF)
def personal_data_json(contact_id: int):
    contact = _exported(contact_id)
    payload = {
        "exported_at": audit_value(now_utc()),
        "exported_by_user_id": acting_user_id(),
        "contact_uid": contact.uid,
        **personal_data(contact),
    }
    body = json.dumps(payload, ensure_ascii=False, indent=2, default=str)
    return Response(
        body,
        mimetype="application/json",
        headers={
            "Content-Disposition": f'attachment; filename="personal-data-{contact.uid}.json"',
            "Cache-Control": "no-store",
        },
    )


@allow(STAFF)
def anonymize_view(contact_id: int):
    contact = load_or_404(Contact, contact_id, need="edit")
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


@allow(STAFF)
def merge_view(contact_id: int):
    keep = load_or_404(Contact, contact_id, need="edit")
    form = MergeForm()
    other = None
    if form.validate_on_submit():
        other = load_or_404(Contact, form.other_id.data, need="edit")
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
    if other is not None and not disclose([keep, other], "view"):  # the comparison shows their e-mails
        abort(403)
    return render_template("contacts/merge.html", keep=keep, other=other, form=form)
