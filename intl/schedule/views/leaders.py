"""The leaders' schedule as an agenda (day by day), a leader's schedule as .ics for a date range, and the list
of leaders (administrators)."""

from __future__ import annotations

from datetime import date, timedelta

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ...core.access import ADMINS, EVERYONE, allow, load_or_404
from ...core.conflicts import EditConflict
from ...core.dates import read_day
from ...core.db import db
from ...core.i18n import current_locale_code
from ...core.time import office_today
from .. import services
from ..access import ALL_SCHEDULES, LEADER_ACCOUNTS
from ..agenda import agenda_days
from ..downloads import ics_response
from ..forms import LeaderForm
from ..kept import kept_for
from ..leaders import active_leaders
from ..models import Leader
from ..queries import all_leaders, leader_engagements, participant_labels

MAX_RANGE_DAYS = 366 * 5


def _date_arg(name: str, default: date) -> date:
    value = request.args.get(name)
    if not value:
        return default
    try:
        return read_day(value)
    except ValueError:
        abort(400)


def chosen_leaders(leaders: list | None = None) -> list[int]:
    """The leaders asked for (`leader=` arguments) among the active ones (`leaders`, when already read)."""
    known = {leader.id for leader in (active_leaders() if leaders is None else leaders)}
    return [int(v) for v in request.args.getlist("leader") if v.isdigit() and int(v) in known]


@allow(EVERYONE)
def agenda():
    start = _date_arg("from", office_today())
    end = _date_arg("to", start + timedelta(days=13))
    if end < start or (end - start).days > 92:
        abort(400)
    everyone = active_leaders()
    leaders = chosen_leaders(everyone)
    # the agenda shows no programme's partners: each engagement's programme comes in the same statement
    engagements = leader_engagements(leaders, start, end, delegation_partners=False)
    return render_template(
        "schedule/agenda.html",
        days=agenda_days(engagements, participant_labels(engagements), current_user),
        start=start,
        end=end,
        leaders=everyone,
        chosen=leaders,
        kept_clashes=kept_for([e.id for e in engagements]),
        previous=start - timedelta(days=14),
        following=end + timedelta(days=1),
    )


@allow(ALL_SCHEDULES | LEADER_ACCOUNTS)
def leader_ics(leader_id: int):
    """A leader's schedule over a range: the same rule as subscribing to it (LeaderPolicy.schedule)."""
    leader = load_or_404(Leader, leader_id, need="schedule")
    start = _date_arg("from", office_today())
    end = _date_arg("to", start + timedelta(days=90))
    if end < start or (end - start).days > MAX_RANGE_DAYS:
        abort(400)
    locale = current_locale_code()
    name = f"{leader.title.get_for(locale)} {leader.names.get_for(locale)}".strip()
    return ics_response(
        f"schedule-{leader.id}-{start}-{end}.ics",
        name,
        leader_engagements([leader.id], start, end),
        current_user,
    )


# --- the list of leaders (administrators) ---------------------------------------------------------------


@allow(ADMINS)
def leaders():
    return render_template("schedule/leaders.html", leaders=all_leaders())


@allow(ADMINS)
def new_leader():
    form = LeaderForm()
    if form.validate_on_submit():
        services.create_leader(**form.fields())
        db.session.commit()
        flash(_("The leader is saved."), "success")
        return redirect(url_for("schedule.leaders"))
    return render_template("schedule/leader_form.html", form=form, leader=None, conflict=None)


@allow(ADMINS)
def edit_leader(leader_id: int):
    leader = load_or_404(Leader, leader_id, need="edit")
    form = LeaderForm(
        obj=leader, data={"names": leader.names, "title": leader.title, "user_id": str(leader.user_id or "")}
    )
    conflict = None
    if form.validate_on_submit():
        try:
            services.update_leader(leader, form.version.data, **form.fields())
        except EditConflict as error:
            conflict = error.conflict
            form.version.data = leader.version
        else:
            db.session.commit()
            flash(_("The leader is saved."), "success")
            return redirect(url_for("schedule.leaders"))
    return render_template("schedule/leader_form.html", form=form, leader=leader, conflict=conflict)
