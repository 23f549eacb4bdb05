"""Who may do what at the protocol desk. Those who read an event, an engagement or a delegation read its
protocol (an occasion asks its source's policy, so a confidential engagement's seating is as closed as the
engagement); staff who may edit the source keep it. The ranking table and flag choices are read by those who
read records and kept by staff. Dietary and access needs on plans and the caterer's list are personal data:
they go through contacts.personal, whose rule is PERSONAL_DATA."""

from __future__ import annotations

from ..core.access import READERS, STAFF, Policy, can, in_roles, policy_for
from .models import FlagChoice, Occasion, Participant, Rank, Reception
from .queries import READ_ACTION, source_of


@policy_for(Rank)
class RankPolicy(Policy):
    pass  # readers read the table, staff keep it (the defaults)


@policy_for(FlagChoice)
class FlagChoicePolicy(Policy):
    pass


@policy_for(Reception)
class ReceptionPolicy(Policy):
    pass


@policy_for(Occasion)
class OccasionPolicy(Policy):
    def view(self, user, occasion) -> bool:
        if not in_roles(user, READERS):
            return False
        if occasion is None:
            return True
        source = source_of(occasion)
        return source is not None and can(user, source, READ_ACTION[occasion.source_kind])

    def edit(self, user, occasion) -> bool:
        if not in_roles(user, STAFF):
            return False
        if occasion is None:
            return True
        source = source_of(occasion)
        return source is not None and can(user, source, "edit")


@policy_for(Participant)
class ParticipantPolicy(Policy):
    def view(self, user, participant) -> bool:
        return OccasionPolicy().view(user, participant.occasion if participant else None)

    def edit(self, user, participant) -> bool:
        return OccasionPolicy().edit(user, participant.occasion if participant else None)
