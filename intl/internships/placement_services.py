"""Operations on placements and the activity log: logging, submitting, approving and returning entries,
the totals, and the evaluation that completes a placement."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import extract, func, select

from ..auth.models import User
from ..core import audit
from ..core.archive import purge
from ..core.audit import acting_user_id
from ..core.conflicts import check_version
from ..core.db import db
from ..core.i18n import format_date
from ..core.time import now_utc, office_today
from .models import InternshipApplication, InternshipPosition
from .placement_models import ActivityEntry, Evaluation, Placement


class LogRefused(ValueError):
    """The change is not allowed in the entry's or placement's state; the message says why."""


# --- placements --------------------------------------------------------------------------------------


def filled_places(position_ids: list[int]) -> dict[int, int]:
    """Placements that take a place (running or completed), per position, in one query."""
    if not position_ids:
        return {}
    return dict(
        db.session.execute(
            select(Placement.position_id, func.count())
            .where(Placement.position_id.in_(position_ids), Placement.status != "cancelled")
            .group_by(Placement.position_id)
        ).all()
    )


class PositionFull(ValueError):
    """Every place of the position is taken."""


def create_placement(
    position: InternshipPosition, application: InternshipApplication | None = None, **fields
) -> Placement:
    """Place an intern in a position (from their accepted application, when there is one). PositionFull when
    every place of the position is taken."""
    if application is not None and application.status != "accepted":
        raise LogRefused(_("Only an accepted application becomes a placement."))
    if filled_places([position.id]).get(position.id, 0) >= position.places:
        raise PositionFull(_("Every place of this position is taken: raise the number of places first."))
    placement = Placement(
        position_id=position.id,
        application_id=application.id if application is not None else None,
        status="active",
        **fields,
    )
    db.session.add(placement)
    db.session.flush()
    if application is not None and application.user_id != placement.intern_id:
        before = application.audit_state()
        application.user_id = placement.intern_id
        db.session.flush()
        audit.record_update(application, before)
    audit.record_create(placement)
    return placement


def update_placement(placement: Placement, *, expected_version: int | None = None, **fields) -> None:
    """Change a placement. LogRefused when it would be completed before its last day has come: completing
    early goes through the evaluation, which asks for the last day actually served."""
    check_version(placement, expected_version, fields)
    ending = fields.get("status") == "completed" and placement.status != "completed"
    if ending and fields.get("end_on", placement.end_on) > office_today():
        raise LogRefused(
            _(
                "The placement runs until %(date)s: to complete it now, write the evaluation and give the "
                "last day served.",
                date=format_date(fields.get("end_on", placement.end_on)),
            )
        )
    before = placement.audit_state()
    for name, value in fields.items():
        setattr(placement, name, value)
    if placement.status == "completed" and placement.completed_at is None:
        placement.completed_at = now_utc()
    elif placement.status != "completed":
        placement.completed_at = None
    db.session.flush()
    audit.record_update(placement, before)


def placements_of(intern: User) -> list[Placement]:
    return list(
        db.session.scalars(
            select(Placement)
            .where(Placement.intern_id == intern.id)
            .order_by(Placement.start_on.desc(), Placement.id.desc())
        )
    )


# --- completing -------------------------------------------------------------------------------------

OPEN_STATUSES = ("draft", "returned", "submitted")


def open_entries(placement_id: int) -> list[ActivityEntry]:
    """The entries not approved (drafts, returned, waiting), oldest first: what completing leaves out."""
    return list(
        db.session.scalars(
            select(ActivityEntry)
            .where(ActivityEntry.placement_id == placement_id, ActivityEntry.status.in_(OPEN_STATUSES))
            .order_by(ActivityEntry.work_on, ActivityEntry.id)
        )
    )


def ends_early(placement: Placement, today: date) -> bool:
    """Is the placement being completed before its planned last day?"""
    return placement.status != "completed" and placement.end_on > today


def check_last_day(placement: Placement, last_day: date | None, today: date) -> None:
    """The last day actually served, when a placement ends early: within its dates, not in the future, and
    not before a day whose hours were approved. LogRefused says what is wrong."""
    if last_day is None:
        raise LogRefused(_("The placement ends before its planned date: give the last day served."))
    if last_day > today:
        raise LogRefused(_("The last day served cannot be in the future."))
    if last_day < placement.start_on or last_day > placement.end_on:
        raise LogRefused(_("The last day served must fall within the placement's dates."))
    later = db.session.scalar(
        select(func.max(ActivityEntry.work_on)).where(
            ActivityEntry.placement_id == placement.id,
            ActivityEntry.status == "approved",
            ActivityEntry.work_on > last_day,
        )
    )
    if later is not None:
        raise LogRefused(_("Hours were approved for %(date)s, after that day.", date=format_date(later)))


def save_evaluation(placement: Placement, last_day: date | None = None, **fields) -> Evaluation:
    """Write (or rewrite) the supervisor's evaluation; the placement is then completed. A placement completed
    before its planned end ends on `last_day` (checked with `check_last_day`), so that the certificate attests
    only the time served."""
    evaluation = placement.evaluation
    if evaluation is None:
        evaluation = Evaluation(
            placement_id=placement.id, evaluated_by_id=acting_user_id(), evaluated_at=now_utc(), **fields
        )
        db.session.add(evaluation)
        db.session.flush()
        placement.evaluation = evaluation
        audit.record_create(evaluation)
    else:
        before = evaluation.audit_state()
        for name, value in fields.items():
            setattr(evaluation, name, value)
        evaluation.evaluated_by_id = acting_user_id()
        evaluation.evaluated_at = now_utc()
        db.session.flush()
        audit.record_update(evaluation, before)
    if placement.status != "completed":
        end = {"end_on": last_day} if last_day is not None and last_day < placement.end_on else {}
        update_placement(placement, status="completed", **end)
    return evaluation


# --- the activity log --------------------------------------------------------------------------------


def check_day(placement: Placement, work_on: date, today: date) -> None:
    if work_on < placement.start_on or work_on > placement.end_on:
        raise LogRefused(_("The day must fall within the placement's dates."))
    if work_on > today:
        raise LogRefused(_("Hours can be logged only for days that have come."))


def add_entry(placement: Placement, submit: bool, **fields) -> ActivityEntry:
    if placement.status != "active":
        raise LogRefused(_("This placement is no longer running."))
    now = now_utc()
    entry = ActivityEntry(
        placement_id=placement.id,
        status="submitted" if submit else "draft",
        submitted_at=now if submit else None,
        **fields,
    )
    db.session.add(entry)
    db.session.flush()
    audit.record_create(entry)
    return entry


def update_entry(
    entry: ActivityEntry, submit: bool, *, expected_version: int | None = None, **fields
) -> None:
    """Change an entry: allowed until it is approved. The button chosen decides whether it goes (back) to the
    supervisor or waits as a draft. EditConflict when it changed since the user's `expected_version`."""
    check_version(entry, expected_version, fields)
    if entry.status == "approved":
        raise LogRefused(_("An approved entry can no longer be changed."))
    before = entry.audit_state()
    for name, value in fields.items():
        setattr(entry, name, value)
    if submit:
        if entry.status != "submitted":
            entry.submitted_at = now_utc()
        entry.status = "submitted"
    else:
        entry.status = "draft"
        entry.submitted_at = None
    db.session.flush()
    audit.record_update(entry, before)


def submit_entry(entry: ActivityEntry) -> None:
    if entry.status == "approved":
        raise LogRefused(_("An approved entry can no longer be changed."))
    if entry.status == "submitted":
        return
    before = entry.audit_state()
    entry.status = "submitted"
    entry.submitted_at = now_utc()
    db.session.flush()
    audit.record_update(entry, before)


def delete_entry(entry: ActivityEntry) -> None:
    if entry.status == "approved":
        raise LogRefused(_("An approved entry can no longer be changed."))
    purge(entry)


def _review(entry: ActivityEntry, status: str, comment: str | None) -> None:
    if entry.status != "submitted":
        raise LogRefused(_("Only submitted entries can be approved or returned."))
    before = entry.audit_state()
    entry.status = status
    entry.reviewed_at = now_utc()
    entry.reviewed_by_id = acting_user_id()
    entry.review_comment = comment or None
    db.session.flush()
    audit.record_update(entry, before)


def approve_entry(entry: ActivityEntry, comment: str | None = None) -> None:
    _review(entry, "approved", comment)


def return_entry(entry: ActivityEntry, comment: str) -> None:
    if not (comment or "").strip():
        raise LogRefused(_("Say what should change when returning an entry."))
    _review(entry, "returned", comment.strip())


def approve_entries(entries: list[ActivityEntry]) -> int:
    """Approve the submitted ones among these entries; returns how many."""
    count = 0
    for entry in entries:
        if entry.status == "submitted":
            _review(entry, "approved", None)
            count += 1
    return count


# --- totals ------------------------------------------------------------------------------------------


@dataclass
class MonthTotal:
    month: date
    approved: int = 0  # minutes
    pending: int = 0
    unsubmitted: int = 0


@dataclass
class Totals:
    approved: int = 0  # minutes
    pending: int = 0  # submitted, waiting for the supervisor
    unsubmitted: int = 0  # drafts and returned entries
    months: list[MonthTotal] = field(default_factory=list)

    @staticmethod
    def hours(minutes: int) -> float:
        return minutes / 60


BUCKETS = {"approved": "approved", "submitted": "pending", "draft": "unsubmitted", "returned": "unsubmitted"}


def totals(placement_id: int) -> Totals:
    """Approved, pending and unsubmitted hours, overall and per month, in one query."""
    year = extract("year", ActivityEntry.work_on)
    month = extract("month", ActivityEntry.work_on)
    rows = db.session.execute(
        select(year, month, ActivityEntry.status, func.sum(ActivityEntry.minutes))
        .where(ActivityEntry.placement_id == placement_id)
        .group_by(year, month, ActivityEntry.status)
    ).all()
    result = Totals()
    months: dict[date, MonthTotal] = {}
    for row_year, row_month, status, minutes in rows:
        key = date(int(row_year), int(row_month), 1)
        bucket = BUCKETS.get(status)
        if bucket is None:
            continue
        item = months.setdefault(key, MonthTotal(key))
        setattr(item, bucket, getattr(item, bucket) + int(minutes))
        setattr(result, bucket, getattr(result, bucket) + int(minutes))
    result.months = [months[k] for k in sorted(months)]
    return result


def approved_minutes(placement: Placement) -> int:
    """The approved minutes of the days within the placement's dates: what its certificate attests."""
    return int(
        db.session.scalar(
            select(func.coalesce(func.sum(ActivityEntry.minutes), 0)).where(
                ActivityEntry.placement_id == placement.id,
                ActivityEntry.status == "approved",
                ActivityEntry.work_on.between(placement.start_on, placement.end_on),
            )
        )
    )
