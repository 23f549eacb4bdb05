"""Who may do what with an interaction: the office's readers see them on timelines, staff keep them."""

from __future__ import annotations

from ..core.access import Policy, policy_for
from .models import Interaction


@policy_for(Interaction)
class InteractionPolicy(Policy):
    """The defaults: readers view, staff add, edit and archive; administrators open archived ones."""
