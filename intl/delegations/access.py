"""Who may do what with a delegation: staff keep them; interns read them (the members' personal details go
through contacts.personal.disclose); a leader account opens the itinerary of a programme it takes part in,
and sees in it the engagements its feed carries, no more."""

from __future__ import annotations

from ..core.access import READERS, STAFF, Policy, can, in_roles, policy_for
from .models import Delegation, DelegationMember


@policy_for(Delegation)
class DelegationPolicy(Policy):
    def view(self, user, delegation) -> bool:
        return in_roles(user, READERS)

    def edit(self, user, delegation) -> bool:
        return in_roles(user, STAFF)

    def itinerary(self, user, delegation) -> bool:
        """The programme day by day (.ics, the printed itinerary): those who read delegations, and anyone who
        may see one of its engagements (a leader on the trip)."""
        if self.view(user, delegation):
            return True
        if delegation is None:
            return False
        return any(e.archived_at is None and can(user, e, "view") for e in delegation.engagements)


@policy_for(DelegationMember)
class DelegationMemberPolicy(Policy):
    def view(self, user, member) -> bool:
        return in_roles(user, READERS)

    def edit(self, user, member) -> bool:
        return in_roles(user, STAFF)
