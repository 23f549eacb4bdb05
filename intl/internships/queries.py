"""The internship lists and figures: programmes with their application counts, applications, placements, the
approval queue, a programme's figures, the positions a placement may take, and a placement's log."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from ..core import search
from ..core.db import db
from ..core.pagination import SortTerm
from ..core.plan_links import item_filter
from .models import InternshipApplication, InternshipPosition, InternshipProgramme
from .placement_models import ActivityEntry, Placement
from .services import APPLICATION_KIND

POSITION_CHOICES_LIMIT = 300
PROGRAMME_CHOICES_LIMIT = 50


def programme_by_token(token: str) -> InternshipProgramme | None:
    """The programme whose public application link carries this token (archived ones too: they say closed)."""
    if not token or len(token) > 64:
        return None
    return db.session.scalar(
        select(InternshipProgramme).where(InternshipProgramme.application_token == token)
    )


def programme_list(kind: str = "", term: str = "", year: int | None = None, plan_item: int | None = None):
    """(SELECT of the live programmes, sort terms): the latest first."""
    stmt = select(InternshipProgramme).where(InternshipProgramme.archived_at.is_(None))
    if kind:
        stmt = stmt.where(InternshipProgramme.kind == kind)
    if term:
        stmt = stmt.where(InternshipProgramme.term == term)
    if year is not None:
        stmt = stmt.where(InternshipProgramme.year == year)
    if plan_item:
        stmt = stmt.where(item_filter(InternshipProgramme.plan_item_id, plan_item))
    return stmt, [SortTerm(InternshipProgramme.start_on, True), SortTerm(InternshipProgramme.id, True)]


def application_counts(programme_ids: list[int]) -> dict[int, int]:
    """Live applications per programme, in one query."""
    return dict(
        db.session.execute(
            select(InternshipApplication.programme_id, func.count())
            .where(
                InternshipApplication.programme_id.in_(programme_ids),
                InternshipApplication.archived_at.is_(None),
            )
            .group_by(InternshipApplication.programme_id)
        ).all()
    )


def status_counts(programme: InternshipProgramme) -> dict[str, int]:
    """The programme's live applications per status."""
    return dict(
        db.session.execute(
            select(InternshipApplication.status, func.count())
            .where(
                InternshipApplication.programme_id == programme.id,
                InternshipApplication.archived_at.is_(None),
            )
            .group_by(InternshipApplication.status)
        ).all()
    )


def programme_placements(programme: InternshipProgramme) -> list[Placement]:
    return list(
        db.session.scalars(
            select(Placement)
            .join(InternshipPosition, Placement.position_id == InternshipPosition.id)
            .where(InternshipPosition.programme_id == programme.id)
            .order_by(Placement.start_on, Placement.id)
        )
    )


def application_list(programme: InternshipProgramme | None = None, status: str = "", q: str = ""):
    """(SELECT of the live applications, sort terms): the newest first."""
    stmt = select(InternshipApplication).where(InternshipApplication.archived_at.is_(None))
    if programme is not None:
        stmt = stmt.where(InternshipApplication.programme_id == programme.id)
    if status:
        stmt = stmt.where(InternshipApplication.status == status)
    if q:
        stmt = stmt.where(search.id_filter(InternshipApplication.id, APPLICATION_KIND, q).condition)
    return stmt, [SortTerm(InternshipApplication.id, True)]


def programme_choices() -> list[InternshipProgramme]:
    """The latest live programmes, for the application list's filter."""
    return list(
        db.session.scalars(
            select(InternshipProgramme)
            .where(InternshipProgramme.archived_at.is_(None))
            .order_by(InternshipProgramme.start_on.desc())
            .limit(PROGRAMME_CHOICES_LIMIT)
        )
    )


def placement_of(application: InternshipApplication) -> Placement | None:
    return db.session.scalar(select(Placement).where(Placement.application_id == application.id))


def placement_list(status: str = "active", supervisor_id: int | None = None):
    """(SELECT of the placements in a status (or all), of one supervisor if given, sort terms): latest first."""
    stmt = select(Placement)
    if status != "all":
        stmt = stmt.where(Placement.status == status)
    if supervisor_id is not None:
        stmt = stmt.where(Placement.supervisor_id == supervisor_id)
    return stmt, [SortTerm(Placement.start_on, True), SortTerm(Placement.id, True)]


def open_positions(programme_id: int | None = None) -> list[InternshipPosition]:
    """Positions of live programmes (of one programme if given), the latest programmes first."""
    stmt = (
        select(InternshipPosition)
        .join(InternshipProgramme, InternshipPosition.programme_id == InternshipProgramme.id)
        .where(InternshipProgramme.archived_at.is_(None))
        .order_by(InternshipProgramme.start_on.desc(), InternshipPosition.id)
    )
    if programme_id is not None:
        stmt = stmt.where(InternshipPosition.programme_id == programme_id)
    return list(db.session.scalars(stmt.limit(POSITION_CHOICES_LIMIT)))


def log_entries(placement: Placement):
    """(SELECT of a placement's log, sort terms): the latest day first."""
    stmt = select(ActivityEntry).where(ActivityEntry.placement_id == placement.id)
    return stmt, [SortTerm(ActivityEntry.work_on, True), SortTerm(ActivityEntry.id, True)]


def approval_queue(supervisor_id: int | None):
    """(SELECT of the submitted entries waiting for a supervisor (None: every supervisor), sort terms): the
    oldest work first."""
    stmt = (
        select(ActivityEntry)
        .join(Placement, ActivityEntry.placement_id == Placement.id)
        .where(ActivityEntry.status == "submitted")
        .options(joinedload(ActivityEntry.placement))
    )
    if supervisor_id is not None:
        stmt = stmt.where(Placement.supervisor_id == supervisor_id)
    return stmt, [SortTerm(ActivityEntry.work_on), SortTerm(ActivityEntry.id)]


def entries_with_placements(entry_ids: set[int]) -> list[ActivityEntry]:
    return list(
        db.session.scalars(
            select(ActivityEntry)
            .where(ActivityEntry.id.in_(entry_ids))
            .options(joinedload(ActivityEntry.placement))
        )
    )
