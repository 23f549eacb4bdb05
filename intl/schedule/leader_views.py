"""The leaders' schedule as an agenda (day by day), its .ics for a date range, and the list of leaders."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select
from wtforms import BooleanField, IntegerField, SelectField, StringField
from wtforms.validators import Length, NumberRange, Optional, Regexp

from ..auth.models import User
from ..core import audit
from ..core.db import db
from ..core.forms import Form, LocalizedTextField, VersionField
from ..core.i18n import current_locale_code, parse_date_input
from ..core.permissions import ADMIN, roles_required
from ..core.time import now_utc, today_in
from .blueprint import bp
from .downloads import ics_response
from .leaders import active_leaders
from .models import Engagement, EngagementParticipant, Leader
from .queries import leader_engagements, participant_labels
from .revision import bump as bump_revision
from .services import touch_engagements

SCHEDULE_READERS = ("admin", "officer", "intern", "leader")
OFFICE_ZONE = "Asia/Taipei"
MAX_RANGE_DAYS = 366 * 5


def _date_arg(name: str, default: date) -> date:
    value = request.args.get(name)
    if not value:
        return default
    try:
        return parse_date_input(value)
    except ValueError:
        abort(400)


def _chosen_leaders() -> list[int]:
    known = {leader.id for leader in active_leaders()}
    return [int(v) for v in request.args.getlist("leader") if v.isdigit() and int(v) in known]


@bp.route("/schedule/agenda")
@roles_required(*SCHEDULE_READERS)
def agenda():
    today = today_in(OFFICE_ZONE)
    start = _date_arg("from", today)
    end = _date_arg("to", start + timedelta(days=13))
    if end < start or (end - start).days > 92:
        abort(400)
    leaders = _chosen_leaders()
    engagements = leader_engagements(leaders, start, end)
    by_day = defaultdict(list)
    zone = ZoneInfo(OFFICE_ZONE)
    for engagement in engagements:
        by_day[engagement.start_dt.astimezone(zone).date()].append(engagement)
    return render_template(
        "schedule/agenda.html",
        days=sorted(by_day.items()),
        start=start,
        end=end,
        leaders=active_leaders(),
        chosen=leaders,
        names=participant_labels(engagements),
        office_zone=OFFICE_ZONE,
        previous=start - timedelta(days=14),
        following=end + timedelta(days=1),
    )


@bp.route("/schedule/leaders/<int:leader_id>.ics")
@roles_required(*SCHEDULE_READERS)
def leader_ics(leader_id: int):
    leader = db.session.get(Leader, leader_id) or abort(404)
    today = today_in(OFFICE_ZONE)
    start = _date_arg("from", today)
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


# --- the list of leaders (admin) ----------------------------------------------------------------------


class LeaderForm(Form):
    names = LocalizedTextField(_l("Names"))
    title = LocalizedTextField(_l("Title"))
    user_id = SelectField(_l("Their account (or their aide's)"), choices=[], validate_choice=False)
    position = IntegerField(_l("Order"), validators=[Optional(), NumberRange(0, 1000)], default=0)
    color = StringField(
        _l("Colour in the calendar"),
        validators=[Optional(), Length(max=7), Regexp(r"^#[0-9a-fA-F]{6}$")],
        default="#0d6efd",
    )
    active = BooleanField(_l("Active"), default=True)
    version = VersionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        users = db.session.scalars(select(User).where(User.active.is_(True)).order_by(User.display_name))
        self.user_id.choices = [("", "—")] + [(str(u.id), f"{u.display_name} ({u.username})") for u in users]


def _leader_fields(form: LeaderForm) -> dict:
    return {
        "names": form.names.localized,
        "title": form.title.localized,
        "user_id": int(form.user_id.data) if (form.user_id.data or "").isdigit() else None,
        "position": form.position.data or 0,
        "color": form.color.data or "#0d6efd",
        "active": form.active.data,
    }


@bp.route("/admin/leaders")
@roles_required(ADMIN)
def leaders():
    rows = db.session.scalars(select(Leader).order_by(Leader.position, Leader.id)).all()
    return render_template("schedule/leaders.html", leaders=rows)


@bp.route("/admin/leaders/new", methods=["GET", "POST"])
@roles_required(ADMIN)
def new_leader():
    form = LeaderForm()
    if form.validate_on_submit():
        leader = Leader(**_leader_fields(form))
        db.session.add(leader)
        db.session.flush()
        audit.record_create(leader)
        bump_revision()
        db.session.commit()
        flash(_("The leader is saved."), "success")
        return redirect(url_for("schedule.leaders"))
    return render_template("schedule/leader_form.html", form=form, leader=None)


@bp.route("/admin/leaders/<int:leader_id>", methods=["GET", "POST"])
@roles_required(ADMIN)
def edit_leader(leader_id: int):
    leader = db.session.get(Leader, leader_id) or abort(404)
    form = LeaderForm(
        obj=leader, data={"names": leader.names, "title": leader.title, "user_id": str(leader.user_id or "")}
    )
    if form.validate_on_submit():
        before = leader.audit_state()
        for name, value in _leader_fields(form).items():
            setattr(leader, name, value)
        audit.record_update(leader, before)
        if (before["names"], before["title"]) != (
            leader.audit_state()["names"],
            leader.audit_state()["title"],
        ):
            # The name appears in the events: new versions of the coming ones (past ones stay as they were).
            touch_engagements(
                list(
                    db.session.scalars(
                        select(Engagement).where(
                            Engagement.start_dt >= now_utc(),
                            Engagement.archived_at.is_(None),
                            Engagement.id.in_(
                                select(EngagementParticipant.engagement_id).where(
                                    EngagementParticipant.kind == "leader",
                                    EngagementParticipant.ref_id == leader.id,
                                )
                            ),
                        )
                    )
                )
            )
        bump_revision()  # a leader's name is also the feed's name
        db.session.commit()
        flash(_("The leader is saved."), "success")
        return redirect(url_for("schedule.leaders"))
    return render_template("schedule/leader_form.html", form=form, leader=leader)
