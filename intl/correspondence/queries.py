"""The letter list: filters, search, visibility and keyset pages; the overdue count; letters about a record;
replies; the templates; the delegations a letter may be about.

Every statement of letters here carries `visible(user, Letter)` (the letter policy's rule as SQL), so no
list, count or search result includes a letter its reader may not open.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple

from sqlalchemy import func, select
from werkzeug.datastructures import MultiDict

from ..core import search
from ..core.access import visible
from ..core.dates import DAY, era_of_reader, write_date
from ..core.db import db
from ..core.i18n import current_locale_code
from ..core.models import RECORD_KINDS
from ..core.pagination import SortTerm
from ..core.plan_links import item_filter
from ..core.time import office_today
from ..core.translations import labels
from ..core.urls import id_urls
from .models import TEMPLATE_KINDS, Letter, LetterLink, LetterParty, LetterTemplate
from .workflow import DIRECTIONS, OPEN_STATUSES, STATUSES

_ID = re.compile(r"\[#(\d{1,10})\]\s*$|^\s*#?(\d{1,10})\s*$")


def _year(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() and 1900 <= int(value) <= 2200 else None


def _record_id(value: str | None) -> int | None:
    match = _ID.search(value or "")
    return int(match.group(1) or match.group(2)) if match else None


@dataclass
class LetterFilters:
    q: str = ""
    direction: str = ""
    status: str = ""
    year: int | None = None
    overdue: bool = False
    mine: bool = False
    partner: int | None = None
    partner_text: str = ""
    partner_error: str = ""
    plan_item: int | None = None
    capped: bool = False  # the search matched more letters than are counted

    @classmethod
    def from_args(cls, args: MultiDict) -> LetterFilters:
        partner_text = (args.get("partner") or "").strip()[:300]
        return cls(
            q=(args.get("q") or "").strip()[:200],
            direction=args.get("direction") if args.get("direction") in DIRECTIONS else "",
            status=args.get("status") if args.get("status") in STATUSES else "",
            year=_year(args.get("year")),
            overdue=args.get("overdue") == "1",
            mine=args.get("mine") == "1",
            partner=_record_id(partner_text),
            partner_text=partner_text,
            plan_item=_record_id(args.get("plan_item")),
        )


def overdue_condition(today: date):
    return Letter.due_on < today, Letter.status.in_(OPEN_STATUSES)


def letter_list(filters: LetterFilters, user, today: date):
    """(statement, sort terms) of the letters the user may see matching the filters, newest first."""
    stmt = select(Letter).where(Letter.archived_at.is_(None), visible(user, Letter))
    if filters.direction:
        stmt = stmt.where(Letter.direction == filters.direction)
    if filters.status:
        stmt = stmt.where(Letter.status == filters.status)
    if filters.year:
        stmt = stmt.where(
            Letter.letter_on >= date(filters.year, 1, 1), Letter.letter_on <= date(filters.year, 12, 31)
        )
    if filters.overdue:
        stmt = stmt.where(*overdue_condition(today))
    if filters.mine:
        stmt = stmt.where(Letter.assigned_to_id == user.id)
    if filters.partner:
        of_partner = select(LetterParty.letter_id).where(
            LetterParty.kind == "partner", LetterParty.entity_id == filters.partner
        )
        stmt = stmt.where(Letter.id.in_(of_partner))
    if filters.plan_item:
        stmt = stmt.where(item_filter(Letter.plan_item_id, filters.plan_item))
    if filters.q:
        found = search.id_filter(Letter.id, "letter", filters.q)
        if found is not None:
            stmt = stmt.where(found.condition)
            filters.capped = found.capped
    return stmt, [SortTerm(Letter.letter_on, True), SortTerm(Letter.id, True)]


def overdue_count(user, today: date) -> int:
    return db.session.scalar(
        select(func.count())
        .select_from(Letter)
        .where(Letter.archived_at.is_(None), visible(user, Letter), *overdue_condition(today))
    )


def letters_about(kind: str, entity_id: int, user) -> list[Letter]:
    """The letters linked to a delegation, event or lecture that the user may see, newest first: for the
    record's own page (a lecture lists its speaker's invitation and thank-you letters)."""
    about = select(LetterLink.letter_id).where(LetterLink.kind == kind, LetterLink.entity_id == entity_id)
    return list(
        db.session.scalars(
            select(Letter)
            .where(Letter.id.in_(about), Letter.archived_at.is_(None), visible(user, Letter))
            .order_by(Letter.letter_on.desc(), Letter.id.desc())
        )
    )


def letters_with(kind: str, entity_id: int, user, limit: int = 50) -> list[Letter]:
    """The letters a contact, organization or partner wrote, received or was copied, for its page."""
    of = select(LetterParty.letter_id).where(LetterParty.kind == kind, LetterParty.entity_id == entity_id)
    return list(
        db.session.scalars(
            select(Letter)
            .where(Letter.id.in_(of), Letter.archived_at.is_(None), visible(user, Letter))
            .order_by(Letter.letter_on.desc(), Letter.id.desc())
            .limit(limit)
        )
    )


def replies_to(letter: Letter, user) -> list[Letter]:
    """The replies to a letter that the user may open, oldest first."""
    return list(
        db.session.scalars(
            select(Letter)
            .where(Letter.in_reply_to_id == letter.id, Letter.archived_at.is_(None), visible(user, Letter))
            .order_by(Letter.id)
        )
    )


def all_templates() -> list[LetterTemplate]:
    return list(
        db.session.scalars(
            select(LetterTemplate).order_by(LetterTemplate.kind, LetterTemplate.language, LetterTemplate.name)
        )
    )


def active_templates() -> list[LetterTemplate]:
    """The templates in use, by kind (in the order of TEMPLATE_KINDS), language and name."""
    order = list(TEMPLATE_KINDS)
    return sorted(
        db.session.scalars(select(LetterTemplate).where(LetterTemplate.active.is_(True))),
        key=lambda t: (order.index(t.kind) if t.kind in order else len(order), t.language, t.name),
    )


def delegation_choices(keep: list[int] = ()) -> list[tuple[str, str]]:
    """Delegations of the last two years and upcoming ones (and any already linked), newest first, as
    (id, "title (first day)"). Delegations are a feature above letters: they are found by their kind name."""
    delegation = RECORD_KINDS.get("delegation")
    if delegation is None:
        return []
    since = office_today() - timedelta(days=730)
    rows = db.session.scalars(
        select(delegation)
        .where(
            delegation.archived_at.is_(None),
            (delegation.end_on >= since) | delegation.id.in_(list(keep) or [-1]),
        )
        .order_by(delegation.start_on.desc())
        .limit(300)
    )
    locale = current_locale_code()
    return [(str(d.id), f"{d.title.get_for(locale)} ({d.start_on.isoformat()})") for d in rows]


class LetterRow(NamedTuple):
    """A row of the letter list as it is shown, its texts worked out once in Python rather than by a filter
    or a url_for call per cell from the template."""

    id: int
    date: str
    reference_no: str
    direction: str
    url: str
    lang: str
    subject: str
    confidential: bool
    correspondents: str  # the names of the senders and recipients (not those copied), joined
    status: str
    due: str
    overdue: bool
    officer: str


def letter_rows(letters: list[Letter], names: dict, today: date, locale: str) -> list[LetterRow]:
    """The rows of a page of the letter list; `names`: {(kind, id): name} of the correspondents."""
    url = id_urls("correspondence.detail", "letter_id")
    directions, statuses = labels(DIRECTIONS), labels(STATUSES)
    era = era_of_reader(locale)
    rows = []
    for letter in letters:
        rows.append(
            LetterRow(
                id=letter.id,
                date=write_date(letter.letter_on, DAY, "medium", locale=locale, era=era),
                reference_no=letter.reference_no,
                direction=directions[letter.direction],
                url=url(letter.id),
                lang=letter.language.replace("_", "-"),
                subject=letter.subject,
                confidential=letter.confidential,
                correspondents=", ".join(
                    names.get((p.kind, p.entity_id), "") for p in letter.parties if p.role != "cc"
                ),
                status=statuses[letter.status],
                due=write_date(letter.due_on, DAY, "medium", locale=locale, era=era),
                overdue=letter.is_overdue(today),
                officer=letter.assigned_to.display_name if letter.assigned_to else "",
            )
        )
    return rows
