"""An occasion's protocol desk: started from its event, engagement or delegation; the order of precedence
with its settings; participants added, ranked, adjusted and removed."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ...core.access import READERS, STAFF, allow, can, load_or_404
from ...core.conflicts import EditConflict, check_version
from ...core.db import db
from ...core.forms import error_text
from ...partners.models import Partner
from .. import services
from ..forms import AddParticipantForm, OccasionForm, ParticipantForm
from ..models import OCCASION_LABELS, Occasion
from ..people import load_people
from ..queries import READ_ACTION, occasion_for, precedence, ranks, source_model
from .common import load_occasion, load_participant, source_url, viewer_locale


@allow(READERS)
def for_source(kind: str, source_id: int):
    """The protocol desk of an event, engagement or delegation: its page, or the offer to start one."""
    source = load_or_404(source_model(kind), source_id, need=READ_ACTION[kind])
    occasion = occasion_for(kind, source_id)
    if occasion is not None:
        return redirect(url_for("protocol.occasion", occasion_id=occasion.id))
    return render_template(
        "protocol/start.html", kind=kind, source=source, may_start=can(current_user, source, "edit")
    )


@allow(STAFF)
def start(kind: str, source_id: int):
    source = load_or_404(source_model(kind), source_id, need="edit")
    occasion = occasion_for(kind, source_id) or services.start_occasion(kind, source)
    db.session.commit()
    return redirect(url_for("protocol.occasion", occasion_id=occasion.id))


@allow(READERS)
def occasion(occasion_id: int):
    occasion, source = load_occasion(occasion_id)
    entries = precedence(occasion)
    return render_template(
        "protocol/occasion.html",
        occasion=occasion,
        source=source,
        entries=entries,
        back=source_url(occasion),
        form=OccasionForm(obj=occasion, formdata=None),
        add_form=AddParticipantForm(formdata=None),
        editable=can(current_user, occasion, "edit"),
        locale=viewer_locale(),
    )


@allow(STAFF)
def settings(occasion_id: int):
    occasion, _source = load_occasion(occasion_id, need="edit")
    form = OccasionForm()
    if not form.validate_on_submit():
        flash(error_text(form), "danger")
        return redirect(url_for("protocol.occasion", occasion_id=occasion.id))
    fields = {name: getattr(form, name).data for name in OCCASION_LABELS}
    try:
        check_version(occasion, form.version.data, fields)
    except EditConflict:
        flash(
            _("Someone else changed these settings while you were editing them; yours are not saved."),
            "warning",
        )
        return redirect(url_for("protocol.occasion", occasion_id=occasion.id))
    services.update_occasion(occasion, **fields)
    db.session.commit()
    flash(_("The settings are saved."), "success")
    page = "protocol.seating" if request.form.get("next_page") == "seating" else "protocol.occasion"
    return redirect(url_for(page, occasion_id=occasion.id))


@allow(STAFF)
def refresh(occasion_id: int):
    """Add the people the event, engagement or delegation names now and the desk does not have yet."""
    occasion, source = load_occasion(occasion_id, need="edit")
    added = services.add_invitees(occasion, services.invitees_of(occasion.source_kind, source))
    services.refresh_ranks(occasion)
    db.session.commit()
    flash(_("%(count)d people added.", count=len(added)), "success")
    return redirect(url_for("protocol.occasion", occasion_id=occasion.id))


@allow(STAFF)
def add_participant(occasion_id: int):
    occasion, _source = load_occasion(occasion_id, need="edit")
    form = AddParticipantForm()
    if not form.validate_on_submit():
        flash(error_text(form), "danger")
    else:
        added = services.add_invitees(
            occasion, [services.Invitee("contact", form.contact_id.data, form.side.data)]
        )
        db.session.commit()
        if added:
            flash(_("Added."), "success")
        else:
            flash(_("This person is already on the list."), "info")
    return redirect(url_for("protocol.occasion", occasion_id=occasion.id))


def _participant_form(occasion: Occasion, participant, formdata=None):
    locale = viewer_locale()
    others = [
        (person.id, person.name_for(locale))
        for person in load_people([p for p in occasion.participants if p.id != participant.id])
    ]
    return ParticipantForm(
        formdata=formdata,
        obj=participant,
        ranks=[(r, f"{r.label.get_for(locale)} ({r.level})") for r in ranks(include_inactive=False)],
        others=others,
        data={
            "rank_id": "" if participant.rank_from_title else str(participant.rank_id or ""),
            "interprets_for_id": str(participant.interprets_for_id or ""),
        },
    )


@allow(STAFF)
def participant(occasion_id: int, participant_id: int):
    occasion, _source = load_occasion(occasion_id, need="edit")
    person = load_participant(occasion, participant_id)
    form = _participant_form(occasion, person, formdata=request.form if request.method == "POST" else None)
    if request.method == "POST" and form.validate():
        other_ids = {str(p.id) for p in occasion.participants if p.id != person.id}
        interprets_for = form.interprets_for_id.data if form.interprets_for_id.data in other_ids else None
        partner_id = form.partner_id.data or None
        if partner_id is not None and db.session.get(Partner, partner_id) is None:
            abort(400)
        services.update_participant(
            person,
            side=form.side.data,
            role=form.role.data,
            rank_id=int(form.rank_id.data) if form.rank_id.data else None,
            adjustment=form.adjustment.data or 0,
            adjustment_reason=(form.adjustment_reason.data or "").strip() or None,
            took_office_on=form.took_office_on.data,
            partner_id=partner_id,
            interprets_for_id=int(interprets_for) if interprets_for else None,
        )
        db.session.commit()
        flash(_("Saved."), "success")
        return redirect(url_for("protocol.occasion", occasion_id=occasion.id))
    shown = load_people([person])[0]
    return render_template(
        "protocol/participant.html", occasion=occasion, participant=person, person=shown, form=form,
        locale=viewer_locale(),
    )  # fmt: skip


@allow(STAFF)
def remove_participant(occasion_id: int, participant_id: int):
    occasion, _source = load_occasion(occasion_id, need="edit")
    services.remove_participant(load_participant(occasion, participant_id))
    db.session.commit()
    flash(_("Removed from the list."), "success")
    return redirect(url_for("protocol.occasion", occasion_id=occasion.id))
