"""Who may do what with an organization: the office's readers see them, staff keep them."""

from __future__ import annotations

from ..core.access import Policy, policy_for
from .models import Organization


@policy_for(Organization)
class OrganizationPolicy(Policy):
    """The defaults: readers view, staff create, edit and archive; administrators open archived ones."""
