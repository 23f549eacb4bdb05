"""The seating plan: the page, the proposal from the order of precedence, and moves (drag and drop or the
keyboard; a move that breaks a convention is made and the breach shown, never refused)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ...contacts.models import NEEDS
from ...contacts.personal import may_see_personal
from ...core.access import READERS, STAFF, allow, can
from ...core.db import db
from .. import services
from ..forms import OccasionForm, SeatForm
from ..models import SIDES
from ..plan import plan_view
from ..queries import precedence
from .common import load_occasion, load_participant, source_url, viewer_locale


def _render(occasion, source, template: str):
    locale = viewer_locale()
    entries = precedence(occasion, with_needs=may_see_personal(current_user), action="view")
    return render_template(
        template,
        occasion=occasion,
        source=source,
        back=source_url(occasion),
        plan=plan_view(
            occasion,
            entries,
            locale,
            {k: str(v) for k, v in NEEDS.items()},
            {k: str(v) for k, v in SIDES.items()},
        ),
        editable=can(current_user, occasion, "edit"),
        form=OccasionForm(obj=occasion, formdata=None),
        locale=locale,
    )


@allow(READERS)
def seating(occasion_id: int):
    occasion, source = load_occasion(occasion_id)
    return _render(occasion, source, "protocol/seating.html")


@allow(STAFF)
def propose(occasion_id: int):
    occasion, _source = load_occasion(occasion_id, need="edit")
    services.propose_plan(occasion)
    db.session.commit()
    flash(_("A plan is proposed from the order of precedence. Move people as you see fit."), "success")
    return redirect(url_for("protocol.seating", occasion_id=occasion.id))


@allow(STAFF)
def move(occasion_id: int):
    """Seat someone (or take them off the plan). From the page's script it answers the plan again (HTML),
    with the warnings; from a plain form it goes back to the page."""
    occasion, source = load_occasion(occasion_id, need="edit")
    from_script = request.headers.get("X-Requested-With") == "fetch"
    form = SeatForm()
    if not form.validate_on_submit():
        if from_script:
            abort(400)
        flash(_("Choose a person and a seat."), "danger")
        return redirect(url_for("protocol.seating", occasion_id=occasion.id))
    participant = load_participant(occasion, form.participant_id.data)
    try:
        services.move(occasion, participant, form.table.data, form.seat.data)
    except services.BadSeat:
        if from_script:
            abort(400)
        flash(_("There is no such seat in this room."), "danger")
        return redirect(url_for("protocol.seating", occasion_id=occasion.id))
    db.session.commit()
    if from_script:
        return _render(occasion, source, "protocol/_plan.html")
    return redirect(url_for("protocol.seating", occasion_id=occasion.id))
