"""The figures a target can be set on, and how each is counted from the records.

A metric counts one or more activity kinds (intl/plan/activities.py). With scope "item" it counts the
records linked to the plan item (and its sub-items); with scope "office" it counts every record of the period
whatever item carries the target (agreements are not linked to plan items: a target of 'two new agreements'
on the New Southbound item is met by agreements signed anywhere, with New Southbound partners for the
_nsb variant). A metric whose kinds are not in the registry yet is pending: targets can be set on it, its
actual figure shows as not counted until the kind's package adds its registry entry.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from ..core.countries import is_new_southbound
from . import activities
from .activities import CARRIED_OUT, DONE

ITEM, OFFICE = "item", "office"


@dataclass(frozen=True)
class Metric:
    key: str
    label: object
    kinds: tuple[str, ...] | None  # None: every plan kind that concerns partners
    measure: str = "count"  # "count", "partners" (distinct partner cities) or a name in the kind's `measures`
    states: frozenset[str] = CARRIED_OUT
    direction: str | None = None
    nsb: bool = False
    scope: str = ITEM
    help: object = ""

    def kind_keys(self) -> list[str]:
        if self.kinds is None:
            return [k.key for k in activities.plan_kinds() if k.partner_pairs is not None]
        return [k for k in self.kinds if k in activities.registry()]

    @property
    def pending(self) -> bool:
        return not self.kind_keys()

    def matches(self, row, countries: dict[int, str]) -> bool:
        if row.kind not in self.kind_keys():
            return False
        kind_ = activities.kind(row.kind)
        if kind_.status is not None and row.state not in self.states:
            return False
        if self.direction is not None and row.direction != self.direction:
            return False
        return not self.nsb or any(is_new_southbound(countries.get(p)) for p in row.partners)

    def value(self, rows: Iterable, countries: dict[int, str]) -> tuple[int, list[tuple[str, int]]]:
        """(the figure, the records behind it) over these rows."""
        matching = [r for r in rows if self.matches(r, countries)]
        refs = [r.ref for r in matching]
        if self.measure == "count":
            return len(matching), refs
        if self.measure == "partners":
            partners = {
                p for r in matching for p in r.partners if not self.nsb or is_new_southbound(countries.get(p))
            }
            return len(partners), refs
        return sum(r.measures.get(self.measure, 0) for r in matching), refs


METRICS: dict[str, Metric] = {
    m.key: m
    for m in [
        Metric(
            "visits_hosted",
            _l("Visits hosted"),
            ("delegation",),
            states=frozenset({DONE}),
            direction="inbound",
            help=_l("Inbound delegations done in the period."),
        ),
        Metric(
            "delegations_sent",
            _l("Delegations sent"),
            ("delegation",),
            states=frozenset({DONE}),
            direction="outbound",
            help=_l("Outbound delegations done in the period."),
        ),
        Metric(
            "partners_engaged",
            _l("Partner cities engaged"),
            None,
            measure="partners",
            help=_l("Distinct partners of the item's activities carried out in the period."),
        ),
        Metric(
            "nsb_partners_engaged",
            _l("New Southbound partners engaged"),
            None,
            measure="partners",
            nsb=True,
            help=_l("Distinct New Southbound partners of the item's activities carried out in the period."),
        ),
        Metric(
            "new_agreements",
            _l("New agreements"),
            ("agreement",),
            scope=OFFICE,
            help=_l("Agreements signed in the period (all partners; agreements are not linked to items)."),
        ),
        Metric(
            "new_agreements_nsb",
            _l("New agreements with New Southbound partners"),
            ("agreement",),
            nsb=True,
            scope=OFFICE,
            help=_l("Agreements signed in the period with partners in New Southbound countries."),
        ),
        Metric("interns_placed", _l("Interns placed"), ("internship_programme",), measure="placed"),
        Metric("lecture_attendance", _l("Lecture attendance"), ("lecture",), measure="attendance"),
        Metric("event_participants", _l("Event participants"), ("event",), measure="participants"),
        Metric("courses_held", _l("Courses held"), ("course",)),
        Metric("letters_on_time", _l("Letters answered on time"), ("letter",), measure="answered_on_time"),
    ]
}


def metric_choices() -> list[tuple[str, str]]:
    return [(m.key, str(m.label)) for m in METRICS.values()]
