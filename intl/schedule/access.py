"""Who may see what of the leaders' schedule: one rule for the engagement page, the agenda and the calendar,
the .ics downloads, the subscription feeds and the printed briefings and itineraries.

What each role sees of an engagement ("involved": the user takes part, leads its programme, or — for a
leader's own or aide's account — one of their leaders takes part):

| role    | confidential, involved | confidential, not involved | other, involved | other, not involved          |
| ------- | ---------------------- | -------------------------- | --------------- | ---------------------------- |
| admin   | in full                | in full                    | in full         | in full                      |
| officer | in full                | busy                       | in full         | in full                      |
| intern  | nothing                | nothing                    | in full         | in full (an interview: busy) |
| leader  | in full                | nothing                    | in full         | nothing                      |

"Busy" is the engagement's time, and on the agenda which of the leaders is busy: no title, place, guests or
notes. The table is tests/schedule/test_confidential.py::TABLE, walked over every path.

A leader account reads what its feed carries and no more. A leader's whole schedule (a download, a
subscription, a printed briefing) is open to staff and to that leader's own account: subscribing and
downloading follow the same rule, `LeaderPolicy.schedule`. A subscription answers only while `feed_problem`
finds nothing wrong with it, asked on every request.
"""

from __future__ import annotations

from sqlalchemy import false, or_, select, true

from ..core.access import ADMINS, EVERYONE, INTERN, LEADER, STAFF, Policy, can, in_roles, policy_for
from .leaders import leader_ids_of
from .models import (
    PERSONAL_KINDS,
    Engagement,
    EngagementParticipant,
    FeedToken,
    KeptClash,
    Leader,
    LeaderStay,
)

INTERNS = frozenset({INTERN})
LEADER_ACCOUNTS = frozenset({LEADER})
SUBSCRIBERS = EVERYONE  # may keep calendar subscriptions (to their own engagements at least)
ALL_SCHEDULES = STAFF  # may read, download, print and subscribe to any leader's schedule
# Read in full every engagement they see: administrators all, a leader account only what involves it.
SEE_IN_FULL = ADMINS | LEADER_ACCOUNTS


# --- engagements -------------------------------------------------------------------------------------


def involves(user, engagement: Engagement) -> bool:
    """Whether the user takes part in the engagement, leads its programme, or speaks for a leader who takes
    part."""
    mine = leader_ids_of(user)
    if mine and not set(mine).isdisjoint(engagement.participant_ids("leader")):
        return True
    if user.id in engagement.participant_ids("user"):
        return True
    return engagement.delegation_id is not None and engagement.delegation.lead_officer_id == user.id


def _taking_part(kind: str, ref_ids):
    return Engagement.id.in_(
        select(EngagementParticipant.engagement_id).where(
            EngagementParticipant.kind == kind, EngagementParticipant.ref_id.in_(ref_ids)
        )
    )


def involving(user):
    """`involves` as SQL (the account's leaders as a subquery: no lookup of its own)."""
    return or_(
        _taking_part("leader", select(Leader.id).where(Leader.user_id == user.id)),
        _taking_part("user", [user.id]),
        Engagement.delegation.has(lead_officer_id=user.id),
    )


@policy_for(Engagement)
class EngagementPolicy(Policy):
    def view(self, user, engagement) -> bool:
        """Whether the engagement shows at all (in full or as busy time)."""
        if in_roles(user, STAFF):
            return True
        if in_roles(user, INTERNS):
            return engagement is None or engagement.visibility != "confidential"
        if in_roles(user, LEADER_ACCOUNTS):
            return engagement is None or involves(user, engagement)
        return False

    def details(self, user, engagement) -> bool:
        """Whether it shows in full: title, place, people, notes. Otherwise only its time, as 'Busy'."""
        if not self.view(user, engagement):
            return False
        if in_roles(user, SEE_IN_FULL):
            return True
        if engagement.visibility == "confidential" or (
            in_roles(user, INTERNS) and engagement.kind in PERSONAL_KINDS
        ):
            return involves(user, engagement)
        return True

    def edit(self, user, engagement) -> bool:
        return in_roles(user, STAFF) and (engagement is None or self.details(user, engagement))

    def visible(self, user):
        return visible_engagements(user)


def visible_engagements(user):
    """EngagementPolicy.view as SQL: the engagements that show to `user` at all."""
    if in_roles(user, STAFF):
        return true()
    if in_roles(user, INTERNS):
        return Engagement.visibility != "confidential"
    if in_roles(user, LEADER_ACCOUNTS):
        return involving(user)
    return false()


def detailed_engagements(user):
    """EngagementPolicy.details as SQL, for engagements that show to `user` (`visible_engagements`)."""
    if in_roles(user, SEE_IN_FULL):
        return true()
    if in_roles(user, STAFF):
        return or_(Engagement.visibility != "confidential", involving(user))
    if in_roles(user, INTERNS):
        return or_(Engagement.kind.not_in(sorted(PERSONAL_KINDS)), involving(user))
    return false()


# --- leaders -----------------------------------------------------------------------------------------


@policy_for(Leader)
class LeaderPolicy(Policy):
    def view(self, user, leader) -> bool:
        return in_roles(user, EVERYONE)  # their names and colours label the calendar for everyone

    def edit(self, user, leader) -> bool:
        return in_roles(user, ADMINS)

    def schedule(self, user, leader) -> bool:
        """Read this leader's whole schedule: download it, subscribe to it, print the day's briefing."""
        if in_roles(user, ALL_SCHEDULES):
            return True
        return in_roles(user, LEADER_ACCOUNTS) and (leader is None or leader.user_id == user.id)


# --- presence and kept clashes ------------------------------------------------------------------------


@policy_for(LeaderStay)
class LeaderStayPolicy(Policy):
    """Where a leader is away: staff keep it (it is what the clash check reads)."""

    def view(self, user, stay) -> bool:
        return in_roles(user, STAFF)

    def edit(self, user, stay) -> bool:
        return in_roles(user, STAFF)


@policy_for(KeptClash)
class KeptClashPolicy(Policy):
    """A clash seen and kept: staff settle it (accept with a reason); its marks show wherever the engagements
    show, to whoever may see them."""

    def view(self, user, row) -> bool:
        return in_roles(user, STAFF)

    def edit(self, user, row) -> bool:
        return in_roles(user, STAFF)


# --- subscriptions -----------------------------------------------------------------------------------


@policy_for(FeedToken)
class FeedTokenPolicy(Policy):
    """An address is its owner's: they (and administrators) list and revoke it."""

    def view(self, user, token) -> bool:
        if token is None:
            return in_roles(user, SUBSCRIBERS)
        return token.owner_id == user.id or in_roles(user, ADMINS)

    def edit(self, user, token) -> bool:
        return self.view(user, token)

    def revoke(self, user, token) -> bool:
        return self.view(user, token)

    def visible(self, user):
        if in_roles(user, ADMINS):
            return true()
        return FeedToken.owner_id == user.id if in_roles(user, SUBSCRIBERS) else false()


def feed_problem(token: FeedToken) -> str | None:
    """Why this address must not answer any more (a key of models.FEED_ENDS), or None while it may: its owner
    is active, still holds a role that may subscribe, and may still read that schedule."""
    if token.revoked_at is not None:
        return token.revoked_reason or "revoked"
    owner = token.owner
    if owner is None or not owner.active:
        return "deactivated"
    if not in_roles(owner, SUBSCRIBERS):
        return "role"
    if token.leader_id is not None:
        if token.leader is None or not can(owner, token.leader, "schedule"):
            return "leader_link" if in_roles(owner, LEADER_ACCOUNTS) else "role"
        return None
    return None if token.user_id == owner.id else "role"
