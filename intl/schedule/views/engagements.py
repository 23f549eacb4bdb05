"""Engagement pages: create (in a programme or standalone), view, edit with clash warnings, cancel, archive,
.ics; and the live clash check the form calls as it changes."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from flask import abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ...core.access import EVERYONE, STAFF, allow, can, load_or_404
from ...core.conflicts import EditConflict
from ...core.dates import DateReadError, read_day
from ...core.db import db
from ...core.i18n import current_locale_code, format_date, format_datetime
from ...core.time import all_zone_names, office_zone_name
from .. import kept, services
from ..clashes import Candidate, find_clashes
from ..daynotes import day_notes
from ..downloads import ics_response
from ..forms import ClashProbeForm, EngagementForm
from ..models import Engagement
from ..queries import leader_label, participant_labels, programme_model, trip_url


def _default_zone(delegation) -> str:
    if delegation is not None and delegation.direction == "outbound" and delegation.partners:
        return delegation.partners[0].timezone
    return office_zone_name()


def _fields(form: EngagementForm) -> dict:
    start, end = form.span()
    return {
        "title": form.title.localized,
        "kind": form.kind.data,
        "start_dt": start,
        "end_dt": end,
        "timezone": form.timezone.data,
        "all_day": form.all_day.data,
        "venue": form.venue.data or None,
        "address": form.address.data or None,
        "city": form.city.data or None,
        "latitude": form.latitude.data,
        "longitude": form.longitude.data,
        "host": form.host.data or None,
        "dress_code": form.dress_code.data or None,
        "interpreter": form.interpreter.data or None,
        "notes": form.notes.data or None,
        "visibility": form.visibility.data,
        "status": form.status.data,
        "travel_minutes": form.travel_minutes.data,
    }


def _participants(form: EngagementForm) -> dict[str, list[int]]:
    return {"leader": form.leaders.data or [], "contact": form.contacts.ids, "user": form.officers.data or []}


def _clashes(fields: dict, participants: dict, exclude_id: int | None, delegation_id: int | None):
    if fields["status"] == "cancelled":
        return []
    return find_clashes(
        fields["start_dt"],
        fields["end_dt"],
        participants["leader"],
        participants["contact"],
        services.venue_key(fields["venue"]),
        exclude_id=exclude_id,
        delegation_id=delegation_id,
        candidate=Candidate(
            fields["kind"],
            fields["start_dt"],
            fields["end_dt"],
            fields["timezone"],
            fields["city"],
            fields["latitude"],
            fields["longitude"],
            fields["travel_minutes"],
            delegation_id,
        ),
    )


def _back(engagement: Engagement | None, delegation) -> str:
    if delegation is not None:
        return url_for("delegations.detail", delegation_id=delegation.id)
    if engagement is not None:
        return url_for("schedule.engagement", engagement_id=engagement.id)
    return url_for("schedule.agenda")


def _form_notes(form: EngagementForm) -> list:
    """The holidays and closures the typed dates fall on (where the form's dates and zone are valid)."""
    if form.start_on.data is None or form.timezone.data not in all_zone_names():
        return []
    last = form.end_on.data or form.start_on.data
    if last < form.start_on.data:
        return []
    return day_notes(form.start_on.data, last, form.timezone.data, current_locale_code())


def _warn_of_days(form: EngagementForm) -> None:
    for note in _form_notes(form):
        flash(_("%(date)s: %(name)s", date=format_date(note.day), name=note.name), "warning")


def _form_page(form, engagement, delegation, clashes, conflict=None):
    return render_template(
        "schedule/engagement_form.html",
        form=form,
        engagement=engagement,
        delegation=delegation,
        clashes=clashes,
        names=participant_labels([c.engagement for c in clashes if c.engagement is not None]),
        conflict=conflict,
        day_notes=_form_notes(form) if form.is_submitted() else [],
    )


@allow(STAFF)
def new_engagement():
    delegation = None
    if request.args.get("delegation", "").isdigit():
        delegation = load_or_404(programme_model(), int(request.args["delegation"]), need="edit")
    form = EngagementForm(
        data={
            "timezone": _default_zone(delegation),
            "start_on": delegation.start_on if delegation else None,
            "visibility": "internal",
            "status": "tentative",
        }
        if request.method == "GET"
        else None
    )
    clashes = []
    if form.validate_on_submit():
        fields, participants = _fields(form), _participants(form)
        clashes = _clashes(fields, participants, None, delegation.id if delegation else None)
        if not clashes or form.confirm_clashes.data:
            engagement = services.create_engagement(
                participants, delegation_id=delegation.id if delegation else None, **fields
            )
            kept.acknowledge(engagement, clashes)  # seen and saved anyway: kept, with who and when
            db.session.commit()
            flash(_("The engagement is saved."), "success")
            _warn_of_days(form)
            return redirect(_back(engagement, delegation))
    return _form_page(form, None, delegation, clashes)


@allow(EVERYONE)
def engagement(engagement_id: int):
    item = load_or_404(Engagement, engagement_id)
    return render_template(
        "schedule/engagement.html",
        engagement=item,
        details=can(current_user, item, "details"),
        names=participant_labels([item]),
        kept_clashes=kept.kept_for([item.id]).get(item.id, []),
    )


@allow(STAFF)
def edit_engagement(engagement_id: int):
    item = load_or_404(Engagement, engagement_id, need="edit")
    zone = ZoneInfo(item.timezone)
    start, end = item.start_dt.astimezone(zone), item.end_dt.astimezone(zone)
    if item.all_day:
        end = end - timedelta(days=1)
    form = EngagementForm(
        obj=item,
        data={
            "title": item.title,
            "start_on": start.date(),
            "start_time": None if item.all_day else start.time(),
            "end_on": end.date(),
            "end_time": None if item.all_day else end.time(),
            "leaders": item.participant_ids("leader"),
            "contacts": item.participant_ids("contact"),
            "officers": item.participant_ids("user"),
        },
    )
    clashes, conflict = [], None
    if form.validate_on_submit():
        fields, participants = _fields(form), _participants(form)
        clashes = _clashes(fields, participants, item.id, item.delegation_id)
        if not clashes or form.confirm_clashes.data:
            try:
                services.update_engagement(item, participants, form.version.data, **fields)
            except EditConflict as error:
                conflict, clashes = error.conflict, []
                form.version.data = item.version
            else:
                kept.acknowledge(item, clashes)
                db.session.commit()
                flash(_("The engagement is saved."), "success")
                _warn_of_days(form)
                return redirect(_back(item, item.delegation))
    return _form_page(form, item, item.delegation, clashes, conflict)


@allow(STAFF)
def cancel_engagement(engagement_id: int):
    item = load_or_404(Engagement, engagement_id, need="edit")
    services.cancel_engagement(item)
    db.session.commit()
    flash(_("The engagement is cancelled; calendars that subscribe to it will show it cancelled."), "success")
    return redirect(_back(item, item.delegation))


@allow(STAFF)
def archive_engagement(engagement_id: int):
    item = load_or_404(Engagement, engagement_id, need="archive")
    services.archive_engagement(item)
    db.session.commit()
    flash(_("The engagement is removed from the programme. An administrator can restore it."), "success")
    return redirect(_back(None, item.delegation))


@allow(EVERYONE)
def engagement_ics(engagement_id: int):
    item = load_or_404(Engagement, engagement_id)
    return ics_response(
        f"engagement-{item.id}.ics", item.title.get_for(current_locale_code()), [item], current_user
    )


@allow(STAFF)
def clash_check():
    """JSON for the form's live warning: the engagements that would clash with what is being typed. The page
    sends its date and time boxes as typed (2026-11-27 or 115/11/27 ...): they are read by the form's own
    fields, as the save will read them. A when that cannot be read or ends before it starts answers 400."""
    when = ClashProbeForm(request.args)
    if not when.timezone.data:
        when.timezone.data = office_zone_name()
    if not when.validate():
        return jsonify({"errors": when.errors}), 400
    start, end = when.span()
    try:
        leaders = [int(v) for v in request.args.getlist("leader") if v.isdigit()][:20]
        contacts = [int(v) for v in request.args.getlist("contact") if v.isdigit()][:50]
        exclude = int(request.args["exclude"]) if request.args.get("exclude", "").isdigit() else None
        delegation = int(request.args["delegation"]) if request.args.get("delegation", "").isdigit() else None
        zone = when.timezone.data
        candidate = Candidate(
            request.args.get("kind") or "meeting",
            start,
            end,
            zone,
            (request.args.get("city") or "")[:200] or None,
            _coordinate(request.args.get("latitude"), 90),
            _coordinate(request.args.get("longitude"), 180),
            int(request.args["travel"]) if request.args.get("travel", "").isdigit() else None,
            delegation,
        )
    except (KeyError, ValueError, OverflowError):
        abort(400)
    found = find_clashes(
        start,
        end,
        leaders,
        contacts,
        services.venue_key(request.args.get("venue")),
        exclude_id=exclude,
        delegation_id=delegation,
        candidate=candidate,
    )
    return jsonify(clash_json(found))


@allow(STAFF)
def day_check():
    """JSON for the form: the holidays and closures (at home) or the country's holidays (abroad) that the
    typed dates fall on. Engagements are allowed on them; the officer is told."""
    zone = request.args.get("timezone") or office_zone_name()
    try:  # the dates as typed, read as the form reads them (2026-11-27, 115/11/27, 民國115年11月27日 ...)
        first = read_day(request.args["start_on"])
        last = read_day(request.args.get("end_on") or request.args["start_on"])
    except (KeyError, DateReadError):
        abort(400)
    if first is None or last is None:
        abort(400)
    if zone not in all_zone_names() or last < first:
        abort(400)
    return jsonify(
        [
            {"day": n.day.isoformat(), "date": format_date(n.day), "name": n.name, "kind": n.kind}
            for n in day_notes(first, last, zone, current_locale_code())
        ]
    )


def _coordinate(value: str | None, limit: float) -> float | None:
    if not value:
        return None
    number = float(value)
    if not -limit <= number <= limit:
        raise ValueError
    return number


def clash_json(found) -> list[dict]:
    """The clashes as the form's live warning reads them (titles only where the reader may see them)."""
    names = participant_labels([c.engagement for c in found if c.engagement is not None])
    locale = current_locale_code()
    rows = []
    for c in found:
        who = ""
        if c.reason in ("leader", "contact"):
            who = names.get((c.reason, c.ref_id), "")
        elif c.reason in ("away", "unreachable"):
            who = names.get(("leader", c.ref_id), "") or leader_label(c.ref_id, locale)
        if c.trip is not None:
            rows.append(
                {
                    "id": None,
                    "reason": c.reason,
                    "who": who,
                    "title": c.trip.title.get_for(locale),
                    "when": f"{format_datetime(c.trip.start_dt, 'short')} – {format_datetime(c.trip.end_dt, 'short')}",
                    "url": trip_url(c.trip),
                }
            )
            continue
        rows.append(
            {
                "id": c.engagement.id,
                "reason": c.reason,
                "who": who,
                "title": c.engagement.title.get_for(locale)
                if can(current_user, c.engagement, "details")
                else _("Busy"),
                "when": format_datetime(c.engagement.start_dt, "short"),
                "url": url_for("schedule.engagement", engagement_id=c.engagement.id),
            }
        )
    return rows
