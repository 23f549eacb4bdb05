"""The level of reception of an inbound delegation: the proposal, the precedents, the decision."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ...core.access import READERS, STAFF, allow, can, load_or_404
from ...core.conflicts import EditConflict, check_version
from ...core.db import db
from ...core.forms import error_text
from ...delegations.models import Delegation
from .. import reception as levels
from ..forms import ReceptionForm
from ..models import Reception


@allow(READERS)
def reception(delegation_id: int):
    delegation = load_or_404(Delegation, delegation_id)
    proposal = levels.propose(delegation)
    form = ReceptionForm(
        formdata=None,
        obj=proposal.decided,
        data={} if proposal.decided else {"decided_level": proposal.level or "mayor"},
    )
    return render_template(
        "protocol/reception.html",
        delegation=delegation,
        proposal=proposal,
        form=form,
        editable=can(current_user, Reception, "edit") and can(current_user, delegation, "edit"),
    )


@allow(STAFF)
def decide(delegation_id: int):
    delegation = load_or_404(Delegation, delegation_id, need="edit")
    proposal = levels.propose(delegation)
    form = ReceptionForm()
    if not form.validate_on_submit():
        flash(error_text(form), "danger")
        return redirect(url_for("protocol.reception", delegation_id=delegation.id))
    if proposal.decided is not None:
        try:
            check_version(
                proposal.decided,
                form.version.data,
                {"decided_level": form.decided_level.data, "reason": form.reason.data},
            )
        except EditConflict:
            flash(_("Someone else recorded a decision meanwhile; read it before deciding again."), "warning")
            return redirect(url_for("protocol.reception", delegation_id=delegation.id))
    levels.decide(delegation, proposal, form.decided_level.data, form.reason.data.strip(), current_user.id)
    db.session.commit()
    flash(_("The decision is recorded."), "success")
    return redirect(url_for("protocol.reception", delegation_id=delegation.id))
