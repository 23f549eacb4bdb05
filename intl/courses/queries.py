"""The course lists: the courses (newest first, or those counting towards a plan item)."""

from __future__ import annotations

from sqlalchemy import select

from ..core.pagination import SortTerm
from ..core.plan_links import item_filter
from .models import Course


def course_list(plan_item: int | None = None):
    """(SELECT of the live courses, sort terms)."""
    stmt = select(Course).where(Course.archived_at.is_(None))
    if plan_item:
        stmt = stmt.where(item_filter(Course.plan_item_id, plan_item))
    return stmt, [SortTerm(Course.id, True)]
