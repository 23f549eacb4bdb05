"""Who may do what with a contact: the office's readers see names, titles and organizations; staff keep
contacts; personal details (e-mail, phone, address, needs...) only for PERSONAL_DATA, and only through
`personal.disclose`, which logs each showing. An affiliation follows its contact."""

from __future__ import annotations

from ..core.access import PERSONAL_DATA, Policy, in_roles, policy_for, policy_of
from .models import Affiliation, Contact


@policy_for(Contact)
class ContactPolicy(Policy):
    def personal(self, user, record) -> bool:
        return in_roles(user, PERSONAL_DATA)


@policy_for(Affiliation)
class AffiliationPolicy(Policy):
    def view(self, user, record) -> bool:
        return policy_of(Contact).view(user, record.contact if record is not None else None)

    def edit(self, user, record) -> bool:
        return policy_of(Contact).edit(user, record.contact if record is not None else None)
