"""Who may do what with the lecture series: staff keep series, lectures, reports and photos; interns read them.
A lecture and its photos follow their series (an archived series hides them from all but administrators:
the views load the series too)."""

from __future__ import annotations

from ..core.access import READERS, STAFF, Policy, can, in_roles, policy_for
from .models import Lecture, LecturePhoto, LectureSeries


@policy_for(LectureSeries)
class LectureSeriesPolicy(Policy):
    def view(self, user, record) -> bool:
        return in_roles(user, READERS)

    def edit(self, user, record) -> bool:
        return in_roles(user, STAFF)


@policy_for(Lecture)
class LecturePolicy(Policy):
    def view(self, user, record) -> bool:
        return can(user, LectureSeries if record is None else record.series, "view")

    def edit(self, user, record) -> bool:
        return can(user, LectureSeries if record is None else record.series, "edit")


@policy_for(LecturePhoto)
class LecturePhotoPolicy(Policy):
    def view(self, user, record) -> bool:
        return can(user, Lecture if record is None else record.lecture, "view")

    def edit(self, user, record) -> bool:
        return can(user, Lecture if record is None else record.lecture, "edit")
