"""Who may do what with the internship programme, in one place.

Staff keep programmes, positions, applications and placements; an application is a student's personal data,
seen by staff only. An intern sees their own placements and log, and nobody else's; they log hours while the
placement runs and change an entry until it is approved. The placement's supervisor (or any administrator)
approves the log and writes the evaluation. Leaders see none of it.
"""

from __future__ import annotations

from ..core.access import ADMINS, INTERN, PERSONAL_DATA, STAFF, Policy, can, in_roles, policy_for
from .models import InternshipApplication, InternshipPosition, InternshipProgramme
from .placement_models import ActivityEntry, Evaluation, Placement

INTERNS = frozenset({INTERN})  # hold placements and log their hours
PLACEMENT_PEOPLE = STAFF | INTERNS  # reach a placement's page (staff any, an intern their own)


@policy_for(InternshipProgramme)
class ProgrammePolicy(Policy):
    def view(self, user, record) -> bool:
        return in_roles(user, STAFF)

    def edit(self, user, record) -> bool:
        return in_roles(user, STAFF)


@policy_for(InternshipPosition)
class PositionPolicy(Policy):
    """A position follows its programme (the views load the programme too: archived, it hides them)."""

    def view(self, user, record) -> bool:
        return can(user, InternshipProgramme if record is None else record.programme, "view")

    def edit(self, user, record) -> bool:
        return can(user, InternshipProgramme if record is None else record.programme, "edit")


@policy_for(InternshipApplication)
class ApplicationPolicy(Policy):
    def view(self, user, record) -> bool:
        return in_roles(user, STAFF)

    def edit(self, user, record) -> bool:
        return in_roles(user, STAFF)

    def personal(self, user, record) -> bool:
        """The student's e-mail, phone and documents."""
        return in_roles(user, PERSONAL_DATA) and self.view(user, record)


def _own(user, placement: Placement | None) -> bool:
    return placement is not None and in_roles(user, INTERNS) and user.id == placement.intern_id


@policy_for(Placement)
class PlacementPolicy(Policy):
    def view(self, user, record) -> bool:
        return in_roles(user, STAFF) or _own(user, record)

    def edit(self, user, record) -> bool:
        return in_roles(user, STAFF)

    def review(self, user, record) -> bool:
        """Approve log entries and write the evaluation: the placement's supervisor, or any administrator."""
        if in_roles(user, ADMINS):
            return True
        return record is not None and in_roles(user, STAFF) and user.id == record.supervisor_id

    def review_all(self, user, record) -> bool:
        """See every supervisor's queue of entries to approve."""
        return in_roles(user, ADMINS)

    def log(self, user, record) -> bool:
        """Add to the log: the intern themself, while the placement runs."""
        return _own(user, record) and record.status == "active"

    def visible(self, user):
        if in_roles(user, STAFF):
            return super().visible(user)
        if in_roles(user, INTERNS):
            return Placement.intern_id == user.id
        return super().visible(user)


@policy_for(ActivityEntry)
class ActivityEntryPolicy(Policy):
    def view(self, user, record) -> bool:
        return can(user, Placement if record is None else record.placement, "view")

    def edit(self, user, record) -> bool:
        """The intern's own entry; whether its state still allows a change is the log's rule (an approved
        entry, or one of a placement that no longer runs, is locked)."""
        return record is not None and _own(user, record.placement)

    def review(self, user, record) -> bool:
        return can(user, Placement if record is None else record.placement, "review")


@policy_for(Evaluation)
class EvaluationPolicy(Policy):
    def view(self, user, record) -> bool:
        return can(user, Placement if record is None else record.placement, "view")

    def edit(self, user, record) -> bool:
        return can(user, Placement if record is None else record.placement, "review")
