"""A contact's affiliations to organizations over time."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from ...core.access import STAFF, allow, load_or_404
from ...core.db import db
from .. import services
from ..forms import AffiliationForm
from ..models import Affiliation, Contact


def _affiliation(contact_id: int, affiliation_id: int) -> Affiliation:
    contact = load_or_404(Contact, contact_id, need="edit")
    affiliation = load_or_404(Affiliation, affiliation_id, need="edit")
    if affiliation.contact_id != contact.id:
        abort(404)
    return affiliation


@allow(STAFF)
def add_affiliation(contact_id: int):
    contact = load_or_404(Contact, contact_id, need="edit")
    form = AffiliationForm()
    if form.validate_on_submit():
        services.add_affiliation(
            contact,
            form.organization_id.data,
            form.position.data or None,
            form.start_on.data,
            form.end_on.data,
            form.is_current.data,
        )
        db.session.commit()
        flash(_("The affiliation is saved."), "success")
        return redirect(url_for("contacts.detail", contact_id=contact.id))
    return render_template("contacts/affiliation_form.html", form=form, contact=contact, affiliation=None)


@allow(STAFF)
def edit_affiliation(contact_id: int, affiliation_id: int):
    affiliation = _affiliation(contact_id, affiliation_id)
    form = AffiliationForm(obj=affiliation)
    if form.validate_on_submit():
        services.update_affiliation(
            affiliation,
            organization_id=form.organization_id.data,
            position=form.position.data or None,
            start_on=form.start_on.data,
            end_on=form.end_on.data,
            is_current=form.is_current.data,
        )
        db.session.commit()
        flash(_("The affiliation is saved."), "success")
        return redirect(url_for("contacts.detail", contact_id=contact_id))
    return render_template(
        "contacts/affiliation_form.html", form=form, contact=affiliation.contact, affiliation=affiliation
    )


@allow(STAFF)
def remove_affiliation(contact_id: int, affiliation_id: int):
    affiliation = _affiliation(contact_id, affiliation_id)
    services.remove_affiliation(affiliation)
    db.session.commit()
    flash(_("The affiliation is removed."), "success")
    return redirect(url_for("contacts.detail", contact_id=contact_id))
