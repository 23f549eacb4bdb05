"""Who may do what with events and guests' registrations.

Staff keep events and their guest lists. Interns read events and help at the door: they find guests by name
and mark them attended (`check_in`), and see nothing of a guest's own details. A guest's e-mail, phone and
dietary or access needs are personal data, shown only to those who may see a contact's (`personal`,
PERSONAL_DATA). A guest linked to a contact is logged through the contacts' door (`disclose`) whenever their
details are shown or exported; a guest who is no contact of the office has no entry in that log (it records
uses of contacts' data), their details are shown on the same terms.

The programme of an event is engagements of the schedule: what a user sees of them is the schedule's rule,
asked here in one place (`visible_programme`, `shows_details`, `may_edit_session`).
"""

from __future__ import annotations

from collections.abc import Iterable

from flask_login import current_user

from ..contacts.personal import disclose
from ..core.access import PERSONAL_DATA, READERS, STAFF, Policy, can, in_roles, policy_for
from .models import Event, Registration


@policy_for(Event)
class EventPolicy(Policy):
    def view(self, user, record) -> bool:
        return in_roles(user, READERS)

    def edit(self, user, record) -> bool:
        return in_roles(user, STAFF)

    def check_in(self, user, record) -> bool:
        """Interns help at the door: they find guests by name and mark them attended."""
        return in_roles(user, READERS)


@policy_for(Registration)
class RegistrationPolicy(Policy):
    """A guest's place at an event. Whoever helps at the door may find it and check the guest in; staff keep
    the list; a guest's own details need the personal-data rule."""

    def view(self, user, record) -> bool:
        return self.check_in(user, record)

    def edit(self, user, record) -> bool:
        return can(user, Event if record is None else record.event, "edit")

    def check_in(self, user, record) -> bool:
        return can(user, Event if record is None else record.event, "check_in")

    def personal(self, user, record) -> bool:
        return in_roles(user, PERSONAL_DATA)


def disclose_guests(contact_ids: Iterable[int | None], action: str = "list", user=None) -> bool:
    """Ask before showing or exporting guests' own details (e-mail, phone, needs): True when this user may see
    them; the guests who are contacts of the office (their `contact_ids`) are then logged, once per request."""
    user = current_user if user is None else user
    if not can(user, Registration, "personal"):
        return False
    return disclose({contact_id for contact_id in contact_ids if contact_id}, action, user)


# --- the programme's engagements: the schedule's rule ------------------------------------------------


def visible_programme(user, engagements: list) -> list:
    """The entries of a programme this user may see."""
    return [e for e in engagements if can(user, e, "view")]


def shows_details(user, engagements: list) -> set[int]:
    """Ids of the entries whose title, place and people this user may read (the others show as busy)."""
    return {e.id for e in engagements if can(user, e, "details")}


def may_edit_session(user, engagement) -> bool:
    return can(user, engagement, "edit")
