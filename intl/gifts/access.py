"""Who may do what with gifts and the gift store: gifts and their ethics record are the officers' (interns and
leaders see nothing of them); interns may look at the store; administrators bring back withdrawn records."""

from __future__ import annotations

from ..core.access import ADMINS, READERS, STAFF, Policy, in_roles, policy_for
from .models import Gift, StockItem

GIFT_KEEPERS = STAFF  # record gifts, keep their ethics record, see partners' and contacts' gift histories
GIVERS = STAFF  # the city's people a gift is given or received by (besides its leaders)
STORE_READERS = READERS  # look at the gift store


@policy_for(Gift)
class GiftPolicy(Policy):
    def view(self, user, record) -> bool:
        return in_roles(user, GIFT_KEEPERS)

    def edit(self, user, record) -> bool:
        return in_roles(user, GIFT_KEEPERS)

    def restore(self, user, record) -> bool:
        """Bring back a withdrawn gift record (and list the withdrawn ones)."""
        return in_roles(user, ADMINS)


@policy_for(StockItem)
class StockItemPolicy(Policy):
    def view(self, user, record) -> bool:
        return in_roles(user, STORE_READERS)

    def edit(self, user, record) -> bool:
        return in_roles(user, GIFT_KEEPERS)
