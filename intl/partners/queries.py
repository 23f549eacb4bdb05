"""Reading partners: the filtered, searched and sorted list that the list page and the exports share; a
partner's agreements and timeline."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from flask import current_app
from sqlalchemy import Date, exists, func, literal, select
from werkzeug.datastructures import MultiDict

from ..core import search
from ..core.countries import NEW_SOUTHBOUND, is_country
from ..core.db import db
from ..core.i18n import country_name, format_date
from ..core.pagination import SortTerm
from ..core.search import join_sort_keys, name_order
from ..core.templating import names_html
from ..core.translations import labels
from ..core.urls import id_urls
from ..interactions.timeline import TimelinePage, timeline
from .models import (
    AGREEMENT_STATES,
    AGREEMENT_TYPES,
    FOCUS_AREAS,
    RELATIONSHIPS,
    Agreement,
    Partner,
    PartnerFocus,
)

SORTS = (
    "name",
    "-name",
    "country",
    "-country",
    "relationship",
    "-relationship",
    "since",
    "-since",
    "number",
    "-number",
    "updated",
    "-updated",
)


@dataclass
class PartnerFilters:
    q: str = ""
    country: str = ""
    relationship: str = ""
    new_southbound: str = ""  # "", "yes", "no"
    focus: str = ""
    sort: str = "name"
    capped: bool = False  # set by the query: too many matches to count
    errors: list[str] = field(default_factory=list)

    @classmethod
    def from_args(cls, args: MultiDict) -> PartnerFilters:
        """Read filters from the query string; values that make no sense are dropped, not trusted."""
        filters = cls(q=(args.get("q") or "").strip()[:200])
        country = (args.get("country") or "").upper()
        filters.country = country if is_country(country) else ""
        relationship = args.get("relationship") or ""
        filters.relationship = relationship if relationship in RELATIONSHIPS else ""
        nsb = args.get("nsb") or ""
        filters.new_southbound = nsb if nsb in ("yes", "no") else ""
        focus = args.get("focus") or ""
        filters.focus = focus if focus in FOCUS_AREAS else ""
        sort = args.get("sort") or "name"
        filters.sort = sort if sort in SORTS else "name"
        return filters

    def as_args(self, **changes) -> dict:
        values = {
            "q": self.q,
            "country": self.country,
            "relationship": self.relationship,
            "nsb": self.new_southbound,
            "focus": self.focus,
            "sort": self.sort,
        }
        values.update(changes)
        return {k: v for k, v in values.items() if v}

    @property
    def active(self) -> bool:
        return bool(self.q or self.country or self.relationship or self.new_southbound or self.focus)


def partner_list(filters: PartnerFilters, locale: str):
    """The SELECT of visible partners, a cheaper SELECT of the same rows for counting, and the sort terms."""
    if locale not in current_app.config["LANGUAGES"]:
        locale = current_app.config["BABEL_DEFAULT_LOCALE"]
    base = select(Partner).where(Partner.archived_at.is_(None))
    found = search.id_filter(Partner.id, "partner", filters.q) if filters.q else None
    if filters.country:
        base = base.where(Partner.country == filters.country)
    if filters.relationship:
        base = base.where(Partner.relationship == filters.relationship)
    if filters.new_southbound == "yes":
        base = base.where(Partner.country.in_(sorted(NEW_SOUTHBOUND)))
    elif filters.new_southbound == "no":
        base = base.where(Partner.country.not_in(sorted(NEW_SOUTHBOUND)))
    if filters.focus:
        base = base.where(
            exists().where(PartnerFocus.partner_id == Partner.id, PartnerFocus.area == filters.focus)
        )
    by_name = filters.sort.lstrip("-") == "name"
    stmt, base, sort_key = join_sort_keys(base, "partner", Partner.id, locale, found, by_name)
    filters.capped = found is not None and found.capped
    return stmt, base, _sort_terms(filters.sort, sort_key, filters.active)


class TieLine(NamedTuple):
    """A tie that is not in force, shown under its partner's standing."""

    state: str
    kind: str
    signed: str  # the signing date as the reader reads it, "" when unknown
    state_label: str


class PartnerRow(NamedTuple):
    """A row of the partner list as it is shown, its texts worked out once in Python (as the contact list's
    rows are) rather than by a filter call per cell from the template."""

    url: str
    number: int | str
    names: str  # Markup: the reader's form of the name and the others beside it
    country: str
    new_southbound: bool
    relationship: str
    ties: list[TieLine]
    since: str
    focus: list[str]


def partner_rows(partners: list[Partner], ties: dict[int, list[Agreement]], locale: str) -> list[PartnerRow]:
    """The rows of a page of the partner list, in the reader's language."""
    url = id_urls("partners.detail", "partner_id")
    relationships, focus_areas = labels(RELATIONSHIPS), labels(FOCUS_AREAS)
    kinds, states = labels(AGREEMENT_TYPES), labels(AGREEMENT_STATES)
    rows = []
    for partner in partners:
        lines = [
            TieLine(
                tie.effective_state,
                kinds[tie.agreement_type],
                format_date(tie.signed_on, precision=tie.signed_precision) if tie.signed_on else "",
                states[tie.effective_state],
            )
            for tie in ties.get(partner.id, [])
            if tie.effective_state != "in_force"
        ]
        rows.append(
            PartnerRow(
                url=url(partner.id),
                number=partner.sequence_no or "",
                names=names_html(partner.names, locale),
                country=country_name(partner.country, locale),
                new_southbound=partner.new_southbound,
                relationship=relationships[partner.relationship],
                ties=lines,
                since=format_date(partner.relationship_since, precision=partner.since_precision),
                focus=[focus_areas[area] for area in partner.focus_areas],
            )
        )
    return rows


def _sort_terms(sort: str, sort_key, filtered: bool) -> list[SortTerm]:
    column = {
        "name": None,
        "country": Partner.country,
        "relationship": Partner.relationship,
        "since": func.coalesce(Partner.relationship_since, literal(date(1000, 1, 1), Date)),
        "number": func.coalesce(Partner.sequence_no, 1_000_000),
        "updated": Partner.updated_at,
    }[sort.lstrip("-")]
    return name_order(sort_key, Partner.id, column, sort.startswith("-"), filtered)


def live_agreements(partner: Partner) -> list[Agreement]:
    """A partner's agreements that are not archived, the latest signed first."""
    return list(
        db.session.scalars(
            select(Agreement)
            .where(Agreement.partner_id == partner.id, Agreement.archived_at.is_(None))
            .order_by(Agreement.signed_on.desc().nulls_last(), Agreement.id.desc())
        )
    )


def partner_timeline(partner: Partner, cursor: str | None) -> TimelinePage:
    """The partner's timeline: its interactions, its changes and the changes to its agreements."""
    return timeline(
        "partner",
        partner.id,
        cursor,
        audit_ids={"agreement": select(Agreement.id).where(Agreement.partner_id == partner.id)},
    )


def superseding_choices(partner: Partner, exclude_id: int | None = None) -> list[tuple[int, str]]:
    """The partner's other live agreements, which an agreement may be superseded by."""
    return [
        (
            a.id,
            f"{AGREEMENT_TYPES.get(a.agreement_type, a.agreement_type)} "
            f"{format_date(a.signed_on, precision=a.signed_precision)}",
        )
        for a in partner.agreements
        if a.id != exclude_id and a.archived_at is None
    ]
