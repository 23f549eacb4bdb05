"""Who may do what with a contact: staff keep them, interns read names, titles and organizations only
(personal details go through `personal.disclose`)."""

from __future__ import annotations

from ..core.access import PERSONAL_DATA, Policy, in_roles, load_or_404, policy_for
from .models import Contact


@policy_for(Contact)
class ContactPolicy(Policy):
    def personal(self, user, record) -> bool:
        return in_roles(user, PERSONAL_DATA)


def get_contact_or_404(contact_id: int, need: str = "view") -> Contact:
    # TRANSITION: views move to load_or_404(Contact, id, need=...)
    return load_or_404(Contact, contact_id, need=need)
