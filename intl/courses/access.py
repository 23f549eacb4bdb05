"""Who may do what with staff courses: staff keep courses, sessions, enrolment and attendance; interns read
them. Sessions and enrolments follow their course (an archived course hides them from all but administrators:
the views load the course too)."""

from __future__ import annotations

from ..core.access import READERS, STAFF, Policy, can, in_roles, policy_for
from .models import Course, CourseSession, Enrolment


@policy_for(Course)
class CoursePolicy(Policy):
    def view(self, user, record) -> bool:
        return in_roles(user, READERS)

    def edit(self, user, record) -> bool:
        return in_roles(user, STAFF)


@policy_for(CourseSession)
class CourseSessionPolicy(Policy):
    def view(self, user, record) -> bool:
        return can(user, Course if record is None else record.course, "view")

    def edit(self, user, record) -> bool:
        return can(user, Course if record is None else record.course, "edit")


@policy_for(Enrolment)
class EnrolmentPolicy(Policy):
    def view(self, user, record) -> bool:
        return can(user, Course if record is None else record.course, "view")

    def edit(self, user, record) -> bool:
        return can(user, Course if record is None else record.course, "edit")
