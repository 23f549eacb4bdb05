"""All event URLs.

| URL | roles | what |
| --- | --- | --- |
| /events, /events/<id> | admin, officer, intern | the list; an event with its programme and figures |
| /events/new, /events/<id>/edit, .../cancel, .../archive, .../token | admin, officer | keep an event |
| /events/<id>/sessions/new, .../sessions/<item>[/cancel] | admin, officer | the programme's sessions |
| /events/<id>/registrations[.csv, .xlsx], .../registrations/new, .../status, /waitlist/promote | admin, officer | the guest list |
| /events/<id>/check-in[/<registration>], /events/<id>/walk-in | admin, officer, intern | the door |
| /events/<id>/invitations[.csv, .xlsx], .../invitations/send | admin, officer | invitation lists, mail merge, the invitations sent by e-mail (a job) |
| /register/<token>, /register/<token>/r/<reg_token>[/event.ics] | anyone with the link | the guests' pages |
"""

from flask import Blueprint

from ..core import hooks
from ..core.jobs import register_job_kind
from ..core.translations import labels as translated
from ..schedule.models import ENGAGEMENT_KINDS, ENGAGEMENT_STATUSES, VISIBILITIES
from . import access  # noqa: F401  (registers the policies)
from .guest_mail import GUEST_NOTICE_JOB
from .mailing import CANCELLATION_JOB, INVITATIONS_JOB
from .models import (
    AUDIENCES,
    EVENT_KINDS,
    EVENT_STATUSES,
    EVENT_VISIBILITIES,
    REGISTRATION_MODES,
    REGISTRATION_SOURCES,
    REGISTRATION_STATUSES,
    Event,
)
from .services import after_archive_change
from .views import events, invitations, public, registrations

bp = Blueprint("events", __name__)

EVENT = "/events/<int:event_id>"
GUEST = "/register/<token>/r/<reg_token>"

bp.add_url_rule("/events", "index", events.index)
bp.add_url_rule("/events/new", "create", events.create, methods=["GET", "POST"])
bp.add_url_rule(EVENT, "detail", events.detail)
bp.add_url_rule(f"{EVENT}/edit", "edit", events.edit, methods=["GET", "POST"])
bp.add_url_rule(f"{EVENT}/cancel", "cancel", events.cancel, methods=["POST"])
bp.add_url_rule(f"{EVENT}/archive", "archive", events.archive, methods=["POST"])
bp.add_url_rule(f"{EVENT}/token", "rotate_token", events.rotate_token, methods=["POST"])
bp.add_url_rule(f"{EVENT}/sessions/new", "add_session", events.add_session, methods=["GET", "POST"])
bp.add_url_rule(
    f"{EVENT}/sessions/<int:item_id>", "edit_session", events.edit_session, methods=["GET", "POST"]
)
bp.add_url_rule(
    f"{EVENT}/sessions/<int:item_id>/cancel", "cancel_session", events.cancel_session, methods=["POST"]
)

bp.add_url_rule(f"{EVENT}/registrations", "registrations_list", registrations.registrations_list)
bp.add_url_rule(
    f"{EVENT}/registrations.<any(csv, xlsx):fmt>", "export_registrations", registrations.export_registrations
)
bp.add_url_rule(
    f"{EVENT}/registrations/new", "add_registration", registrations.add_registration, methods=["POST"]
)
bp.add_url_rule(
    f"{EVENT}/registrations/<int:registration_id>/status",
    "registration_status",
    registrations.registration_status,
    methods=["POST"],
)
bp.add_url_rule(f"{EVENT}/waitlist/promote", "promote_next", registrations.promote_next, methods=["POST"])
bp.add_url_rule(f"{EVENT}/check-in", "check_in", registrations.check_in)
bp.add_url_rule(
    f"{EVENT}/check-in/<int:registration_id>", "mark_attended", registrations.mark_attended, methods=["POST"]
)
bp.add_url_rule(f"{EVENT}/walk-in", "walk_in", registrations.walk_in, methods=["POST"])

bp.add_url_rule(f"{EVENT}/invitations", "invitations", invitations.invitations)
bp.add_url_rule(f"{EVENT}/invitations", "save_invitations", invitations.save_invitations, methods=["POST"])
bp.add_url_rule(
    f"{EVENT}/invitations.<any(csv, xlsx):fmt>", "export_invitations", invitations.export_invitations
)
bp.add_url_rule(
    f"{EVENT}/invitations/send", "send_invitations", invitations.send_invitations, methods=["POST"]
)

bp.add_url_rule("/register/<token>", "public_register", public.public_register, methods=["GET", "POST"])
bp.add_url_rule(GUEST, "public_status", public.public_status)
bp.add_url_rule(GUEST, "public_respond", public.public_respond, methods=["POST"])
bp.add_url_rule(f"{GUEST}/event.ics", "public_ics", public.public_ics)

bp.after_request(public.keep_guest_links_private)


@bp.context_processor
def labels():
    return {
        "EVENT_KINDS": translated(EVENT_KINDS),
        "AUDIENCES": translated(AUDIENCES),
        "EVENT_STATUSES": translated(EVENT_STATUSES),
        "EVENT_VISIBILITIES": translated(EVENT_VISIBILITIES),
        "REGISTRATION_MODES": translated(REGISTRATION_MODES),
        "REGISTRATION_STATUSES": translated(REGISTRATION_STATUSES),
        "REGISTRATION_SOURCES": translated(REGISTRATION_SOURCES),
        "ENGAGEMENT_KINDS": translated(ENGAGEMENT_KINDS),
        "ENGAGEMENT_STATUSES": translated(ENGAGEMENT_STATUSES),
        "VISIBILITIES": translated(VISIBILITIES),
    }


@bp.record_once
def _register(state) -> None:
    # Archived, restored or purged: the programme's calendar entries follow (cancelled, or back).
    hooks.archive_changed.register(after_archive_change, Event)
    # Guests' confirmations, the invitations and a cancellation's news go out from the worker.
    for kind in (GUEST_NOTICE_JOB, INVITATIONS_JOB, CANCELLATION_JOB):
        register_job_kind(kind)
