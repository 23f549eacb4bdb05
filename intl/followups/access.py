"""Who may do what with a follow-up, wherever it is shown (the follow-ups pages, the home page, a delegation's
page): staff keep them; the owner (an intern too) reads theirs and marks it done or open again. A follow-up's
source (a confidential letter) is shown only to those who may read it (sources.describe)."""

from __future__ import annotations

from sqlalchemy import false, true

from ..core.access import READERS, STAFF, Policy, in_roles, policy_for
from .models import FollowUp

OWNERS = READERS  # may be given follow-ups, and have a 'My follow-ups' page


@policy_for(FollowUp)
class FollowUpPolicy(Policy):
    def view(self, user, followup) -> bool:
        if followup is None:
            return in_roles(user, OWNERS)
        return in_roles(user, STAFF) or (in_roles(user, OWNERS) and followup.owner_id == user.id)

    def edit(self, user, followup) -> bool:
        """Reword, reassign, reschedule: staff."""
        return in_roles(user, STAFF)

    def status(self, user, followup) -> bool:
        """Mark done, dropped or open again: staff, and the owner of their own."""
        return self.edit(user, followup) or (
            followup is not None and in_roles(user, OWNERS) and followup.owner_id == user.id
        )

    def visible(self, user):
        if in_roles(user, STAFF):
            return true()
        return FollowUp.owner_id == user.id if in_roles(user, OWNERS) else false()

    def list_others(self, user, followup) -> bool:
        """See everyone's follow-ups (and the unassigned ones) on the list page."""
        return in_roles(user, STAFF)
