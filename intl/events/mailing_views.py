"""Sending the invitations by e-mail: the officer starts the job and watches it on its page."""

from __future__ import annotations

from flask import flash, redirect, url_for
from flask_babel import gettext as _

from ..core import mail
from ..core.db import db
from ..core.permissions import STAFF, roles_required
from . import mailing
from .event_views import get_event_or_404


@roles_required(*STAFF)
def send_invitations(event_id: int):
    event = get_event_or_404(event_id, need="edit")
    if not mail.is_configured():
        flash(_("No mail server is configured, so the app cannot send e-mail."), "danger")
        return redirect(url_for("events.invitations", event_id=event.id))
    job = mailing.send_invitations(event)
    if job is None:
        flash(_("Every invited guest with an e-mail address has been mailed the invitation."), "info")
        return redirect(url_for("events.invitations", event_id=event.id))
    db.session.commit()
    flash(_("The invitations are being sent."), "success")
    return redirect(url_for("jobs.detail", job_id=job.id))
