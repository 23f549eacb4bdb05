"""Adding and editing interactions from the page of the record they concern."""

from __future__ import annotations

from datetime import datetime, time
from zoneinfo import ZoneInfo

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.validators import ValidationError

from ..core.archive import archive as archive_record
from ..core.conflicts import detect_conflict, set_fields
from ..core.db import db
from ..core.i18n import select_timezone
from ..core.permissions import STAFF, roles_required
from ..core.pickers import label_with_id, resolve
from . import services
from .forms import InteractionForm
from .models import INTERACTION_KINDS, INTERACTION_LABELS, LINKABLE_KINDS, Interaction

bp = Blueprint("interactions", __name__)
# The timeline macro names each entry's kind on every page that shows a timeline.
bp.add_app_template_global(INTERACTION_KINDS, "INTERACTION_KINDS")


def _record(kind: str, entity_id: int):
    from ..core.pickers import picker_kinds

    if kind not in LINKABLE_KINDS:
        abort(404)
    record = db.session.get(picker_kinds()[kind].model, entity_id)
    if record is None or record.archived_at is not None:
        abort(404)
    if not record.can_edit(current_user):
        abort(403)
    return record


def _record_url(kind: str, entity_id: int) -> str:
    endpoint, arg = {
        "contact": ("contacts.detail", "contact_id"),
        "organization": ("organizations.detail", "org_id"),
        "partner": ("partners.detail", "partner_id"),
    }[kind]
    return url_for(endpoint, **{arg: entity_id})


def _occurred_at(form: InteractionForm) -> datetime:
    hours, minutes = (
        (int(p) for p in form.occurred_time.data.split(":")) if form.occurred_time.data else (0, 0)
    )
    local = datetime.combine(form.occurred_on.data, time(hours, minutes), ZoneInfo(select_timezone()))
    return local


def _other_contacts(form: InteractionForm) -> list[int] | None:
    ids = []
    for line in (form.also_contacts.data or "").splitlines():
        if line.strip():
            try:
                ids.append(resolve("contact", line).id)
            except ValidationError as error:
                form.also_contacts.errors = [*form.also_contacts.errors, f"{line.strip()}: {error}"]
                return None
    return ids


@bp.route("/interactions/new/<kind>/<int:entity_id>", methods=["GET", "POST"])
@roles_required(*STAFF)
def create(kind: str, entity_id: int):
    record = _record(kind, entity_id)
    form = InteractionForm()
    if form.validate_on_submit():
        others = _other_contacts(form)
        if others is not None:
            services.create_interaction(
                (kind, record.id),
                [("contact", cid) for cid in others],
                kind=form.kind.data,
                occurred_at=_occurred_at(form),
                subject=form.subject.data.strip(),
                text=form.text.data or None,
                participants_text=form.participants_text.data or None,
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


@bp.route("/interactions/<int:interaction_id>/edit", methods=["GET", "POST"])
@roles_required(*STAFF)
def edit(interaction_id: int):
    interaction = db.session.get(Interaction, interaction_id)
    if interaction is None or interaction.archived_at is not None:
        abort(404)
    if not interaction.can_edit(current_user):
        abort(403)
    back = _record_url(interaction.home_kind, interaction.home_id)
    local = interaction.occurred_at.astimezone(ZoneInfo(select_timezone()))
    from ..contacts.models import Contact

    home = (interaction.home_kind, interaction.home_id)
    other_contacts = [
        db.session.get(Contact, cid) for cid in interaction.linked_ids("contact") if ("contact", cid) != home
    ]
    form = InteractionForm(
        obj=interaction,
        data={
            "occurred_on": local.date(),
            "occurred_time": local.strftime("%H:%M") if local.time() != time() else "",
            "also_contacts": "\n".join(label_with_id("contact", c) for c in other_contacts if c),
        },
    )
    conflict = None
    if form.validate_on_submit():
        others = _other_contacts(form)
        if others is not None:
            fields = {
                "kind": form.kind.data,
                "occurred_at": _occurred_at(form),
                "subject": form.subject.data.strip(),
                "text": form.text.data or None,
                "participants_text": form.participants_text.data or None,
            }

            conflict = detect_conflict(interaction, form.version.data, set_fields(fields), INTERACTION_LABELS)
            if conflict is None:
                services.update_interaction(interaction, other_contacts=others, **fields)
                db.session.commit()
                flash(_("The interaction is saved."), "success")
                return redirect(back)
            form.version.data = interaction.version
    return render_template(
        "interactions/form.html", form=form, back=back, interaction=interaction, conflict=conflict
    )


@bp.route("/interactions/<int:interaction_id>/archive", methods=["POST"])
@roles_required(*STAFF)
def archive(interaction_id: int):
    interaction = db.session.get(Interaction, interaction_id)
    if interaction is None or interaction.archived_at is not None:
        abort(404)
    if not interaction.can_edit(current_user):
        abort(403)
    archive_record(interaction)
    db.session.commit()
    flash(_("The interaction is archived. An administrator can restore it."), "success")
    return redirect(_record_url(interaction.home_kind, interaction.home_id))
