"""Adding and editing interactions from the page of the record they concern."""

from __future__ import annotations

from datetime import time
from zoneinfo import ZoneInfo

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from ..core.access import STAFF, allow, load_or_404
from ..core.archive import archive as archive_record
from ..core.conflicts import EditConflict
from ..core.db import db
from ..core.i18n import select_timezone
from ..core.pickers import label_with_id, picker_kinds
from . import queries, services
from .forms import InteractionForm
from .models import LINKABLE_KINDS, Interaction

# Where each kind of record an interaction is entered on has its page.
RECORD_PAGES = {
    "contact": ("contacts.detail", "contact_id"),
    "organization": ("organizations.detail", "org_id"),
    "partner": ("partners.detail", "partner_id"),
}


def _record(kind: str, entity_id: int):
    """The live record an interaction is added to, which the user must be allowed to edit."""
    if kind not in LINKABLE_KINDS or kind not in picker_kinds():
        abort(404)
    record = load_or_404(picker_kinds()[kind].model, entity_id, need="edit")
    if record.archived_at is not None:
        abort(404)  # an archived record's timeline is closed, for administrators too
    return record


def _record_url(kind: str, entity_id: int) -> str:
    endpoint, arg = RECORD_PAGES[kind]
    return url_for(endpoint, **{arg: entity_id})


@allow(STAFF)
def create(kind: str, entity_id: int):
    record = _record(kind, entity_id)
    form = InteractionForm()
    if form.validate_on_submit():
        services.create_interaction(
            (kind, record.id),
            [("contact", cid) for cid in form.other_contact_ids],
            **form.fields(select_timezone()),
        )
        db.session.commit()
        flash(_("The interaction is saved."), "success")
        return redirect(_record_url(kind, record.id))
    return render_template(
        "interactions/form.html",
        form=form,
        back=_record_url(kind, record.id),
        interaction=None,
        conflict=None,
    )


@allow(STAFF)
def edit(interaction_id: int):
    interaction = load_or_404(Interaction, interaction_id, need="edit")
    back = _record_url(interaction.home_kind, interaction.home_id)
    local = interaction.occurred_at.astimezone(ZoneInfo(select_timezone()))
    form = InteractionForm(
        obj=interaction,
        data={
            "occurred_on": local.date(),
            "occurred_time": local.strftime("%H:%M") if local.time() != time() else "",
            "also_contacts": "\n".join(
                label_with_id("contact", c) for c in queries.other_contacts(interaction)
            ),
        },
    )
    conflict = None
    if form.validate_on_submit():
        try:
            services.update_interaction(
                interaction,
                form.version.data,
                other_contacts=form.other_contact_ids,
                **form.fields(select_timezone()),
            )
        except EditConflict as error:
            conflict = error.conflict
            form.version.data = interaction.version
        else:
            db.session.commit()
            flash(_("The interaction is saved."), "success")
            return redirect(back)
    return render_template(
        "interactions/form.html", form=form, back=back, interaction=interaction, conflict=conflict
    )


@allow(STAFF)
def archive(interaction_id: int):
    interaction = load_or_404(Interaction, interaction_id, need="archive")
    archive_record(interaction)
    db.session.commit()
    flash(_("The interaction is archived. An administrator can restore it."), "success")
    return redirect(_record_url(interaction.home_kind, interaction.home_id))
