"""Where the leaders are: the clashes of the coming weeks per leader (settled by moving, cancelling or
accepting with a reason), and the stays away from the city entered on their own."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from ...core.access import STAFF, allow, load_or_404
from ...core.db import db
from ...core.time import office_today, office_zone, office_zone_name
from .. import kept, services
from ..forms import AcceptClashForm, StayForm
from ..leaders import active_leaders
from ..models import Engagement, LeaderStay
from ..queries import participant_labels
from ..timeline import leader_clashes
from .leaders import chosen_leaders

MAX_WEEKS = 26
# The open clashes shown per leader; past these the page says how many more and the officer narrows the weeks.
SHOWN = 30


def _weeks() -> int:
    value = request.args.get("weeks", "6")
    if not value.isdigit() or not 1 <= int(value) <= MAX_WEEKS:
        abort(400)
    return int(value)


def _first_day() -> date:
    value = request.args.get("from", "")
    if not value:
        return office_today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        abort(400)


@allow(STAFF)
def clashes():
    weeks = _weeks()
    leaders = active_leaders()
    asked = chosen_leaders(leaders)
    chosen = asked or [leader.id for leader in leaders]
    start = datetime.combine(_first_day(), time(), office_zone())
    end = start + timedelta(weeks=weeks)
    found, more = leader_clashes(chosen, start, end, current_user, SHOWN)
    shown = [c for items in found.values() for c in items]
    stays = db.session.scalars(
        select(LeaderStay)
        .where(LeaderStay.leader_id.in_(chosen), LeaderStay.end_dt > start, LeaderStay.start_dt < end)
        .order_by(LeaderStay.start_dt)
    ).all()
    return render_template(
        "schedule/clashes.html",
        leaders=[leader for leader in leaders if leader.id in chosen],
        all_leaders=leaders,
        chosen=asked,
        found=found,
        more=more,
        weeks=weeks,
        first_day=start.date(),
        stays=stays,
        names=participant_labels([e for c in shown for e in (c.engagement, c.other) if e is not None]),
        accept_form=AcceptClashForm(),
    )


def _int_arg(name: str) -> int | None:
    value = request.form.get(name, "")
    if not value:
        return None
    if not value.isdigit():
        abort(400)
    return int(value)


@allow(STAFF)
def accept_clash():
    """Accept one clash with a reason: it stays kept and marked, but leaves the list of open ones."""
    form = AcceptClashForm()
    back = url_for("schedule.clashes", leader=chosen_leaders() or None)
    if not form.validate_on_submit():
        flash(_("Say why the clash is accepted."), "danger")
        return redirect(back)
    engagement = load_or_404(Engagement, _int_arg("engagement") or 0, need="edit")
    wanted = (
        _int_arg("first"),
        _int_arg("second"),
        _int_arg("delegation"),
        _int_arg("stay"),
        request.form.get("reason", ""),
        _int_arg("ref"),
    )
    current = [c.keyed(engagement.id) for c in kept.current_clashes(engagement)]
    match = next((c for c in current if c.key == wanted), None)
    if match is None:
        flash(_("This clash is no longer there: nothing to accept."), "warning")
        return redirect(back)
    (row,) = kept.acknowledge(engagement, [match])
    kept.accept(row, form.note.data.strip())
    db.session.commit()
    flash(_("The clash is accepted and stays marked on both engagements."), "success")
    return redirect(back)


@allow(STAFF)
def new_stay():
    form = StayForm(
        data={"timezone": office_zone_name(), "leader_id": request.args.get("leader", type=int)}
        if request.method == "GET"
        else None
    )
    if form.validate_on_submit():
        start, end = form.span()
        services.create_stay(
            leader_id=form.leader_id.data,
            place=form.place.data.strip(),
            timezone=form.timezone.data,
            start_dt=start,
            end_dt=end,
            notes=form.notes.data or None,
        )
        db.session.commit()
        flash(_("The stay is saved: the clash check now knows the leader is away."), "success")
        return redirect(url_for("schedule.clashes", leader=form.leader_id.data))
    return render_template("schedule/stay_form.html", form=form)


@allow(STAFF)
def delete_stay(stay_id: int):
    stay = load_or_404(LeaderStay, stay_id, need="edit")
    leader_id = stay.leader_id
    services.delete_stay(stay)
    db.session.commit()
    flash(_("The stay is removed."), "success")
    return redirect(url_for("schedule.clashes", leader=leader_id))
