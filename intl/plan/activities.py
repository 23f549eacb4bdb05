"""The activity kinds the plan, its budget and its report count: one explicit entry per kind.

Every figure of the budget, the targets, the report and the dashboard is computed from these entries, and
the page listing "the records behind a figure" runs the same queries, so a figure and its list cannot differ.

An entry says, with SQL expressions on the kind's own model:
- `day`: the date the record counts on (a Date column, or a UTC datetime column with `day_is_instant`);
- `live`: which rows exist at all (not archived);
- `title` and `detail`: what to show in lists, and the record's page as (endpoint, argument, column);
- for kinds that link to the plan (`plan_item` set): `status` with `states` mapping each status to one of
  DONE / UNDER_WAY / CONFIRMED / PROPOSED / CANCELLED, `actual_cost` and `planned_cost` in NT$, `categories`
  (a JSON list of intl.delegations.models.CATEGORIES codes) and `direction` (inbound / outbound, or the kind's
  own subtype), and `list_endpoint` (its list page, which accepts ?plan_item=<id>);
- `partner_pairs`: a SELECT of (record_id, partner_id) when the kind concerns partner cities;
- `measures`: named numeric columns a metric can sum (a lecture's attendance, an event's participants).

Kinds that concern partners but do not link to the plan (interactions, agreements) still count in the
exchange statistics and for dormant partners. Letters and gifts have no `partner_pairs` on purpose: an
exchange is a visit, a meeting, a call or an agreement; the letters to a partner and the gifts to it are on the
partner's own page, and counting 10,000 letters a year as exchanges would drown the visits in the statistics. A new kind needs a `plan_item_id` column on its model, a
factory below, one line in KIND_FACTORIES, the plan-item picker on its form (intl/plan/linking.py) and the
?plan_item= filter on its list.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, case, exists, func, select

from ..correspondence.models import Letter
from ..courses.models import Course, CourseSession
from ..delegations.models import Delegation, delegation_partner
from ..events.models import Event, Registration
from ..gifts.models import Gift
from ..interactions.models import Interaction, InteractionLink
from ..internships.models import InternshipPosition, InternshipProgramme
from ..internships.placement_models import Placement
from ..lectures.models import Lecture, LectureSeries
from ..partners.models import Agreement
from ..partners.standing import tie_on_record

DONE, UNDER_WAY, CONFIRMED, PROPOSED, CANCELLED = "done", "under_way", "confirmed", "proposed", "cancelled"
STATES = {
    DONE: _l("Done"),
    UNDER_WAY: _l("Under way"),
    CONFIRMED: _l("Confirmed"),
    PROPOSED: _l("Proposed"),
    CANCELLED: _l("Cancelled"),
}
CARRIED_OUT = frozenset({DONE, UNDER_WAY})


@dataclass(frozen=True)
class ActivityKind:
    key: str
    label: Any  # lazy plural: "Delegations"
    model: type
    day: Any
    live: Callable[[], Any]
    title: Any
    detail: tuple[str, str, Any]  # (endpoint, argument name, column giving its value) of the record's page
    day_is_instant: bool = False
    plan_item: Any = None
    status: Any = None
    states: dict[str, str] = field(default_factory=dict)
    actual_cost: Any = None
    planned_cost: Any = None
    categories: Any = None
    direction: Any = None
    partner_pairs: Callable[[], Any] | None = None
    measures: dict[str, Any] = field(default_factory=dict)
    list_endpoint: str | None = None
    # Visits, events, lectures, courses and programmes are listed one by one (coming up on the dashboard, in its
    # monthly chart, in the report's and the printed report's activity lists); letters and gifts (thousands a
    # year) are counted per item instead, and listed in the spreadsheet and behind each figure.
    itemised: bool = True

    @property
    def links_to_plan(self) -> bool:
        return self.plan_item is not None

    @property
    def has_money(self) -> bool:
        """Whether its records spend or commit budget."""
        return self.actual_cost is not None or self.planned_cost is not None

    def state_of(self, status: str | None) -> str:
        return self.states.get(status or "", PROPOSED)


def _delegation() -> ActivityKind:
    return ActivityKind(
        key="delegation",
        label=_l("Delegations"),
        model=Delegation,
        day=Delegation.start_on,
        live=lambda: Delegation.archived_at.is_(None),
        title=Delegation.title,
        detail=("delegations.detail", "delegation_id", Delegation.id),
        plan_item=Delegation.plan_item_id,
        status=Delegation.status,
        states={
            "proposed": PROPOSED,
            "confirmed": CONFIRMED,
            "under_way": UNDER_WAY,
            "done": DONE,
            "cancelled": CANCELLED,
        },
        actual_cost=Delegation.actual_cost,
        planned_cost=Delegation.budget,
        categories=Delegation.categories,
        direction=Delegation.direction,
        partner_pairs=lambda: select(
            delegation_partner.c.delegation_id.label("record_id"),
            delegation_partner.c.partner_id.label("partner_id"),
        ),
        list_endpoint="delegations.index",
    )


def _interaction() -> ActivityKind:
    return ActivityKind(
        key="interaction",
        label=_l("Interactions"),
        model=Interaction,
        day=Interaction.occurred_at,
        day_is_instant=True,
        live=lambda: Interaction.archived_at.is_(None),
        title=Interaction.subject,
        detail=("interactions.edit", "interaction_id", Interaction.id),
        direction=Interaction.kind,
        partner_pairs=lambda: select(
            InteractionLink.interaction_id.label("record_id"), InteractionLink.entity_id.label("partner_id")
        ).where(InteractionLink.kind == "partner"),
    )


def _agreement() -> ActivityKind:
    return ActivityKind(
        key="agreement",
        label=_l("Agreements signed"),
        model=Agreement,
        day=Agreement.signed_on,
        live=tie_on_record,  # a void tie never held: it is no agreement signed
        title=Agreement.title,
        detail=("partners.detail", "partner_id", Agreement.partner_id),
        direction=Agreement.agreement_type,
        partner_pairs=lambda: select(
            Agreement.id.label("record_id"), Agreement.partner_id.label("partner_id")
        ),
    )


def _event() -> ActivityKind:
    checked_in = (
        select(func.count(Registration.id))
        .where(Registration.event_id == Event.id, Registration.checked_in_at.is_not(None))
        .correlate(Event)
        .scalar_subquery()
    )
    return ActivityKind(
        key="event",
        label=_l("Events"),
        model=Event,
        day=Event.start_dt,
        day_is_instant=True,
        live=lambda: Event.archived_at.is_(None),
        title=Event.title,
        detail=("events.detail", "event_id", Event.id),
        plan_item=Event.plan_item_id,
        status=Event.status,
        states={"planned": PROPOSED, "confirmed": CONFIRMED, "done": DONE, "cancelled": CANCELLED},
        actual_cost=Event.actual_cost,
        planned_cost=Event.budget,
        direction=Event.kind,
        measures={"participants": checked_in},
        list_endpoint="events.index",
    )


def _lecture() -> ActivityKind:
    live_series = select(LectureSeries.id).where(LectureSeries.archived_at.is_(None))
    return ActivityKind(
        key="lecture",
        label=_l("Lectures"),
        model=Lecture,
        day=Lecture.start_dt,
        day_is_instant=True,
        # Lectures are not archived one by one: they go with their series.
        live=lambda: Lecture.series_id.in_(live_series),
        title=Lecture.topic,
        detail=("lectures.detail", "lecture_id", Lecture.id),
        plan_item=Lecture.plan_item_id,
        status=Lecture.status,
        states={"planned": PROPOSED, "confirmed": CONFIRMED, "done": DONE, "cancelled": CANCELLED},
        direction=Lecture.speaker_role,
        measures={"attendance": Lecture.attendance},
        list_endpoint="lectures.index",
    )


def _course() -> ActivityKind:
    # A course counts on the day of its first session that is not cancelled (a course has no date itself).
    first_session = (
        select(func.min(CourseSession.start_dt))
        .where(CourseSession.course_id == Course.id, CourseSession.status != "cancelled")
        .correlate(Course)
        .scalar_subquery()
    )
    return ActivityKind(
        key="course",
        label=_l("Staff courses"),
        model=Course,
        day=first_session,
        day_is_instant=True,
        live=lambda: Course.archived_at.is_(None),
        title=Course.title,
        detail=("courses.detail", "course_id", Course.id),
        plan_item=Course.plan_item_id,
        status=Course.status,
        states={
            "planned": PROPOSED,
            "open": CONFIRMED,
            "running": UNDER_WAY,
            "done": DONE,
            "cancelled": CANCELLED,
        },
        direction=Course.topic,
        list_endpoint="courses.index",
    )


def _internship_programme() -> ActivityKind:
    placed = (
        select(func.count(Placement.id))
        .join(InternshipPosition, InternshipPosition.id == Placement.position_id)
        .where(InternshipPosition.programme_id == InternshipProgramme.id, Placement.status != "cancelled")
        .correlate(InternshipProgramme)
        .scalar_subquery()
    )
    return ActivityKind(
        key="internship_programme",
        label=_l("Internship programmes"),
        model=InternshipProgramme,
        day=InternshipProgramme.start_on,
        live=lambda: InternshipProgramme.archived_at.is_(None),
        title=InternshipProgramme.title,
        detail=("internships.programme", "programme_id", InternshipProgramme.id),
        plan_item=InternshipProgramme.plan_item_id,
        direction=InternshipProgramme.kind,
        measures={"placed": placed},
        list_endpoint="internships.index",
    )


def _letter() -> ActivityKind:
    # A table alias, not an ORM one: the registry is built before every mapper is configured.
    reply = Letter.__table__.alias("reply")
    # An incoming letter is answered on time when a reply to it was sent by its due date (any day when it
    # had none).
    answered_on_time = case(
        (
            and_(
                Letter.direction == "incoming",
                exists(
                    select(reply.c.id).where(
                        reply.c.in_reply_to_id == Letter.id,
                        reply.c.archived_at.is_(None),
                        reply.c.sent_on.is_not(None),
                        (Letter.due_on.is_(None)) | (reply.c.sent_on <= Letter.due_on),
                    )
                ),
            ),
            1,
        ),
        else_=0,
    )
    return ActivityKind(
        key="letter",
        label=_l("Letters"),
        model=Letter,
        day=Letter.letter_on,
        live=lambda: Letter.archived_at.is_(None),
        # A confidential letter shows by its reference number only: reports reach leaders and every officer.
        title=case((Letter.confidential.is_(True), Letter.reference_no), else_=Letter.subject),
        detail=("correspondence.detail", "letter_id", Letter.id),
        plan_item=Letter.plan_item_id,
        status=Letter.status,
        states={
            "registered": UNDER_WAY,
            "assigned": UNDER_WAY,
            "answered": DONE,
            "filed": DONE,
            "draft": UNDER_WAY,
            "in_translation": UNDER_WAY,
            "in_review": UNDER_WAY,
            "approved": CONFIRMED,
            "sent": DONE,
        },
        direction=Letter.direction,
        measures={"answered_on_time": answered_on_time},
        list_endpoint="correspondence.index",
        itemised=False,
    )


def _gift() -> ActivityKind:
    return ActivityKind(
        key="gift",
        label=_l("Gifts"),
        model=Gift,
        day=Gift.exchanged_on,
        live=lambda: Gift.archived_at.is_(None),
        title=Gift.description,
        detail=("gifts.detail", "gift_id", Gift.id),
        plan_item=Gift.plan_item_id,
        # What the city gives is bought from the plan's budget; what it receives costs nothing.
        actual_cost=case((Gift.direction == "given", Gift.estimated_value * Gift.quantity), else_=None),
        direction=Gift.direction,
        list_endpoint="gifts.index",
        itemised=False,
    )


# The registry, in the order the report lists kinds. Add one line per new kind (see the module docstring).
KIND_FACTORIES: dict[str, Callable[[], ActivityKind]] = {
    "delegation": _delegation,
    "event": _event,
    "lecture": _lecture,
    "course": _course,
    "internship_programme": _internship_programme,
    "letter": _letter,
    "gift": _gift,
    "interaction": _interaction,
    "agreement": _agreement,
}


@lru_cache(maxsize=1)
def registry() -> dict[str, ActivityKind]:
    return {key: factory() for key, factory in KIND_FACTORIES.items()}


def kind(key: str) -> ActivityKind:
    return registry()[key]


def plan_kinds() -> list[ActivityKind]:
    """Kinds whose records link to a plan item (and so count for its budget and targets)."""
    return [k for k in registry().values() if k.links_to_plan]


def itemised_kinds() -> list[ActivityKind]:
    """Plan kinds listed record by record (the dashboard, the report's activity lists)."""
    return [k for k in plan_kinds() if k.itemised]


def exchange_kinds() -> list[ActivityKind]:
    """Kinds that concern partner cities: the exchange statistics and dormant partners."""
    return [k for k in registry().values() if k.partner_pairs is not None]


def money(
    kind_: ActivityKind, status: str | None, actual: int | None, planned: int | None
) -> tuple[int, int]:
    """(spent, committed) in NT$ of one activity.

    Money recorded as spent is spent, whatever the status (a prepaid ticket, a cancellation fee). What is not
    spent yet is committed when the activity is confirmed or under way (its budget less what is already
    spent), or done without its actual cost recorded yet (the bill is still to come). Proposed and cancelled
    activities commit nothing.
    """
    state = kind_.state_of(status)
    spent = actual or 0
    if state == DONE:
        return spent, (planned or 0) if actual is None else 0
    if state in (CONFIRMED, UNDER_WAY):
        return spent, max((planned or 0) - spent, 0)
    return spent, 0
