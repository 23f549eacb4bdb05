"""The order of precedence of an occasion's participants.

First the effective level: the rank's level plus the officer's adjustment (smaller is more senior; someone
without a rank comes after every ranked person). Among equal levels a guest precedes a host (以客為尊, the
guest is honoured), then the occasion's tie-break rule:

- `office_date`: who took office first (the Vienna Convention's rule for ambassadors, by credentials);
- `alphabetical`: the country's name, then the person's name, in the collation of the host's language
  (Traditional Chinese by stroke count, as Taiwan's official lists);
- `tie_seniority`: whose country's tie with the city is older (the partner's first agreement, or the date
  the relationship began).

Whatever the rule, the next keys (name in the host's collation, then the participant's id) make the order
total, so the list never changes between two readings.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from ..core.collation import NO_NAME, sort_key

UNRANKED = 10_000
LATEST = date.max


@dataclass
class Ranked:
    """One participant as the ordering sees them."""

    id: int
    side: str  # "host" / "guest"
    level: int | None  # the rank's level, None when unranked
    adjustment: int = 0
    took_office_on: date | None = None
    country_name: str = ""  # in the host's language
    name: str = ""  # in the host's language
    tie_since: date | None = None  # the country's (partner's) tie with the city began
    extra: dict = field(default_factory=dict)

    @property
    def effective_level(self) -> int:
        return (UNRANKED if self.level is None else self.level) + self.adjustment


def _tie_key(person: Ranked, rule: str, locale: str) -> tuple:
    if rule == "office_date":
        return (person.took_office_on or LATEST,)
    if rule == "alphabetical":
        return (sort_key(person.country_name, locale) if person.country_name else NO_NAME,)
    if rule == "tie_seniority":
        return (person.tie_since or LATEST,)
    raise ValueError(f"unknown tie-break rule {rule!r}")


def order(people: Sequence[Ranked], rule: str, locale: str) -> list[Ranked]:
    """The participants in order of precedence, most senior first."""
    return sorted(
        people,
        key=lambda p: (
            p.effective_level,
            0 if p.side == "guest" else 1,
            *_tie_key(p, rule, locale),
            sort_key(p.name, locale),
            p.id,
        ),
    )


def side_order(people: Sequence[Ranked], rule: str, locale: str) -> tuple[list[Ranked], list[Ranked]]:
    """(hosts, guests), each in order of precedence."""
    ordered = order(people, rule, locale)
    return [p for p in ordered if p.side == "host"], [p for p in ordered if p.side == "guest"]
