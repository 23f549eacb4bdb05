"""Who may do what with an account: each user keeps their own settings; administrators manage everyone's."""

from __future__ import annotations

from sqlalchemy import true

from ..core.access import ADMINS, Policy, in_roles, is_active_user, policy_for
from .models import User


@policy_for(User)
class UserPolicy(Policy):
    # Accounts are deactivated, never archived.
    archived = frozenset()

    def view(self, user, record) -> bool:
        return in_roles(user, ADMINS) or (
            record is not None and is_active_user(user) and record.id == user.id
        )

    def edit(self, user, record) -> bool:
        """A user's own settings (name shown, language, dates, zone, password)."""
        return self.view(user, record)

    def create(self, user, record) -> bool:
        return in_roles(user, ADMINS)

    def archive(self, user, record) -> bool:
        return in_roles(user, ADMINS)

    def manage(self, user, record) -> bool:
        """Role, active flag, another user's password: administrators only."""
        return in_roles(user, ADMINS)

    def visible(self, user):
        return true() if in_roles(user, ADMINS) else User.id == user.id
