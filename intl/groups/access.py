"""Who may do what with working groups and their members: the office's readers see them (names, titles and
bureaus only; a member's personal details stay on the contact's page), staff keep them."""

from __future__ import annotations

from ..core.access import Policy, policy_for
from .models import GroupMember, WorkingGroup


@policy_for(WorkingGroup)
class WorkingGroupPolicy(Policy):
    """The defaults: readers view, staff create and edit."""


@policy_for(GroupMember)
class GroupMemberPolicy(Policy):
    """The defaults, as for the group."""
