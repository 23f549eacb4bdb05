"""What the schedule's pages, the printed briefings and the dashboard read: engagements of leaders over a
range of office days (only those the reader may see), the names of participants, the programmes offered as a
filter, the leaders and the subscriptions."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from flask import url_for
from flask_login import current_user
from sqlalchemy import case, exists, literal, select
from sqlalchemy.orm import joinedload, selectinload

from ..auth.models import User
from ..core.access import visible
from ..core.db import db
from ..core.i18n import current_locale_code
from ..core.models import RECORD_KINDS
from ..core.time import now_utc, office_zone
from .access import detailed_engagements
from .calendar_texts import participant_names
from .models import Engagement, EngagementParticipant, FeedToken, Leader

MAX_LENGTH = timedelta(days=32)  # the longest an engagement may last (the form's rule)


def programme_model() -> type:
    """The delegation (programme) model, which this package may not import: the engagement names it by its
    record kind, through the relationship every engagement has."""
    return RECORD_KINDS["delegation"]


def taking_part(engagement, *conditions):
    """EXISTS: a participant of `engagement` (the Engagement entity or an alias) matching `conditions`, asked
    per engagement through the participants' primary key. The callers start from an index range of a few
    days; OFFSET 0 keeps PostgreSQL from turning the EXISTS into a join that hashes every participation of
    these people first (their whole history: 12,000 rows and 23 ms for two leaders at five years)."""
    return (
        select(literal(1))
        .where(EngagementParticipant.engagement_id == engagement.id, *conditions)
        .offset(0)
        .exists()
    )


def participant_labels(engagements) -> dict:
    """(kind, id) -> the participant's name in the viewer's language, for all these engagements at once."""
    locale = current_locale_code()
    return {
        key: value(locale) if callable(value) else value
        for key, value in participant_names(engagements).items()
    }


def _of_leaders(leader_ids: list[int], start: date, end: date, user) -> list:
    """The conditions of leader_engagements: live, in [start, end] (office days), seen by `user`, and with one
    of these leaders taking part (everyone's when none are given)."""
    zone = office_zone()
    begin = datetime.combine(start, time(), zone)
    finish = datetime.combine(end + timedelta(days=1), time(), zone)
    # An engagement lasts at most a month (the form's rule): bounding the start keeps the query to the range
    # instead of all history before it.
    conditions = [
        Engagement.archived_at.is_(None),
        Engagement.start_dt < finish,
        Engagement.end_dt > begin,
        Engagement.start_dt > begin - MAX_LENGTH,
        visible(user, Engagement),
    ]
    if leader_ids:
        # A bounded range: test each engagement of those days rather than collect all of a leader's history.
        conditions.append(
            exists().where(
                EngagementParticipant.engagement_id == Engagement.id,
                EngagementParticipant.kind == "leader",
                EngagementParticipant.ref_id.in_(leader_ids),
            )
        )
    return conditions


def leader_engagements(
    leader_ids: list[int],
    start: date,
    end: date,
    delegation_id: int | None = None,
    user=None,
    delegation_partners: bool = True,
):
    """Engagements in [start, end] (office days) of these leaders, or of everyone when none are given, that
    `user` (the current one by default) may see. With `delegation_partners=False` each engagement's
    delegation comes in the same statement without its partners (who may see an engagement's details needs
    only its delegation's lead officer): one statement whatever the week holds."""
    user = current_user if user is None else user
    stmt = select(Engagement).where(*_of_leaders(leader_ids, start, end, user))
    if delegation_partners:
        stmt = stmt.options(selectinload(Engagement.delegation))
    else:
        stmt = stmt.options(joinedload(Engagement.delegation).lazyload("*"))
    if delegation_id:
        stmt = stmt.where(Engagement.delegation_id == delegation_id)
    return list(db.session.scalars(stmt.order_by(Engagement.start_dt, Engagement.id)))


# What a summary of engagements shows (the dashboard's week): their times, title and venue.
SUMMARY_COLUMNS = (
    Engagement.id,
    Engagement.start_dt,
    Engagement.end_dt,
    Engagement.timezone,
    Engagement.all_day,
    Engagement.title,
    Engagement.venue,
)


def leader_engagement_rows(leader_ids: list[int], start: date, end: date, user) -> tuple[list, dict]:
    """leader_engagements less the cancelled ones, as rows of SUMMARY_COLUMNS with `detailed`: whether `user`
    sees each in full (the access rule's own SQL form, as the feeds ask it); and engagement id -> its
    leaders' ids. Two statements, whatever the range holds: a busy week is a hundred engagements, which as
    records with their participants were the dashboard's largest cost."""
    detailed = case((detailed_engagements(user), literal(True)), else_=literal(False)).label("detailed")
    rows = db.session.execute(
        select(*SUMMARY_COLUMNS, detailed)
        .where(*_of_leaders(leader_ids, start, end, user), Engagement.status != "cancelled")
        .order_by(Engagement.start_dt, Engagement.id)
    ).all()
    # asked even for an empty week: the same statements always
    return rows, leaders_taking_part([row.id for row in rows])


def leaders_taking_part(
    engagement_ids: list[int], leader_ids: list[int] | None = None
) -> dict[int, list[int]]:
    """Engagement id -> the ids of its leaders (of `leader_ids` only, when given), in order: one statement,
    by engagement (the participants' primary key), never by leader, which would read all their history."""
    stmt = select(EngagementParticipant.engagement_id, EngagementParticipant.ref_id).where(
        EngagementParticipant.engagement_id.in_(engagement_ids), EngagementParticipant.kind == "leader"
    )
    if leader_ids is not None:
        stmt = stmt.where(EngagementParticipant.ref_id.in_(leader_ids))
    leaders: dict[int, list[int]] = {}
    for engagement_id, leader_id in db.session.execute(
        stmt.order_by(EngagementParticipant.engagement_id, EngagementParticipant.ref_id)
    ):
        leaders.setdefault(engagement_id, []).append(leader_id)
    return leaders


def live_programme(programme_id: int):
    """The programme (delegation) of this id, unless there is none or it is archived."""
    programme = db.session.get(programme_model(), programme_id)
    return programme if programme is not None and programme.archived_at is None else None


def offered_programmes(first: date, last: date, user) -> list:
    """The programmes (delegations) overlapping these days that `user` may see, for the calendar's filter."""
    model = programme_model()
    stmt = (
        select(model)
        .where(
            model.archived_at.is_(None),
            model.start_on <= last,
            model.end_on >= first,
            visible(user, model),
        )
        .order_by(model.start_on, model.id)
    )
    return list(db.session.scalars(stmt))


def account_choices() -> list[tuple[str, str]]:
    """The active accounts a leader's schedule may belong to (their own, or an aide's)."""
    users = db.session.scalars(select(User).where(User.active.is_(True)).order_by(User.display_name))
    return [(str(u.id), f"{u.display_name} ({u.username})") for u in users]


def active_leader(leader_id: int) -> Leader | None:
    leader = db.session.get(Leader, leader_id)
    return leader if leader is not None and leader.active else None


def all_leaders() -> list[Leader]:
    return list(db.session.scalars(select(Leader).order_by(Leader.position, Leader.id)))


def coming_engagements_of(leader: Leader) -> list[Engagement]:
    """The leader's engagements from now on (whose calendar entries carry the leader's name)."""
    return list(
        db.session.scalars(
            select(Engagement).where(
                Engagement.start_dt >= now_utc(),
                Engagement.archived_at.is_(None),
                Engagement.id.in_(
                    select(EngagementParticipant.engagement_id).where(
                        EngagementParticipant.kind == "leader", EngagementParticipant.ref_id == leader.id
                    )
                ),
            )
        )
    )


def feed_tokens_of(user) -> list[FeedToken]:
    """A user's subscription addresses, the working ones first."""
    return list(
        db.session.scalars(
            select(FeedToken)
            .where(FeedToken.owner_id == user.id)
            .order_by(FeedToken.revoked_at.is_not(None), FeedToken.id.desc())
        )
    )


def leader_label(leader_id: int | None, locale: str) -> str:
    """'Mayor Chen Chi-mai' in the reader's language (the leaders are few and stay in the session)."""
    leader = db.session.get(Leader, leader_id) if leader_id is not None else None
    if leader is None:
        return ""
    return f"{leader.title.get_for(locale)} {leader.names.get_for(locale)}".strip()


def trip_url(trip) -> str:
    """Where a trip is read: its programme's page, or the leader's clashes page that lists the stays."""
    if trip.delegation_id is not None:
        return url_for("delegations.detail", delegation_id=trip.delegation_id)
    return url_for("schedule.clashes", leader=trip.leader_id, _anchor="stays")
