"""Who keeps the office's own days: administrators (the calendar everyone reads shows them)."""

from __future__ import annotations

from ..core.access import ADMINS, EVERYONE, Policy, in_roles, policy_for
from .models import OfficeDay


@policy_for(OfficeDay)
class OfficeDayPolicy(Policy):
    def view(self, user, day) -> bool:
        return in_roles(user, EVERYONE)  # the calendars shade them for everyone

    def edit(self, user, day) -> bool:
        return in_roles(user, ADMINS)
