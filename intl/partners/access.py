"""Who may do what with partners and their agreements: the office's readers see them (leaders see partners
through the dashboard, not the records: DESIGN.md, roles), staff keep them, administrators open archived
ones. An agreement follows its partner; an archived partner's agreements are read-only, and seen by
administrators only."""

from __future__ import annotations

from ..core.access import ADMINS, Policy, in_roles, policy_for
from .models import Agreement, Partner


@policy_for(Partner)
class PartnerPolicy(Policy):
    """The defaults: readers view, staff create, edit and archive."""


@policy_for(Agreement)
class AgreementPolicy(Policy):
    def view(self, user, record) -> bool:
        if record is not None and record.partner.archived_at is not None:
            return in_roles(user, ADMINS)
        return super().view(user, record)

    def edit(self, user, record) -> bool:
        if record is not None and record.partner.archived_at is not None:
            return False
        return super().edit(user, record)
